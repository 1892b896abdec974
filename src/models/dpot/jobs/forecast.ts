/**
 * DPOT's forecast job (the Results panel's lab): loads one or two saved DPOT models and a saved
 * dataset, rolls the chosen trajectory out on each model's own predictions (its frames, errors
 * and each block's mixer spectrum), scores every model on the dataset's held-out trajectories
 * (at most MAX_SCORED_TRAJECTORIES, shared among its equations), and scores persistence, which
 * repeats the last true frame, on the same ones.
 *
 * A mixed dataset is split into one source per equation with its own channels (dpotSources);
 * each model reads them padded with ones to its channels (padOnes), rolls out on the padded
 * frames as DPOT does, and is scored on the equation's own channels only, so that models with
 * different channel counts, and persistence, are scored alike. Every model predicts the same
 * frames: the rollout starts after the longest input window among them.
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetMeta } from '../../../data/io/meta';
import type { TrajectoryArray } from '../../../data/trajectories';
import { errorMessage } from '../../../util/errorMessage';
import { decodeCheckpoint } from '../../nn/checkpoint';
import type { ModelJobContext } from '../../runtime';
import { DPOT_MODEL_ID, dpotFromCheckpoint } from '../checkpoint';
import { relativeL2PerSample } from '../loss';
import { dpotMixerSpectra, type DpotModel } from '../model';
import { dpotStep, errorHorizon, relativeL2PerStep, rolloutFrames } from '../rollout';
import { dpotSources, padOnes } from '../sources';
import {
  MAX_COMPARED_MODELS,
  MAX_ROLLOUT_STEPS,
  MAX_SCORED_TRAJECTORIES,
  type DpotForecastParams,
  type DpotForecastResult,
  type DpotModelRollout,
  type RolloutScores,
  type ScoredTrajectories,
} from './forecastConfig';

/** Trajectories rolled out at once. */
const BATCH = 8;

const ORDINALS = ['first', 'second'];

function checkParams(params: DpotForecastParams): void {
  const ids = params.checkpointIds;
  if (
    !Array.isArray(ids) ||
    ids.length < 1 ||
    ids.length > MAX_COMPARED_MODELS ||
    ids.some((id) => typeof id !== 'string' || id === '')
  ) {
    throw new TypeError(`Choose one or ${MAX_COMPARED_MODELS} trained DPOT models.`);
  }
  if (new Set(ids).size !== ids.length) {
    throw new RangeError('Choose two different models to compare, or only one.');
  }
  if (typeof params.datasetId !== 'string' || params.datasetId === '') {
    throw new TypeError('Choose a dataset.');
  }
  const { trajectory, steps } = params;
  if (typeof trajectory !== 'number' || !Number.isInteger(trajectory) || trajectory < 0) {
    throw new RangeError(
      `The trajectory must be a whole number from 0 (got ${String(trajectory)}).`,
    );
  }
  if (
    typeof steps !== 'number' ||
    !Number.isInteger(steps) ||
    steps < 1 ||
    steps > MAX_ROLLOUT_STEPS
  ) {
    throw new RangeError(
      `The rollout length must be a whole number of steps from 1 to ${MAX_ROLLOUT_STEPS} (got ${String(steps)}).`,
    );
  }
}

interface LoadedModel {
  model: DpotModel;
  checkpointId: string;
  runName: string;
  step: number;
}

async function loadDpot(
  ctx: ModelJobContext,
  checkpointId: string,
  which: string,
): Promise<LoadedModel> {
  const saved = await ctx.readCheckpoint(checkpointId);
  if (!saved) {
    throw new Error(
      `The ${which} model’s checkpoint is no longer saved in this browser: choose another model.`,
    );
  }
  try {
    const checkpoint = decodeCheckpoint(saved.bytes, { modelId: DPOT_MODEL_ID });
    return {
      model: dpotFromCheckpoint(checkpoint),
      checkpointId,
      runName: saved.runName,
      step: checkpoint.step,
    };
  } catch (error) {
    throw new Error(
      `The ${which} model’s checkpoint cannot be loaded (${errorMessage(error)}). Train the model again, or choose another.`,
    );
  }
}

