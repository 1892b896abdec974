/** Reading back a file written by encodeDatasetHdf5: the array and its metadata, checked. */
import { checkBundle } from './bundle';
import type { DatasetBundle } from './bundle';
import { DatasetFormatError } from './errors';
import { readHdf5 } from './h5file';
import type { H5File, H5wasm } from './h5file';
import { HDF5_ATTRIBUTES as ATTR, HDF5_DATASETS as DS } from './hdf5Layout';
import { readLabArray, readVector } from './hdf5Read';
import { DATASET_META_FORMAT, DATASET_META_VERSION, parseDatasetMeta } from './meta';
import type { BinaryInput } from './ndarray';

export interface DatasetHdf5ReadOptions {
  /** Refuse arrays whose float32 data would exceed this many bytes (default 1 GiB). */
  maxBytes?: number;
}

export function decodeDatasetHdf5(
  input: BinaryInput,
  options: DatasetHdf5ReadOptions = {},
): Promise<DatasetBundle> {
  return readHdf5(input, (file, h5) => {
    const format = attribute(file, ATTR.format);
    if (format !== DATASET_META_FORMAT) {
      throw new DatasetFormatError(
        'This HDF5 file was not exported by PDE Lab (its root lacks the attribute ' +
          `format = "${DATASET_META_FORMAT}"): import it by choosing a dataset and its axes.`,
      );
    }
    const version = attribute(file, ATTR.formatVersion);
    if (typeof version === 'number' && version > DATASET_META_VERSION) {
      throw new DatasetFormatError(
        `This dataset was written by a newer PDE Lab (format version ${version}); this version ` +
          `reads format version ${DATASET_META_VERSION}. Update PDE Lab to open it.`,
      );
    }
    const channels = attribute(file, ATTR.channels);
    const mix = attribute(file, ATTR.mix);
    const noise = attribute(file, ATTR.noise);
    const meta = parseDatasetMeta({
      equation: attribute(file, ATTR.equation),
      scheme: attribute(file, ATTR.scheme),
      seed: attribute(file, ATTR.seed),
      grid: {
        n: readVector(file, h5, DS.x).length,
        length: attribute(file, ATTR.gridLength),
        origin: attribute(file, ATTR.gridOrigin),
      },
      times: readVector(file, h5, DS.times),
      channels: typeof channels === 'string' ? channels.split(',') : channels,
      coefficients: readCoefficients(file, h5),
      split: {
        train: attribute(file, ATTR.splitTrain),
        val: attribute(file, ATTR.splitVal),
        test: attribute(file, ATTR.splitTest),
      },
      ...(typeof mix === 'string' ? { mix: parseJsonAttribute(mix, 'mix') } : {}),
      ...(typeof noise === 'string' ? { noise: parseJsonAttribute(noise, 'noise') } : {}),
    });
    const array = readLabArray(file, h5, {
      path: DS.data,
      axes: ['N', 'T', 'X', 'Y', 'C'],
      maxBytes: options.maxBytes,
    });
    const bundle = { ...array, meta };
    checkBundle(bundle);
    return bundle;
  });
}

/** A scalar root attribute as a JS value (int64 becomes a number); undefined when absent. */
function attribute(file: H5File, name: string): unknown {
  if (!(name in file.attrs)) return undefined;
  const value = file.get_attribute(name, false);
  return typeof value === 'bigint' ? Number(value) : value;
}

function parseJsonAttribute(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DatasetFormatError(`The file's "${name}" attribute is not valid JSON.`);
  }
}

function readCoefficients(file: H5File, h5: H5wasm): Record<string, number[]> {
  const group = file.get(DS.coefficients);
  if (!(group instanceof h5.Group)) return {};
  return Object.fromEntries(
    group.keys().map((name) => [name, readVector(file, h5, `${DS.coefficients}/${name}`)]),
  );
}
