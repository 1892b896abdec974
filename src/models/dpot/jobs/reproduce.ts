/**
 * DPOT's "Reproduce the paper" job: methods §2g's claims on saved datasets, at the chosen scale
 * (claimExperiment.ts).
 *
 * - Claim A reads one dataset: its train split trains both arms, the rest (or its last quarter
 *   when it keeps none) is rolled out.
 * - Claim B reads two: every trajectory of the first pretrains; the train split of the second
 *   fine-tunes the pretrained model and trains a fresh one, and the rest of it is rolled out.
 *
 * A mixed dataset is split into one source per equation with its own channels (dpotSources), so
 * that the Data panel's zero padding is not learnt; the model pads with ones, as DPOT does. A
 * dataset on another square grid than the scale's is resampled to it (Fourier interpolation).
 */
import type { DatasetMix } from '../../../data/io/meta';
import { fourierResample } from '../../../data/resample';
import type { TrajectoryArray, TrajectoryRange } from '../../../data/trajectories';
import type { ModelJobContext, SavedDataset } from '../../runtime';
import { runDpotFinetuneClaim, runDpotNoiseClaim, type DpotClaimHooks } from '../claimExperiment';
import { DPOT_CLAIM_PROFILES, type DpotClaimProfile } from '../claimProfiles';
import { dpotSources } from '../sources';
import type { DpotWindowSource } from '../windows';
import {
  DPOT_NOISE_SIGMA,
  DPOT_REPRODUCE_SCALES,
  DPOT_SEED_COUNT,
  MAX_FINETUNE_TRAJECTORIES,
  MAX_HELD_OUT,
  type DpotFinetuneReproduceParams,
  type DpotFinetuneReproduceResult,
  type DpotNoiseReproduceParams,
  type DpotNoiseReproduceResult,
  type DpotReproduceDataset,
  type DpotReproduceParams,
  type DpotReproduceResult,
} from './reproduceConfig';

const isWhole = (x: unknown, min: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min;
const isId = (x: unknown): x is string => typeof x === 'string' && x !== '';

/** Why these parameters cannot run, in words; undefined when they can. */
export function dpotReproduceProblem(params: DpotReproduceParams): string | undefined {
  const claim: unknown = params.claim;
  if (claim !== 'noise' && claim !== 'finetune') {
    return `The claim must be noise or finetune (got ${String(claim)}).`;
  }
  if (!Object.keys(DPOT_REPRODUCE_SCALES).includes(params.scale)) {
    return `The scale must be tiny or quick (got ${String(params.scale)}).`;
  }
  if (!isWhole(params.seed, 0)) {
    return `The seed must be a whole number from 0 (got ${String(params.seed)}).`;
  }
  if (params.claim === 'noise') {
    if (!isId(params.datasetId)) return 'Choose a dataset.';
    const { min, max } = DPOT_SEED_COUNT;
    if (!isWhole(params.seeds, min) || params.seeds > max) {
      return `The number of seeds must be a whole number from ${min} to ${max} (got ${String(params.seeds)}).`;
    }
    const sigma = DPOT_NOISE_SIGMA;
    if (!(
      typeof params.sigma === 'number' &&
      params.sigma >= sigma.min &&
      params.sigma <= sigma.max
    )) {
      return `The noisy arm's σ_rel must be from ${sigma.min} to ${sigma.max} (got ${String(params.sigma)}).`;
    }
    return undefined;
  }
  if (!isId(params.pretrainDatasetId)) return 'Choose a dataset to pretrain on.';
  if (!isId(params.finetuneDatasetId)) return 'Choose a dataset to fine-tune on.';
  if (params.pretrainDatasetId === params.finetuneDatasetId) {
    return 'Choose two different datasets: one to pretrain on, another, small one to fine-tune on.';
  }
  return undefined;
}

/** A saved dataset on the scale's grid, as one [N, T, X, Y, C] array. */
interface GridSet {
  set: TrajectoryArray;
  mix: DatasetMix | undefined;
  split: SavedDataset['meta']['split'];
  equation: string;
  resampledFrom: number | null;
}

/**
 * The dataset on the scale's grid, checked to hold `need.frames` frames per trajectory (`need.why`
 * says what for); `role` names it in errors ("The dataset", "The pretraining dataset", …).
 */
export function dpotGridSet(
  dataset: SavedDataset,
  size: number,
  need: { frames: number; why: string },
  role = 'The dataset',
): GridSet {
  const { payload, meta } = dataset;
  if (payload.shape.length !== 5) {
    throw new RangeError(`${role} is not a [N, T, X, Y, C] array of trajectories.`);
  }
  const [N, T, X, Y, C] = payload.shape as unknown as [number, number, number, number, number];
  if (X !== Y) {
    throw new RangeError(`DPOT reads square grids; ${role.toLowerCase()} is ${X} × ${Y}.`);
  }
  if (T < need.frames) {
    throw new RangeError(
      `${role} has trajectories of ${T} frames; at this scale they need ${need.frames}: ${need.why}.`,
    );
  }
  const data = X === size ? payload.data : fourierResample(payload.data, N * T, X, size, C);
  return {
    set: { data, shape: [N, T, size, size, C] },
    mix: meta.mix,
    split: meta.split,
    equation: meta.equation,
    resampledFrom: X === size ? null : X,
  };
}

/** The train split trains; the others, stored after it, or else the last quarter, are held out. */
export function dpotReproduceSplit(
  split: SavedDataset['meta']['split'],
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
      'The claim needs at least 2 trajectories in the dataset: one to train on, one to roll out.',
    );
  }
  const heldOut = Math.max(1, Math.floor(total / 4));
  return {
    train: { first: 0, count: total - heldOut },
    heldOut: { first: total - heldOut, count: heldOut },
    heldOutFrom: 'last quarter',
  };
}