/** One equation's trajectories with its own channels. */
interface Source {
  equation: string;
  channels: string[];
  set: TrajectoryArray;
}

/** Trajectories [first, first + count) of a set, without copying. */
function trajectories(set: TrajectoryArray, first: number, count: number): TrajectoryArray {
  const [, T, X, Y, C] = set.shape;
  const size = T * X * Y * C;
  return {
    data: set.data.subarray(first * size, (first + count) * size),
    shape: [count, T, X, Y, C],
  };
}

/** The set's trajectories split by equation, each with its own channels and names. */
function sourcesOf(set: TrajectoryArray, meta: DatasetMeta, offset: number): Source[] {
  const mix = meta.mix && { ...meta.mix, index: meta.mix.index.slice(offset) };
  if (!mix) return [{ equation: meta.equation, channels: meta.channels, set }];
  // dpotSources keeps the components that have trajectories here, in component order.
  const present = mix.components.filter((_, k) => mix.index.slice(0, set.shape[0]).includes(k));
  return dpotSources(set, mix).map((source, k) => ({
    equation: present[k]!.equation,
    channels: present[k]!.channels.slice(0, source.set.shape[4]),
    set: source.set,
  }));
}

/** The trajectories scored: the held-out ones where the dataset keeps some, else all. */
function scoredRange(
  meta: DatasetMeta,
  total: number,
): Omit<ScoredTrajectories, 'count' | 'equations'> {
  const train = Math.min(meta.split.train, total);
  const held = Math.min(meta.split.val + meta.split.test, total - train);
  return held > 0
    ? { split: 'held-out', first: train, trajectories: held }
    : { split: 'all', first: 0, trajectories: total };
}

/**
 * Up to MAX_SCORED_TRAJECTORIES of the scored range, shared as evenly as the equations allow
 * (each equation's first ones).
 */
function scoredSources(
  set: TrajectoryArray,
  meta: DatasetMeta,
  first: number,
  count: number,
): Source[] {
  const sources = sourcesOf(trajectories(set, first, count), meta, first);
  const shares = sources.map(() => 0);
  let left = MAX_SCORED_TRAJECTORIES;
  // One at a time round the equations, so that a small one's spare share goes to the others.
  while (left > 0 && shares.some((s, k) => s < sources[k]!.set.shape[0])) {
    sources.forEach((source, k) => {
      if (left > 0 && shares[k]! < source.set.shape[0]) {
        shares[k]! += 1;
        left -= 1;
      }
    });
  }
  return sources.map((source, k) => ({ ...source, set: trajectories(source.set, 0, shares[k]!) }));
}

/** Frames [from, from + frames) of trajectories [first, first + count), as [count, frames, X, Y, C]. */
function framesOf(
  set: TrajectoryArray,
  first: number,
  count: number,
  from: number,
  frames: number,
): TrajectoryArray {
  const [, T, X, Y, C] = set.shape;
  const frame = X * Y * C;
  const data = new Float32Array(count * frames * frame);
  for (let i = 0; i < count; i++) {
    const at = ((first + i) * T + from) * frame;
    data.set(set.data.subarray(at, at + frames * frame), i * frames * frame);
  }
  return { data, shape: [count, frames, X, Y, C] };
}

const tensorOf = (set: TrajectoryArray) => tf.tensor5d(set.data, [...set.shape]);

/**
 * The model's rollout of trajectories [first, first + count) of an equation's set: it reads the
 * `inputFrames` frames before `start`, padded with ones to its channels, and predicts `steps`
 * frames, returned with the equation's own channels. The caller disposes it.
 */
function modelRollout(
  model: DpotModel,
  set: TrajectoryArray,
  first: number,
  count: number,
  start: number,
  steps: number,
): { initial: tf.Tensor5D; predicted: tf.Tensor5D } {
  const tIn = model.config.inputFrames;
  const [, , X, Y, C] = set.shape;
  const initial = tensorOf(padOnes(framesOf(set, first, count, start - tIn, tIn), model.channels));
  try {
    const rolled = rolloutFrames(dpotStep(model), initial, steps);
    const predicted = tf.tidy(() => rolled.slice([0, 0, 0, 0, 0], [count, steps, X, Y, C]));
    rolled.dispose();
    return { initial, predicted: predicted as tf.Tensor5D };
  } catch (error) {
    initial.dispose();
    throw error;
  }
}

