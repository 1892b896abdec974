/** Helpers for PhysicNet's protocol tests: small swirl datasets with their description. */
import { generateDataset } from '../../data/generate';
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';

/**
 * `count` swirl trajectories (Gaussian blobs carried by seeded random swirls, one flow seed each)
 * of `frames` frames on an n² grid, on whatever tfjs backend is active, with the description
 * (coefficients included) that locates each one's true flow; `train` of them are the train split.
 */
export async function swirlDataset(
  count: number,
  train: number,
  frames: number,
  n: number,
  seed = 1,
): Promise<TrajectoryArray & { meta: DatasetMeta }> {
  const dataset = await generateDataset({
    pde: 'swirl',
    count,
    n,
    frames,
    dt: 0.005,
    recordInterval: 0.02,
    scheme: 'spectral',
    coefficients: { speed: 0.5, modes: 2, flowSeed: [0, 16_777_215] },
    options: {},
    initialCondition: 'gaussian-blobs',
    initialParams: { count: 3, radius: 0.12, radiusSpread: 0.04 },
    seed,
    batchSize: count,
  });
  return {
    data: dataset.data,
    shape: dataset.shape,
    meta: {
      equation: 'swirl',
      scheme: 'spectral',
      initial: 'gaussian-blobs',
      seed,
      grid: dataset.grid,
      times: dataset.times,
      channels: dataset.channels,
      coefficients: dataset.coefficients,
      split: { train, val: count - train, test: 0 },
    },
  };
}

/** Trajectories `first`…`first + count − 1`, without copying. */
export function trajectorySlice(
  set: TrajectoryArray,
  first: number,
  count: number,
): TrajectoryArray {
  const [, T, X, Y, C] = set.shape;
  const size = T * X * Y * C;
  return {
    data: set.data.subarray(first * size, (first + count) * size),
    shape: [count, T, X, Y, C],
  };
}
