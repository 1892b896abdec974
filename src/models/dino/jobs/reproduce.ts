/**
 * DINo's "Reproduce the paper" job: reads a saved dataset, keeps its train split to train on and
 * the rest (or its last quarter) to score on, and runs the claim protocol at the chosen scale
 * (claimExperiment.ts): DINo and the grid baseline at 5 % and 25 % of the grid, the 2 × 2 errors
 * of each, and the verdict.
 */
import type { DatasetMeta } from '../../../data/io/meta';
import type { TrajectoryArray, TrajectoryRange } from '../../../data/trajectories';
import type { ModelJobContext } from '../../runtime';
import { runClaimExperiment } from '../claimExperiment';
import { CLAIM_PROFILES } from '../claimProfiles';
import {
  REPRODUCE_SCALES,
  type DinoReproduceParams,
  type DinoReproduceResult,
} from './reproduceConfig';
import { reproduceSplit } from './reproduceData';

function checkParams(params: DinoReproduceParams): void {
  if (!(params.scale in REPRODUCE_SCALES)) {
    throw new RangeError(`The scale must be tiny or quick (got ${String(params.scale)}).`);
  }
  if (!Number.isInteger(params.seed) || params.seed < 0) {
    throw new RangeError(`The seed must be a whole number from 0 (got ${params.seed}).`);
  }
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

export async function dinoReproduce(
  params: DinoReproduceParams,
  ctx: ModelJobContext,
): Promise<DinoReproduceResult> {
  checkParams(params);
  ctx.progress(0, 'Reading the dataset');
  const dataset = await ctx.readDataset(params.datasetId);
  const { payload } = dataset;
  if (payload.shape.length !== 5) {
    throw new RangeError('The dataset is not a [N, T, X, Y, C] array of trajectories.');
  }
  const shape = payload.shape as unknown as readonly [number, number, number, number, number];
  const [N, T, X, Y] = shape;
  const profile = CLAIM_PROFILES[params.scale];
  const { config } = profile;
  if (T <= config.trainFrames) {
    throw new RangeError(
      `DINo trains on the first ${config.trainFrames} frames and is scored on the frames after them; these trajectories have ${T}. Build longer ones (20 frames, as DINo).`,
    );
  }
  const split = reproduceSplit(dataset.meta.split, N);
  const meta: DatasetMeta = dataset.meta;
  const outcome = await runClaimExperiment({
    train: trajectories(payload.data, shape, split.train),
    heldOut: trajectories(payload.data, shape, split.heldOut),
    meta,
    config,
    rates: profile.rates,
    steps: profile.steps,
    batchSize: profile.batch,
    baselineSteps: profile.baselineSteps,
    seed: params.seed,
    hooks: { progress: (fraction, message) => ctx.progress(fraction, message), step: ctx.step },
  });
  ctx.progress(1, 'The verdict is in');
  return {
    scale: params.scale,
    seed: params.seed,
    steps: profile.steps,
    baselineSteps: profile.baselineSteps,
    data: {
      trainCount: split.train.count,
      heldOutCount: split.heldOut.count,
      heldOutFrom: split.heldOutFrom,
      frames: T,
      trainFrames: config.trainFrames,
      gridX: X,
      gridY: Y,
    },
    rates: outcome.rates,
    baseline: outcome.baseline,
    verdict: outcome.verdict,
    checks: outcome.checks,
  };
}
