/** A dataset's trajectories as the generators and importers produce them, and its splits. */
import type { DatasetMeta } from './io/meta';

export interface TrajectoryArray {
  /** [N, T, X, Y, C] */
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number, number, number];
}

export interface TrajectorySplits {
  train: TrajectoryArray;
  /** Undefined when the dataset keeps no validation trajectories: training data validate. */
  validation?: TrajectoryArray;
}

/** The train and val trajectories of a dataset, stored in that order along N. */
export function datasetSplits(
  meta: Pick<DatasetMeta, 'split'>,
  payload: { data: Float32Array; shape: readonly number[] },
): TrajectorySplits {
  const [N, T, X, Y, C] = payload.shape as [number, number, number, number, number];
  const perTrajectory = T * X * Y * C;
  const part = (start: number, count: number): TrajectoryArray => ({
    data: payload.data.subarray(start * perTrajectory, (start + count) * perTrajectory),
    shape: [count, T, X, Y, C],
  });
  const train = Math.min(meta.split.train, N);
  const val = Math.min(meta.split.val, N - train);
  if (train < 1) throw new RangeError('This dataset keeps no trajectory for training.');
  return { train: part(0, train), ...(val > 0 ? { validation: part(train, val) } : {}) };
}

/** A split's trajectories: `count` of them from index `first` along N (stored train, val, test). */
export interface TrajectoryRange {
  first: number;
  count: number;
}

/** Where a split's trajectories lie in a dataset of `total` trajectories. */
export function splitRange(
  split: DatasetMeta['split'],
  total: number,
  which: 'validation' | 'test' | 'all',
): TrajectoryRange {
  const train = Math.min(split.train, total);
  const val = Math.min(split.val, total - train);
  const test = Math.min(split.test, total - train - val);
  if (which === 'validation') return { first: train, count: val };
  if (which === 'test') return { first: train + val, count: test };
  return { first: 0, count: total };
}

/** Which split trajectory `index` belongs to (trajectories are stored train, validation, test). */
export type TrajectorySplit = 'train' | 'validation' | 'test';

export function trajectorySplit(split: DatasetMeta['split'], index: number): TrajectorySplit {
  if (index < split.train) return 'train';
  if (index < split.train + split.val) return 'validation';
  return 'test';
}

/** The first test trajectory, else the first validation one, else 0: one training never saw. */
export function defaultTrajectory(split: DatasetMeta['split']): number {
  if (split.test > 0) return split.train + split.val;
  if (split.val > 0) return split.train;
  return 0;
}
