import { gridPoints } from '../../pde/grid';
import { checkBundle } from './bundle';
import type { DatasetBundle } from './bundle';
import { DatasetFormatError } from './errors';
import { writeHdf5 } from './h5file';
import { HDF5_ATTRIBUTES as ATTR, HDF5_DATASETS as DS } from './hdf5Layout';
import { DATASET_META_FORMAT, DATASET_META_VERSION } from './meta';

const INT64 = '<q';
const FLOAT64 = '<d';

/** The dataset as an HDF5 file in the layout described in hdf5Layout.ts. */
export async function encodeDatasetHdf5(bundle: DatasetBundle): Promise<Uint8Array> {
  checkBundle(bundle);
  const { data, shape, meta } = bundle;
  const commaChannel = meta.channels.find((name) => name.includes(','));
  if (commaChannel !== undefined) {
    throw new DatasetFormatError(
      `The channel name "${commaChannel}" contains a comma, which separates names in the HDF5 ` +
        'file: rename the channel.',
    );
  }
  const badCoefficient = Object.keys(meta.coefficients).find((name) => /\/|^\.$/.test(name));
  if (badCoefficient !== undefined) {
    throw new DatasetFormatError(
      `The coefficient name "${badCoefficient}" cannot name an HDF5 dataset: rename it.`,
    );
  }
  const points = gridPoints(meta.grid);
  return writeHdf5((file) => {
    const dataset = file.create_dataset({ name: DS.data, data, shape, dtype: '<f' });
    dataset.create_attribute(ATTR.axes, 'N,T,X,Y,C');
    const vector = (name: string, values: ArrayLike<number>): void => {
      file.create_dataset({
        name,
        data: Float64Array.from(values),
        shape: [values.length],
        dtype: FLOAT64,
      });
    };
    vector(DS.times, meta.times);
    vector(DS.x, points);
    vector(DS.y, points);
    const coefficients = file.create_group(DS.coefficients);
    for (const [name, values] of Object.entries(meta.coefficients)) {
      coefficients.create_dataset({
        name,
        data: Float64Array.from(values),
        shape: [values.length],
        dtype: FLOAT64,
      });
    }
    file.create_attribute(ATTR.format, DATASET_META_FORMAT);
    file.create_attribute(ATTR.formatVersion, DATASET_META_VERSION, [], INT64);
    file.create_attribute(ATTR.equation, meta.equation);
    file.create_attribute(ATTR.scheme, meta.scheme);
    file.create_attribute(ATTR.seed, meta.seed, [], INT64);
    file.create_attribute(ATTR.channels, meta.channels.join(','));
    file.create_attribute(ATTR.gridLength, meta.grid.length, [], FLOAT64);
    file.create_attribute(ATTR.gridOrigin, meta.grid.origin, [], FLOAT64);
    file.create_attribute(ATTR.splitTrain, meta.split.train, [], INT64);
    file.create_attribute(ATTR.splitVal, meta.split.val, [], INT64);
    file.create_attribute(ATTR.splitTest, meta.split.test, [], INT64);
    if (meta.mix) file.create_attribute(ATTR.mix, JSON.stringify(meta.mix));
    if (meta.noise) file.create_attribute(ATTR.noise, JSON.stringify(meta.noise));
  });
}
