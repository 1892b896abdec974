/**
 * Names in PDE Lab's HDF5 export. The layout follows PDEBench's single-file datasets
 * (`t-coordinate`, `x-coordinate`, `y-coordinate` beside the data), with everything else as root
 * attributes, so h5py users can read it without PDE Lab:
 *
 *   data [N, T, X, Y, C] float32        t-coordinate [T], x-coordinate [X], y-coordinate [Y] float64
 *   coefficients/<name> [N] float64     root attributes: see HDF5_ATTRIBUTES
 */
export const HDF5_DATASETS = {
  data: 'data',
  times: 't-coordinate',
  x: 'x-coordinate',
  y: 'y-coordinate',
  coefficients: 'coefficients',
} as const;

export const HDF5_ATTRIBUTES = {
  format: 'format',
  formatVersion: 'format_version',
  equation: 'equation',
  scheme: 'scheme',
  seed: 'seed',
  /** Comma-separated channel names, e.g. "u,v". */
  channels: 'channels',
  gridLength: 'grid_length',
  gridOrigin: 'grid_origin',
  splitTrain: 'split_train',
  splitVal: 'split_val',
  splitTest: 'split_test',
  /** Only in a mixed dataset: its DatasetMix as JSON text. */
  mix: 'mix',
  /** Only with observation noise: the dataset's noise record (DatasetMeta.noise) as JSON text. */
  noise: 'noise',
  /** On the data dataset: "N,T,X,Y,C". */
  axes: 'axes',
} as const;