/** The range's trajectories as window sources, one per equation when the dataset is mixed. */
function rangeSources(grid: GridSet, range: TrajectoryRange): DpotWindowSource[] {
  const [, T, X, Y, C] = grid.set.shape;
  const size = T * X * Y * C;
  const part: TrajectoryArray = {
    data: grid.set.data.subarray(range.first * size, (range.first + range.count) * size),
    shape: [range.count, T, X, Y, C],
  };
  const mix = grid.mix && {
    ...grid.mix,
    index: grid.mix.index.slice(range.first, range.first + range.count),
  };
  return dpotSources(part, mix);
}

function equations(grid: GridSet, range: TrajectoryRange): string[] {
  if (!grid.mix) return [grid.equation];
  const present = new Set(grid.mix.index.slice(range.first, range.first + range.count));
  return grid.mix.components.flatMap((c, k) => (present.has(k) ? [c.equation] : []));
}

function describe(
  grid: GridSet,
  train: TrajectoryRange,
  heldOut: number,
  heldOutFrom: DpotReproduceDataset['heldOutFrom'],
): DpotReproduceDataset {
  const [, T, X] = grid.set.shape;
  return {
    trainCount: train.count,
    heldOutCount: heldOut,
    heldOutFrom,
    frames: T,
    grid: X,
    resampledFrom: grid.resampledFrom,
    equations: equations(grid, train),
  };
}

/** The held-out range's first MAX_HELD_OUT trajectories, one set per equation. */
function heldOutSets(grid: GridSet, range: TrajectoryRange): TrajectoryArray[] {
  const capped = { first: range.first, count: Math.min(range.count, MAX_HELD_OUT) };
  return rangeSources(grid, capped).map((s) => s.set);
}

const rolloutNeed = (inputFrames: number, steps: number) => ({
  frames: inputFrames + steps,
  why: `${inputFrames} input frames and a ${steps}-step rollout`,
});

const claimHooks = (ctx: ModelJobContext): DpotClaimHooks => ({
  progress: (fraction, message) => ctx.progress(fraction, message),
  step: ctx.step,
});