/** Persistence: the last true frame before `start`, repeated `steps` times. */
function persistenceRollout(
  set: TrajectoryArray,
  first: number,
  count: number,
  start: number,
  steps: number,
): tf.Tensor5D {
  return tf.tidy(() =>
    tensorOf(framesOf(set, first, count, start - 1, 1)).tile([1, steps, 1, 1, 1]),
  );
}

/** Sums of per-trajectory errors, to average over every batch and equation. */
class ErrorSums {
  readonly perStep: Float64Array;
  full = 0;
  count = 0;

  constructor(steps: number) {
    this.perStep = new Float64Array(steps);
  }

  add(predicted: tf.Tensor5D, truth: tf.Tensor5D): void {
    const b = truth.shape[0];
    relativeL2PerStep(predicted, truth).forEach(
      (e, k) => (this.perStep[k] = this.perStep[k]! + e * b),
    );
    this.full += tf.tidy(() => relativeL2PerSample(predicted, truth).sum().dataSync()[0]!);
    this.count += b;
  }

  scores(): RolloutScores {
    const perStep = Array.from(this.perStep, (e) => e / this.count);
    return { perStep, full: this.full / this.count, horizon: errorHorizon(perStep) };
  }
}

/** Why the models cannot roll out this dataset, in words; undefined when they can. */
function datasetProblem(
  models: readonly LoadedModel[],
  shape: TrajectoryArray['shape'],
  ownChannels: number,
  steps: number,
): string | undefined {
  const [, T, X] = shape;
  for (const [k, { model }] of models.entries()) {
    const which = models.length > 1 ? `The ${ORDINALS[k]} model` : 'This model';
    const { size, inputFrames } = model.config;
    if (size !== X) {
      return `${which} reads a ${size} × ${size} grid and this dataset is ${X} × ${X}: choose a dataset built on a ${size} × ${size} grid, or a model of this one.`;
    }
    if (ownChannels > model.channels) {
      return `${which} reads ${model.channels} ${model.channels === 1 ? 'channel' : 'channels'} and this equation has ${ownChannels}: choose a model trained on it, or another dataset.`;
    }
    if (T <= inputFrames) {
      return `${which} reads ${inputFrames} frames and these trajectories have ${T}: there is nothing left to predict.`;
    }
  }
  const start = Math.max(...models.map(({ model }) => model.config.inputFrames));
  if (start + steps > T) {
    return `A ${steps}-step rollout after ${start} input frames needs trajectories of ${start + steps} frames; these have ${T}. Choose at most ${T - start} steps.`;
  }
  return undefined;
}

