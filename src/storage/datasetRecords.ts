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
  /**
   * For a dataset the lab built, its recipe (runtime/jobs/datasetRecipe.ts): how a shared link
   * with the same Data settings finds it instead of building it again. Only the lab's storage
   * keeps it.
   */
  recipe?: string;
}
export type DatasetRecordPayload = Float32NdArray;

export function parseDatasetRecordMeta(value: unknown): DatasetRecordMeta {
  const meta = parseDatasetMeta(value);
  const { nonFinite: marked, recipe } = value as { nonFinite?: unknown; recipe?: unknown };
  if (recipe !== undefined && typeof recipe !== 'string') {
    throw new Error('the dataset recipe is not text');
  }
  return {
    ...meta,
    ...(marked === undefined ? {} : { nonFinite: parseNonFiniteReport(marked) }),
    ...(recipe === undefined ? {} : { recipe }),
  };
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
