/**
 * Datasets as files: .zip (data.npy + meta.json), bare .npy (+ its .json), or HDF5 in a
 * PDEBench-like layout — and back, by content rather than by the file name. Other HDF5 files
 * (PDEBench's own, …) need the user to map their axes: see NeedsAxisMappingError.
 */
import { checkBundle, checkHasValues, type DatasetBundle } from './io/bundle';
import { DatasetFormatError } from './io/errors';
import { decodeDatasetHdf5 } from './io/hdf5Decode';
import { encodeDatasetHdf5 } from './io/hdf5Export';
import { inspectHdf5 } from './io/hdf5Inspect';
import { parseDatasetMetaJson, stringifyDatasetMeta, type DatasetMeta } from './io/meta';
import { DEFAULT_MAX_BYTES } from './io/ndarray';
import { decodeNpy, encodeNpy } from './io/npy';
import { detectDatasetFormat } from './io/signatures';
import { decodeDatasetZip, encodeDatasetZip } from './io/zip';
import { NeedsAxisMappingError } from './foreignHdf5Plan';
import { proposeForeignPlan } from './foreignHdf5Propose';

export { NeedsAxisMappingError };
export { importForeignHdf5 } from './foreignHdf5';

export type ExportFormat = 'zip' | 'npy' | 'hdf5';

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
  type: string;
}

/** The files one export produces (a bare .npy comes with its metadata sidecar). */
export async function exportDataset(
  bundle: DatasetBundle,
  baseName: string,
  format: ExportFormat,
): Promise<ExportFile[]> {
  const name = baseName.replace(/[^\w.-]+/g, '_') || 'dataset';
  switch (format) {
    case 'zip':
      return [{ name: `${name}.zip`, bytes: encodeDatasetZip(bundle), type: 'application/zip' }];
    case 'npy':
      return [
        { name: `${name}.npy`, bytes: encodeNpy(bundle), type: 'application/octet-stream' },
        {
          name: `${name}.json`,
          bytes: new TextEncoder().encode(stringifyDatasetMeta(bundle.meta)),
          type: 'application/json',
        },
      ];
    case 'hdf5':
      return [
        { name: `${name}.h5`, bytes: await encodeDatasetHdf5(bundle), type: 'application/x-hdf5' },
      ];
  }
}

/**
 * Reads a dataset file of any supported format. A bare .npy carries no metadata: it gets a
 * neutral description (unit box, frame indices as times) that the user can see and correct.
 * An HDF5 file PDE Lab did not write throws NeedsAxisMappingError, carrying what the file holds
 * and a proposed import plan; importForeignHdf5 reads it once the user has confirmed the plan.
 */
export async function importDataset(
  bytes: Uint8Array,
  fileName: string,
  maxBytes?: number,
  /** The text of a bare .npy's metadata sidecar (its .json), when the user gave one. */
  sidecar?: string,
): Promise<DatasetBundle> {
  const format = detectDatasetFormat(bytes);
  const options = maxBytes === undefined ? {} : { maxBytes };
  let bundle: DatasetBundle;
  if (format === 'zip') bundle = decodeDatasetZip(bytes, options);
  else if (format === 'hdf5') {
    const contents = await inspectHdf5(bytes);
    if (!contents.isPdeLabExport) {
      const limit = maxBytes ?? DEFAULT_MAX_BYTES;
      const plan = proposeForeignPlan(contents, fileName, limit);
      throw new NeedsAxisMappingError(fileName, bytes, contents, plan, limit);
    }
    bundle = await decodeDatasetHdf5(bytes, options);
  } else if (format === 'npy') {
    const array = decodeNpy(bytes, options);
    checkHasValues(array.shape);
    const meta =
      sidecar === undefined ? neutralMeta(array.shape, fileName) : parseDatasetMetaJson(sidecar);
    bundle = { ...array, meta };
  } else {
    throw new DatasetFormatError(
      `“${fileName}” is not a dataset file this lab reads: expected .npy, a .zip holding data.npy and meta.json, or HDF5.`,
    );
  }
  checkBundle(bundle);
  return bundle;
}

function neutralMeta(shape: readonly number[], fileName: string): DatasetMeta {
  if (shape.length !== 5) {
    throw new DatasetFormatError(
      `“${fileName}” holds an array of shape [${shape.join(', ')}]; a dataset needs 5 axes [N, T, X, Y, C].`,
    );
  }
  const [n, t, x, y, c] = shape as [number, number, number, number, number];
  if (x !== y) {
    throw new DatasetFormatError(
      `“${fileName}” has a ${x}×${y} grid; the lab works on square grids.`,
    );
  }
  return {
    equation: 'imported',
    scheme: 'unknown',
    seed: 0,
    grid: { n: x, length: 1, origin: 0 },
    times: Array.from({ length: t }, (_, i) => i),
    channels: Array.from({ length: c }, (_, i) => `c${i}`),
    coefficients: {},
    split: { train: n, val: 0, test: 0 },
  };
}
