/**
 * Reading HDF5 datasets into the lab's [N, T, X, Y, C] float32 layout, whatever their stored
 * axis order: a single dataset, one dataset per numbered group stacked along N (PDEBench 2D), or
 * several same-shaped datasets stacked as channels (PDEBench CFD's density, Vx, Vy, pressure).
 */
import type { Dataset } from 'h5wasm';
import { checkAxisMapping, labShape, labStrides, scatter } from './axes';
import type { LabAxis } from './axes';
import { DatasetFormatError } from './errors';
import { readHdf5 } from './h5file';
import type { H5File, H5wasm } from './h5file';
import { numberedGroups } from './hdf5Inspect';
import { hdf5TypeCode, hdf5TypeWords, isFloatType } from './hdf5Types';
import type { BinaryInput, Float32NdArray } from './ndarray';
import { DEFAULT_MAX_BYTES, checkSizeLimit, elementCount } from './ndarray';
import { formatShape } from './text';

/** Data is read this many bytes at a time (whole rows of the first axis), bounding h5wasm's heap. */
const READ_CHUNK_BYTES = 64 * 1024 ** 2;

export interface Hdf5ReadRequest {
  /**
   * The dataset to read ("data", "density"); with `series`, its path inside each numbered group.
   * Several paths are read alike and stacked along C, in the order given.
   */
  path: string | readonly string[];
  /** Read `path` from every numbered root group ("0000", "0001", …), one trajectory each. */
  series?: boolean;
  /**
   * The lab axis of each stored axis, in stored order: ['T', 'X', 'Y', 'C'] for PDEBench's
   * per-group data, ['N', 'T', 'X', 'Y'] for a single-variable array. Unmapped N and C are 1.
   */
  axes: readonly LabAxis[];
  /** Refuse results larger than this many bytes of float32 (default 1 GiB). */
  maxBytes?: number;
  /**
   * Read only the first this-many trajectories: the first groups with `series`, else the first
   * entries along the axis mapped to N. The size limit applies to what is read.
   */
  trajectoryLimit?: number;
}

/** Reads the requested dataset(s) as a float32 [N, T, X, Y, C] array. */
export function readHdf5Array(
  input: BinaryInput,
  request: Hdf5ReadRequest,
): Promise<Float32NdArray> {
  return readHdf5(input, (file, h5) => readLabArray(file, h5, request));
}

/** Reads a 1-D numeric dataset (a coordinate such as "t-coordinate" or "0000/grid/t"). */
export function readHdf5Vector(input: BinaryInput, path: string): Promise<number[]> {
  return readHdf5(input, (file, h5) => readVector(file, h5, path));
}

export function readLabArray(file: H5File, h5: H5wasm, request: Hdf5ReadRequest): Float32NdArray {
  const paths = typeof request.path === 'string' ? [request.path] : [...request.path];
  if (paths.length === 0) throw new DatasetFormatError('Choose a dataset to import.');
  const series = request.series ?? false;
  const limit = request.trajectoryLimit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) {
    throw new DatasetFormatError(
      `The trajectory limit should be a whole number ≥ 1, not ${String(limit)}.`,
    );
  }
  const groups = series ? numberedGroups(file, h5).slice(0, limit) : [undefined];
  if (groups.length === 0) {
    throw new DatasetFormatError(
      'The file has no numbered groups ("0000", "0001", …) to read trajectories from.',
    );
  }
  const sources = groups.flatMap((group) =>
    paths.map((path) => getFloatDataset(file, h5, group === undefined ? path : `${group}/${path}`)),
  );
  const [first] = sources;
  if (first === undefined) throw new DatasetFormatError('Choose a dataset to import.');
  checkAxisMapping(first.path, first.shape, request.axes, series);
  for (const source of sources) {
    if (!sameShape(source.shape, first.shape)) {
      throw new DatasetFormatError(
        `"${source.path}" has shape ${formatShape(source.shape)} but "${first.path}" has ` +
          `${formatShape(first.shape)}: datasets read together must have the same shape.`,
      );
    }
  }
  // The block read from each source: the stored shape, cut to `limit` along N.
  const nAxis = request.axes.indexOf('N');
  const shape = first.shape.map((size, k) =>
    k === nAxis && limit !== undefined ? Math.min(size, limit) : size,
  );
  const block = labShape(shape, request.axes);
  const [n = 1, t = 1, x = 1, y = 1, c = 1] = block;
  const outShape = [series ? groups.length : n, t, x, y, c * paths.length];
  const count = elementCount(outShape);
  checkSizeLimit(count, outShape, request.maxBytes ?? DEFAULT_MAX_BYTES);
  const out = new Float32Array(count);
  const strides = labStrides(outShape, request.axes);
  const trajectoryStride = count / (outShape[0] || 1);
  sources.forEach((source, i) => {
    const groupIndex = Math.floor(i / paths.length);
    const pathIndex = i % paths.length;
    const base = groupIndex * trajectoryStride + pathIndex * c;
    readInChunks(source.dataset, shape, (chunk, start, rows) => {
      scatter(out, base + start * (strides[0] ?? 0), chunk, [rows, ...shape.slice(1)], strides);
    });
  });
  return { data: out, shape: outShape };
}

