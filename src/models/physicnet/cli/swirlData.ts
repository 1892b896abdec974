/**
 * PhysicNet's data (methods §4g): Gaussian blobs carried by a seeded smooth random swirl whose
 * velocity is known, as the Data panel builds them (swirl equation, initial condition
 * 'gaussian-blobs', one flow seed per trajectory), with the sizes and the peak speed given. The
 * training and held-out trajectories come from one build, the held-out ones last, so that each
 * trajectory's true flow is found in the dataset's description.
 */
import { dataPanelRequest } from '../../../cli/dataPanelRequest';
import { generateDataset, type GeneratedDataset } from '../../../data/generate';
import type { DatasetMeta } from '../../../data/io/meta';
import type { TrajectoryArray } from '../../../data/trajectories';

export interface SwirlSizes {
  count: number;
  grid: number;
  frames: number;
  seed: number;
  /** Peak speed (box sides per time unit; the panel's default 0.5). */
  speed?: number;
}

/** `count` swirl trajectories as the Data panel builds them with this seed. */
export function swirlData(sizes: SwirlSizes): Promise<GeneratedDataset> {
  const request = dataPanelRequest(
    { equation: 'swirl', initial: 'gaussian-blobs' },
    { count: sizes.count, seed: sizes.seed, n: sizes.grid, frames: sizes.frames },
  );
  return generateDataset({
    ...request,
    coefficients: {
      ...request.coefficients,
      ...(sizes.speed !== undefined ? { speed: sizes.speed } : {}),
    },
  });
}

/** The description createTrainer and the evaluation read (the true flow comes from it). */
export function swirlMeta(dataset: GeneratedDataset, seed: number, train: number): DatasetMeta {
  return {
    equation: 'swirl',
    scheme: 'spectral',
    initial: 'gaussian-blobs',
    seed,
    grid: dataset.grid,
    times: dataset.times,
    channels: dataset.channels,
    coefficients: dataset.coefficients,
    split: { train, val: dataset.shape[0] - train, test: 0 },
  };
}

/** Trajectories `first`…`first + count − 1` of a dataset, without copying. */
export function trajectoryRange(
  dataset: { data: Float32Array; shape: TrajectoryArray['shape'] },
  first: number,
  count: number,
): TrajectoryArray {
  const [, T, X, Y, C] = dataset.shape;
  const size = T * X * Y * C;
  return {
    data: dataset.data.subarray(first * size, (first + count) * size),
    shape: [count, T, X, Y, C],
  };
}