export async function dpotForecast(
  params: DpotForecastParams,
  ctx: ModelJobContext,
): Promise<DpotForecastResult> {
  checkParams(params);
  const { trajectory, steps } = params;

  ctx.progress(0, 'Reading the dataset');
  const dataset = await ctx.readDataset(params.datasetId);
  if (dataset.payload.shape.length !== 5) {
    throw new RangeError('The dataset is not a [N, T, X, Y, C] array of trajectories.');
  }
  const set: TrajectoryArray = {
    data: dataset.payload.data,
    shape: dataset.payload.shape as unknown as TrajectoryArray['shape'],
  };
  const { meta } = dataset;
  const N = set.shape[0];
  if (trajectory >= N) {
    throw new RangeError(
      `This dataset has ${N} trajectories (0…${N - 1}); trajectory ${trajectory} does not exist.`,
    );
  }
  const chosen = sourcesOf(trajectories(set, trajectory, 1), meta, trajectory)[0]!;

  ctx.progress(0, 'Loading the models');
  const models: LoadedModel[] = [];
  try {
    for (const [k, id] of params.checkpointIds.entries()) {
      models.push(
        await loadDpot(ctx, id, params.checkpointIds.length > 1 ? ORDINALS[k]! : 'chosen'),
      );
    }
    const problem = datasetProblem(models, set.shape, chosen.set.shape[4], steps);
    if (problem) throw new RangeError(problem);
    const start = Math.max(...models.map(({ model }) => model.config.inputFrames));

    const range = scoredRange(meta, N);
    const sources = scoredSources(set, meta, range.first, range.trajectories);
    const count = sources.reduce((sum, s) => sum + s.set.shape[0], 0);
    const units = models.length * (count + 1);
    let done = 0;
    const advance = async (by: number, message: string) => {
      done += by;
      ctx.progress(done / units, message);
      await ctx.step();
    };

    const truthOf = (source: TrajectoryArray, first: number, b: number) =>
      tensorOf(framesOf(source, first, b, start, steps));

    // 1. The chosen trajectory, rolled out by each model.
    const rollouts: Omit<DpotModelRollout, 'scores'>[] = [];
    const truth = truthOf(chosen.set, 0, 1);
    let persistenceErrors: number[];
    try {
      const repeated = persistenceRollout(chosen.set, 0, 1, start, steps);
      try {
        persistenceErrors = relativeL2PerStep(repeated, truth);
      } finally {
        repeated.dispose();
      }
      for (const [k, loaded] of models.entries()) {
        const { model } = loaded;
        ctx.progress(
          done / units,
          `Rolling out trajectory ${trajectory}${models.length > 1 ? ` with the ${ORDINALS[k]} model` : ''}`,
        );
        const { initial, predicted } = modelRollout(model, chosen.set, 0, 1, start, steps);
        try {
          const errors = relativeL2PerStep(predicted, truth);
          rollouts.push({
            checkpointId: loaded.checkpointId,
            runName: loaded.runName,
            step: loaded.step,
            inputFrames: model.config.inputFrames,
            noise: model.config.noise,
            channels: model.channels,
            forecast: Float32Array.from(await predicted.data<'float32'>()),
            errors,
            horizon: errorHorizon(errors),
            spectra: await dpotMixerSpectra(model, initial),
          });
        } finally {
          tf.dispose([initial, predicted]);
        }
        await advance(1, `Rolled out trajectory ${trajectory}`);
      }
    } finally {
      truth.dispose();
    }

    // 2. Every model and persistence on the scored trajectories, a batch at a time.
    const sums = models.map(() => new ErrorSums(steps));
    const persistence = new ErrorSums(steps);
    const held = range.split === 'held-out' ? 'held-out ' : '';
    for (const source of sources) {
      for (let first = 0; first < source.set.shape[0]; first += BATCH) {
        const b = Math.min(BATCH, source.set.shape[0] - first);
        const batchTruth = truthOf(source.set, first, b);
        try {
          const repeated = persistenceRollout(source.set, first, b, start, steps);
          try {
            persistence.add(repeated, batchTruth);
          } finally {
            repeated.dispose();
          }
          for (const [k, { model }] of models.entries()) {
            const { initial, predicted } = modelRollout(model, source.set, first, b, start, steps);
            initial.dispose();
            try {
              sums[k]!.add(predicted, batchTruth);
            } finally {
              predicted.dispose();
            }
            await advance(
              b,
              `Scoring on ${count} ${held}${count === 1 ? 'trajectory' : 'trajectories'}`,
            );
          }
        } finally {
          batchTruth.dispose();
        }
      }
    }

    ctx.progress(1, 'Rollouts ready');
    const frame = chosen.set.shape.slice(2) as [number, number, number];
    return {
      trajectory,
      equation: chosen.equation,
      channels: chosen.channels,
      start,
      shape: [steps, ...frame],
      input: framesOf(chosen.set, 0, 1, start - 1, 1).data,
      truth: framesOf(chosen.set, 0, 1, start, steps).data,
      models: rollouts.map((rollout, k) => ({ ...rollout, scores: sums[k]!.scores() })),
      persistence: {
        errors: persistenceErrors,
        horizon: errorHorizon(persistenceErrors),
        scores: persistence.scores(),
      },
      scored: {
        ...range,
        count,
        equations: sources.map((s) => ({ equation: s.equation, count: s.set.shape[0] })),
      },
    };
  } finally {
    for (const { model } of models) model.dispose();
  }
}
