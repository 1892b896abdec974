/**
 * PhysicNet-style's "Reproduce the paper" job: reads a saved dataset, keeps its train split to
 * train on and the rest (or its last quarter) to score on, and runs the claim protocol at the
 * chosen scale (claimExperiment.ts): the four arms of the ablation grid, the full model on noisy
 * training data, the persistence baseline, and the verdict.
 */
import type { DatasetMeta } from '../../../data/io/meta';
import type { TrajectoryArray, TrajectoryRange } from '../../../data/trajectories';
import type { ModelJobContext } from '../../runtime';
import { runPhysicNetClaim } from '../claimExperiment';
import { PHYSICNET_CLAIM_PROFILES } from '../claimProfiles';
import { physicnetGridProblem } from '../config';
import { swirlDisplacement } from '../evaluation';
import { windowProblem } from '../windows';
import {
  PHYSICNET_REPRODUCE_SCALES,
  type PhysicNetReproduceParams,
  type PhysicNetReproduceResult,
} from './reproduceConfig';

function checkParams(params: PhysicNetReproduceParams): void {
  if (!(params.scale in PHYSICNET_REPRODUCE_SCALES)) {
    throw new RangeError(`The scale must be tiny or quick (got ${String(params.scale)}).`);
  }
  if (!Number.isInteger(params.seed) || params.seed < 0) {
    throw new RangeError(`The seed must be a whole number from 0 (got ${params.seed}).`);
  }
}

/**
 * The train split trains; the validation and test splits, stored after it, are held out, or
 * when the dataset keeps none, its last quarter. Held-out trajectories follow the training ones,
 * so their true flow is found at the same place in the dataset's description.
 */
export function physicnetReproduceSplit(
  split: DatasetMeta['split'],
  total: number,
): { train: TrajectoryRange; heldOut: TrajectoryRange; heldOutFrom: 'split' | 'last quarter' } {
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

/** A range of trajectories of [N, T, X, Y, C] data, without copying. */
function trajectories(
  data: Float32Array,
  shape: readonly [number, number, number, number, number],
  range: TrajectoryRange,
): TrajectoryArray {
  const [, T, X, Y, C] = shape;
  const size = T * X * Y * C;
  return {
    data: data.subarray(range.first * size, (range.first + range.count) * size),
    shape: [range.count, T, X, Y, C],
  };
}

export async function physicnetReproduce(
  params: PhysicNetReproduceParams,
  ctx: ModelJobContext,
): Promise<PhysicNetReproduceResult> {
  checkParams(params);
  ctx.progress(0, 'Reading the dataset');
  const dataset = await ctx.readDataset(params.datasetId);
  const { payload } = dataset;
  if (payload.shape.length !== 5) {
    throw new RangeError('The dataset is not a [N, T, X, Y, C] array of trajectories.');
  }
  const shape = payload.shape as unknown as readonly [number, number, number, number, number];
  const [N, T, X, Y] = shape;
  const profile = PHYSICNET_CLAIM_PROFILES[params.scale];
  const { config } = profile;
  const problem = physicnetGridProblem(X, Y) ?? windowProblem(T, config);
  if (problem) throw new RangeError(problem);
  const split = physicnetReproduceSplit(dataset.meta.split, N);
  const meta: DatasetMeta = dataset.meta;
  const outcome = await runPhysicNetClaim({
    train: trajectories(payload.data, shape, split.train),
    heldOut: trajectories(payload.data, shape, split.heldOut),
    meta,
    config,
    steps: profile.steps,
    batchSize: profile.batch,
    lr: profile.lr,
    seed: params.seed,
    noiseSigma: profile.noiseSigma,
    hooks: {
      progress: (fraction, message) => ctx.progress(fraction, message),
      step: ctx.step,
    },
  });
  ctx.progress(1, 'The verdict is in');
  return {
    scale: params.scale,
    seed: params.seed,
    steps: profile.steps,
    data: {
      trainCount: split.train.count,
      heldOutCount: split.heldOut.count,
      heldOutFrom: split.heldOutFrom,
      frames: T,
      gridX: X,
      gridY: Y,
      knownFlow: swirlDisplacement(meta) !== undefined,
    },
    ...outcome,
  };
}