async function reproduceNoise(
  params: DpotNoiseReproduceParams,
  profile: DpotClaimProfile,
  ctx: ModelJobContext,
): Promise<DpotNoiseReproduceResult> {
  const { config, noise } = profile;
  ctx.progress(0, 'Reading the dataset');
  const grid = dpotGridSet(
    await ctx.readDataset(params.datasetId),
    config.size,
    rolloutNeed(config.inputFrames, noise.rolloutSteps),
  );
  const split = dpotReproduceSplit(grid.split, grid.set.shape[0]);
  const heldOut = heldOutSets(grid, split.heldOut);
  const outcome = await runDpotNoiseClaim({
    train: rangeSources(grid, split.train),
    heldOut,
    config,
    steps: noise.steps,
    seeds: Array.from({ length: params.seeds }, (_, i) => params.seed + i),
    sigma: params.sigma,
    batchSize: profile.batch,
    maxLr: profile.maxLr,
    rolloutSteps: noise.rolloutSteps,
    hooks: claimHooks(ctx),
  });
  ctx.progress(1, 'The verdict is in');
  const heldOutCount = heldOut.reduce((n, s) => n + s.shape[0], 0);
  return {
    ...outcome,
    claim: 'noise',
    scale: params.scale,
    seed: params.seed,
    data: describe(grid, split.train, heldOutCount, split.heldOutFrom),
  };
}

async function reproduceFinetune(
  params: DpotFinetuneReproduceParams,
  profile: DpotClaimProfile,
  ctx: ModelJobContext,
): Promise<DpotFinetuneReproduceResult> {
  const { config, finetune } = profile;
  ctx.progress(0, 'Reading the datasets');
  const pretrain = dpotGridSet(
    await ctx.readDataset(params.pretrainDatasetId),
    config.size,
    {
      frames: config.inputFrames + 1,
      why: `${config.inputFrames} input frames and the frame after them`,
    },
    'The pretraining dataset',
  );
  const target = dpotGridSet(
    await ctx.readDataset(params.finetuneDatasetId),
    config.size,
    rolloutNeed(config.inputFrames, finetune.rolloutSteps),
    'The fine-tuning dataset',
  );
  const all = { first: 0, count: pretrain.set.shape[0] };
  const split = dpotReproduceSplit(target.split, target.set.shape[0]);
  const train = { first: 0, count: Math.min(split.train.count, MAX_FINETUNE_TRAJECTORIES) };
  const heldOut = heldOutSets(target, split.heldOut);
  const outcome = await runDpotFinetuneClaim({
    pretrain: rangeSources(pretrain, all),
    finetune: rangeSources(target, train),
    heldOut,
    config,
    pretrainSteps: finetune.pretrainSteps,
    finetuneSteps: finetune.finetuneSteps,
    seed: params.seed,
    batchSize: profile.batch,
    maxLr: profile.maxLr,
    rolloutSteps: finetune.rolloutSteps,
    hooks: claimHooks(ctx),
  });
  ctx.progress(1, 'The verdict is in');
  const heldOutCount = heldOut.reduce((n, s) => n + s.shape[0], 0);
  return {
    ...outcome,
    claim: 'finetune',
    scale: params.scale,
    seed: params.seed,
    data: {
      pretrain: describe(pretrain, all, 0, 'none'),
      finetune: describe(target, train, heldOutCount, split.heldOutFrom),
    },
  };
}

export async function dpotReproduce(
  params: DpotReproduceParams,
  ctx: ModelJobContext,
): Promise<DpotReproduceResult> {
  const problem = dpotReproduceProblem(params);
  if (problem) throw new RangeError(problem);
  const profile = DPOT_CLAIM_PROFILES[params.scale];
  return params.claim === 'noise'
    ? reproduceNoise(params, profile, ctx)
    : reproduceFinetune(params, profile, ctx);
}
