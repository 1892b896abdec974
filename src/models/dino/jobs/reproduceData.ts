/**
 * Which trajectories of a saved dataset the reproduction trains on and which it scores on: the
 * train split trains; the validation and test splits are held out, or, when the dataset keeps
 * none, its last quarter of trajectories.
 */
import type { DatasetSplit } from '../../../data/io/meta';
import type { TrajectoryRange } from '../../../data/trajectories';

export interface ReproduceSplit {
  train: TrajectoryRange;
  heldOut: TrajectoryRange;
  heldOutFrom: 'split' | 'last quarter';
}

export function reproduceSplit(split: DatasetSplit, total: number): ReproduceSplit {
  const train = Math.min(split.train, total);
  if (train >= 1 && train < total) {
    return {
      train: { first: 0, count: train },
      heldOut: { first: train, count: total - train },
      heldOutFrom: 'split',
    };
  }
  if (total < 2) {
    throw new RangeError(
      'Reproducing the claim needs at least 2 trajectories: one to train on, one to score on.',
    );
  }
  const heldOut = Math.max(1, Math.floor(total / 4));
  return {
    train: { first: 0, count: total - heldOut },
    heldOut: { first: total - heldOut, count: heldOut },
    heldOutFrom: 'last quarter',
  };
}