export function readVector(file: H5File, h5: H5wasm, path: string): number[] {
  const dataset = getDataset(file, h5, path);
  const metadata = dataset.metadata;
  const shape = metadata.shape ?? [];
  if (shape.length !== 1) {
    throw new DatasetFormatError(
      `"${path}" should be a list of numbers (1 axis), but it has shape ${formatShape(shape)}.`,
    );
  }
  if (metadata.type !== 0 && !isFloatType(metadata)) {
    throw new DatasetFormatError(`"${path}" holds ${hdf5TypeWords(metadata)}, not numbers.`);
  }
  return Array.from(dataset.value as ArrayLike<number | bigint>, Number);
}

export function getDataset(file: H5File, h5: H5wasm, path: string): Dataset {
  const entity = file.get(path);
  if (entity instanceof h5.Dataset) return entity;
  if (entity instanceof h5.Group) {
    throw new DatasetFormatError(
      `"${path}" is a group, not a dataset: choose a dataset inside it.`,
    );
  }
  const available = file
    .paths()
    .filter((p) => file.get(p) instanceof h5.Dataset)
    .slice(0, 8);
  throw new DatasetFormatError(
    `The file has no dataset "${path}"` +
      (available.length > 0 ? ` (it has ${available.map((p) => `"${p}"`).join(', ')}, …).` : '.'),
  );
}

interface FloatSource {
  path: string;
  dataset: Dataset;
  shape: number[];
}

function getFloatDataset(file: H5File, h5: H5wasm, path: string): FloatSource {
  const dataset = getDataset(file, h5, path);
  const metadata = dataset.metadata;
  if (!isFloatType(metadata)) {
    throw new DatasetFormatError(
      `"${path}" holds ${hdf5TypeWords(metadata)} ('${hdf5TypeCode(metadata)}'); PDE Lab imports ` +
        'float32 or float64 datasets. In Python: f[path][...].astype("float32").',
    );
  }
  if (metadata.shape === null) throw new DatasetFormatError(`"${path}" is empty (no dataspace).`);
  return { path, dataset, shape: metadata.shape };
}

/**
 * Reads whole rows of axis 0 at a time, so h5wasm never holds more than one chunk. `shape` may
 * be smaller than the stored shape: each axis is read from 0 up to its size in `shape`.
 */
function readInChunks(
  dataset: Dataset,
  shape: readonly number[],
  onChunk: (chunk: Float32Array | Float64Array, start: number, rows: number) => void,
): void {
  const { size } = dataset.metadata;
  const rows = shape[0] ?? 0;
  const rowBytes = elementCount(shape.slice(1)) * size;
  const rowsPerChunk = Math.max(1, Math.floor(READ_CHUNK_BYTES / Math.max(rowBytes, 1)));
  for (let start = 0; start < rows; start += rowsPerChunk) {
    const end = Math.min(rows, start + rowsPerChunk);
    // h5wasm converts big-endian data to little-endian, the byte order of WebAssembly.
    const chunk = dataset.slice([
      [start, end],
      ...shape.slice(1).map((size): [number, number] => [0, size]),
    ]);
    if (!(chunk instanceof Float32Array || chunk instanceof Float64Array)) {
      throw new DatasetFormatError(`Reading "${dataset.path}" gave no numbers.`);
    }
    onChunk(chunk, start, end - start);
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
