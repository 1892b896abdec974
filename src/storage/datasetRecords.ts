/** What a stored dataset is: its metadata (as in files) and its [N, T, X, Y, C] float32 array. */
import { parseDatasetMeta, type DatasetMeta } from '../data/io/meta';
import type { Float32NdArray } from '../data/io/ndarray';
import { parseNonFiniteReport, type NonFiniteReport } from '../data/io/nonFinite';

export interface DatasetRecordMeta extends DatasetMeta {
  /**
   * Set when an imported file held NaN or ±Infinity: the dataset is kept (to look at), but no
   * model trains on it. Only the lab's storage keeps it; exported files carry the values.
   */
  nonFinite?: NonFiniteReport;
}
export type DatasetRecordPayload = Float32NdArray;

export function parseDatasetRecordMeta(value: unknown): DatasetRecordMeta {
  const meta = parseDatasetMeta(value);
  const marked = (value as { nonFinite?: unknown }).nonFinite;
  return marked === undefined ? meta : { ...meta, nonFinite: parseNonFiniteReport(marked) };
}

export function parseDatasetRecordPayload(value: unknown): DatasetRecordPayload {
  const payload = value as Partial<Float32NdArray> | null;
  if (!payload || !(payload.data instanceof Float32Array)) {
    throw new Error('the dataset payload has no float32 data');
  }
  const shape = payload.shape;
  if (
    !Array.isArray(shape) ||
    shape.length !== 5 ||
    !shape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    throw new Error('the dataset payload has no [N, T, X, Y, C] shape');
  }
  if (shape.reduce((a, b) => a * b, 1) !== payload.data.length) {
    throw new Error(
      `the shape ${shape.join('×')} does not match the ${payload.data.length} values stored`,
    );
  }
  return { data: payload.data, shape };
}
