/**
 * PhysicNet-style's forecast job (the Results panel's view): loads a saved PhysicNet-style and a
 * saved dataset, forecasts the first window of the chosen trajectory with its codes, flow and
 * crops (the Train panel's picture, for any trajectory), and scores the model on the dataset's
 * held-out trajectories (each one's first window, at most MAX_SCORED_WINDOWS) beside the
 * persistence baseline, which repeats the last input frame. Returns plain arrays and numbers.
 */
import { errorMessage } from '../../../util/errorMessage';
import type { TrajectoryArray } from '../../../data/trajectories';
import { decodeCheckpoint } from '../../nn/checkpoint';
import type { ModelJobContext } from '../../runtime';
import { PHYSICNET_MODEL_ID, physicnetFromCheckpoint } from '../checkpoint';
import { evaluatePhysicNet, swirlDisplacement } from '../evaluation';
import { expertsSnapshot, physicnetRuntime } from '../index';
import type { PhysicNetModel } from '../model';
import { persistenceScore } from '../persistence';
import { firstWindows, gatherWindows, type WindowSpec, type WindowStart } from '../windows';
import {
  MAX_SCORED_WINDOWS,
  type ForecastScores,
  type PhysicNetForecastParams,
  type PhysicNetForecastResult,
  type ScoredWindows,
} from './forecastConfig';

/** Progress after the picture of the chosen window, and after the model's scores. */
const SNAPSHOT_SHARE = 0.2;
const MODEL_SHARE = 0.85;

function checkParams(params: PhysicNetForecastParams): void {
  for (const key of ['checkpointId', 'datasetId'] as const) {
    if (typeof params[key] !== 'string' || params[key] === '') {
      throw new TypeError(`Choose a ${key === 'checkpointId' ? 'trained model' : 'dataset'}.`);
    }
  }
  if (
    typeof params.trajectory !== 'number' ||
    !Number.isInteger(params.trajectory) ||
    params.trajectory < 0
  ) {
    throw new RangeError(
      `The trajectory must be a whole number from 0 (got ${String(params.trajectory)}).`,
    );
  }
}

async function loadPhysicNet(
  ctx: ModelJobContext,
  checkpointId: string,
): Promise<{ model: PhysicNetModel; runName: string; step: number }> {
  const saved = await ctx.readCheckpoint(checkpointId);
  if (!saved) {
    throw new Error(
      'The chosen model’s checkpoint is no longer saved in this browser: choose another model.',
    );
  }
  try {
    const checkpoint = decodeCheckpoint(saved.bytes, { modelId: PHYSICNET_MODEL_ID });
    return {
      model: physicnetFromCheckpoint(checkpoint),
      runName: saved.runName,
      step: checkpoint.step,
    };
  } catch (error) {
    throw new Error(
      `The chosen model’s checkpoint cannot be loaded (${errorMessage(error)}). Train the model again, or choose another.`,
    );
  }
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

/** The held-out trajectories (validation, then test) where the dataset keeps some, else all. */
function heldOut(
  split: { train: number; val: number; test: number },
  total: number,
): Omit<ScoredWindows, 'windows'> {
  const train = Math.min(split.train, total);
  const held = Math.min(split.val + split.test, total - train);
  return held > 0
    ? { split: 'held-out', first: train, trajectories: held }
    : { split: 'all', first: 0, trajectories: total };
}

/**
 * Persistence's scores (persistenceScore's, as evaluatePhysicNet scores a model) and its relative
 * L2 error over every step, point and window, on the first `channels` channels.
 */
function persistenceScores(
  set: TrajectoryArray,
  spec: WindowSpec,
  windows: readonly WindowStart[],
  channels: number,
): ForecastScores {
  const score = persistenceScore(set, spec, windows, channels);
  const [, , X, Y, C] = set.shape;
  let truthSquared = 0;
  for (const window of windows) {
    const { target } = gatherWindows(set, spec, [window]);
    for (let i = 0; i < target.length; i++) {
      if (i % C < channels) truthSquared += target[i]! ** 2;
    }
  }
  const squared = score.mse.reduce((a, b) => a + b, 0) * windows.length * X * Y * channels;
  return { ...score, relL2: Math.sqrt(squared / (truthSquared || 1)) };
}

export async function physicnetForecast(
  params: PhysicNetForecastParams,
  ctx: ModelJobContext,
): Promise<PhysicNetForecastResult> {
  checkParams(params);

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
  const [N, , , , datasetChannels] = set.shape;
  if (params.trajectory >= N) {
    throw new RangeError(
      `This dataset has ${N} trajectories (0…${N - 1}); trajectory ${params.trajectory} does not exist.`,
    );
  }

  ctx.progress(0, 'Loading the model');
  const loaded = await loadPhysicNet(ctx, params.checkpointId);
  const { model } = loaded;
  try {
    const { config, channels } = model;
    const problem = physicnetRuntime.datasetProblem(meta, config);
    if (problem) throw new RangeError(`This model cannot forecast this dataset: ${problem}`);
    if (datasetChannels < channels) {
      throw new RangeError(
        `This model reads ${channels} channels and the dataset has ${datasetChannels}: choose a dataset of the equation it was trained on.`,
      );
    }

    // 1. The chosen trajectory's first window, pictured.
    ctx.progress(0.05, `Forecasting trajectory ${params.trajectory}`);
    const window = { trajectory: params.trajectory, start: 0 };
    const displacement = swirlDisplacement(meta);
    const snapshot = await expertsSnapshot(model, set, displacement, window);
    ctx.progress(SNAPSHOT_SHARE, `Forecast trajectory ${params.trajectory}`);
    await ctx.step();

    // 2. The model's scores on the held-out trajectories' first windows.
    const range = heldOut(meta.split, N);
    const held = trajectories(set, range.first, range.trajectories);
    const windows = firstWindows(held, MAX_SCORED_WINDOWS);
    const scoring = `Scoring the model on ${windows.length} ${range.split === 'held-out' ? 'held-out ' : ''}${windows.length === 1 ? 'window' : 'windows'}`;
    ctx.progress(SNAPSHOT_SHARE, scoring);
    const heldDisplacement = swirlDisplacement(meta, range.first);
    const evaluation = await evaluatePhysicNet(model, held, {
      windows,
      ...(heldDisplacement ? { trueDisplacement: heldDisplacement } : {}),
    });
    ctx.progress(MODEL_SHARE, 'Scoring persistence on the same windows');
    await ctx.step();

    // 3. Persistence on the same windows.
    const persistence = persistenceScores(held, config, windows, channels);
    ctx.progress(1, 'Forecast ready');
    return {
      runName: loaded.runName,
      step: loaded.step,
      trajectory: params.trajectory,
      channels: meta.channels.slice(0, channels),
      inputFrames: config.inputFrames,
      outputFrames: config.outputFrames,
      codebookSize: config.codes,
      arms: { quantize: config.quantize, flow: config.flow, local: config.local },
      knowsVelocity: displacement !== undefined,
      snapshot,
      scored: { ...range, windows: windows.length },
      model: {
        mse: evaluation.mse,
        ssim: evaluation.ssim,
        testMse: evaluation.testMse,
        testSsim: evaluation.testSsim,
        relL2: evaluation.relL2,
        perplexity: evaluation.perplexity,
        deadCodes: evaluation.deadCodes,
        ...(evaluation.flowEndPointError === undefined
          ? {}
          : { flowEndPointError: evaluation.flowEndPointError }),
      },
      persistence,
    };
  } finally {
    model.dispose();
  }
}
