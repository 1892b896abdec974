/**
 * DINo's forecast job (the Results panel's forecast lab): loads a saved DINo and a saved dataset,
 * fits the first code of one trajectory to the sensors of its first frame (decoder frozen),
 * rolls the code forward with the latent ODE over every frame, decodes it at the dataset's grid
 * (to score it: per frame, and In-t / Out-t × In-s / Out-s with the sensors as In-s) and at the
 * chosen display resolution, and returns plain arrays with the code trajectory and its first
 * two principal components.
 */
import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../../../util/errorMessage';
import { AdamW } from '../../nn/adamw';
import { decodeCheckpoint } from '../../nn/checkpoint';
import { Params } from '../../nn/params';
import type { ModelJobContext } from '../../runtime';
import { DINO_MODEL_ID, dinoFromCheckpoint } from '../checkpoint';
import { gridCoordinates, gridPointCoordinates } from '../coordinates';
import { decodeFrames, forecastCodes, frameTimes, type CodeFitOptions } from '../forecast';
import type { DinoModel } from '../model';
import { gatherPoints, type DinoTrajectories } from '../observation';
import {
  MAX_RESOLUTION,
  MIN_RESOLUTION,
  type DinoForecastParams,
  type DinoForecastResult,
} from './forecastConfig';
import { errorByFrame, errorTable } from './forecastErrors';
import { latentPath } from './latentPath';

/** Progress shares: fitting the first code, decoding on the dataset's grid, at the display's. */
const FIT_SHARE = 0.7;
const GRID_SHARE = 0.15;

/** Decoded points (frames × points) per decoder call: bounds the activations' memory. */
const POINTS_PER_CALL = 1 << 16;

function checkParams(params: DinoForecastParams): void {
  const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
  if (!whole(params.trajectory) || params.trajectory < 0) {
    throw new RangeError(
      `The trajectory must be a whole number from 0 (got ${params.trajectory}).`,
    );
  }
  if (
    !whole(params.resolution) ||
    params.resolution < MIN_RESOLUTION ||
    params.resolution > MAX_RESOLUTION
  ) {
    throw new RangeError(
      `The resolution must be a whole number from ${MIN_RESOLUTION} to ${MAX_RESOLUTION} (got ${params.resolution}).`,
    );
  }
  if (!params.sensors || typeof params.sensors.length !== 'number') {
    throw new RangeError('The sensors must be a list of grid points.');
  }
}

/** The sensors sorted, without repeats, checked against the grid's `points`. */
function sensorIndices(sensors: ArrayLike<number>, points: number): Int32Array {
  const unique = new Set<number>();
  for (let k = 0; k < sensors.length; k++) {
    const p = sensors[k]!;
    if (!Number.isInteger(p) || p < 0 || p >= points) {
      throw new RangeError(`Sensor ${p} is not a point of this dataset's grid (0…${points - 1}).`);
    }
    unique.add(p);
  }
  if (unique.size === 0) {
    throw new RangeError('Place at least one sensor: the first code is fitted to what they see.');
  }
  return Int32Array.from([...unique].sort((a, b) => a - b));
}

/**
 * fitCodes (../forecast.ts) for one job: Adam from α = 0 on the MSE at the observed points,
 * keeping each row's best code, the same steps; but it awaits `onStep` after each step, so the
 * job can report progress and stop. Returns the best code and its loss.
 */
export async function fitFirstCodes(
  model: DinoModel,
  observations: { values: tf.Tensor3D; coords: tf.Tensor2D },
  options: CodeFitOptions,
  onStep: (done: number) => Promise<void>,
): Promise<{ codes: tf.Tensor2D; loss: Float32Array }> {
  const { values, coords } = observations;
  const [B] = values.shape;
  const holder = new Params();
  const code = holder.constant('code', [B, model.codeSize], 0);
  const adam = new AdamW(holder, { weightDecay: 0 });
  let best = tf.zeros([B, model.codeSize]) as tf.Tensor2D;
  let bestLoss = tf.fill([B], Infinity) as tf.Tensor1D;
  let returned = false;
  try {
    for (let step = 0; step < options.steps; step++) {
      const next = tf.tidy(() => {
        let rowLoss: tf.Tensor1D | undefined;
        const { grads } = tf.variableGrads(() => {
          const perRow = model
            .decode(code as tf.Tensor2D, coords)
            .sub(values)
            .square()
            .mean([1, 2]) as tf.Tensor1D;
          rowLoss = tf.keep(perRow);
          return perRow.mean() as tf.Scalar;
        }, [code]);
        const improved = rowLoss!.less(bestLoss).cast('float32').expandDims(1);
        const kept = best.mul(tf.scalar(1).sub(improved)).add(code.mul(improved));
        const lowest = tf.minimum(bestLoss, rowLoss!);
        rowLoss!.dispose();
        adam.apply({ code: grads[code.name]! }, options.lr);
        return { kept, lowest };
      });
      tf.dispose([best, bestLoss]);
      best = next.kept as tf.Tensor2D;
      bestLoss = next.lowest as tf.Tensor1D;
      await onStep(step + 1);
    }
    const loss =
      options.steps < 1 ? new Float32Array(B).fill(NaN) : await bestLoss.data<'float32'>();
    returned = true; // the caller owns `best` now
    return { codes: best, loss };
  } finally {
    if (!returned) best.dispose();
    bestLoss.dispose();
    adam.dispose();
    holder.dispose();
  }
}

/**
 * Values [T, P, channels] of codes [1, T, codeSize] at coordinates [P, 2], a few frames per
 * decoder call; `onChunk` gets the share done.
 */
async function decodeAll(
  model: DinoModel,
  codes: tf.Tensor3D,
  coords: tf.Tensor2D,
  onChunk: (fraction: number) => Promise<void>,
): Promise<Float32Array> {
  const [, T] = codes.shape;
  const P = coords.shape[0];
  const C = model.channels;
  const out = new Float32Array(T * P * C);
  const perCall = Math.max(1, Math.floor(POINTS_PER_CALL / P));
  for (let first = 0; first < T; first += perCall) {
    const count = Math.min(perCall, T - first);
    const decoded = tf.tidy(() =>
      decodeFrames(model, codes.slice([0, first, 0], [1, count, -1]), coords),
    );
    try {
      out.set(await decoded.data<'float32'>(), first * P * C);
    } finally {
      decoded.dispose();
    }
    await onChunk((first + count) / T);
  }
  return out;
}

async function loadDino(
  ctx: ModelJobContext,
  checkpointId: string,
): Promise<{ model: DinoModel; runName: string; step: number }> {
  const saved = await ctx.readCheckpoint(checkpointId);
  if (!saved) {
    throw new Error(
      'The chosen model’s checkpoint is no longer saved in this browser: choose another model.',
    );
  }
  try {
    const checkpoint = decodeCheckpoint(saved.bytes, { modelId: DINO_MODEL_ID });
    return {
      model: dinoFromCheckpoint(checkpoint),
      runName: saved.runName,
      step: checkpoint.step,
    };
  } catch (error) {
    throw new Error(
      `The chosen model’s checkpoint is damaged and cannot be loaded (${errorMessage(error)}). Train the model again, or choose another.`,
    );
  }
}

export async function dinoForecast(
  params: DinoForecastParams,
  ctx: ModelJobContext,
): Promise<DinoForecastResult> {
  checkParams(params);

  ctx.progress(0, 'Reading the dataset');
  const dataset = await ctx.readDataset(params.datasetId);
  if (dataset.payload.shape.length !== 5) {
    throw new RangeError('The dataset is not a [N, T, X, Y, C] array of trajectories.');
  }
  const source: DinoTrajectories = {
    data: dataset.payload.data,
    shape: dataset.payload.shape as unknown as DinoTrajectories['shape'],
  };
  const [N, T, X, Y, datasetChannels] = source.shape;
  if (params.trajectory >= N) {
    throw new RangeError(
      `This dataset has ${N} trajectories (0…${N - 1}); trajectory ${params.trajectory} does not exist.`,
    );
  }
  const sensors = sensorIndices(params.sensors, X * Y);

  ctx.progress(0, 'Loading the model');
  const loaded = await loadDino(ctx, params.checkpointId);
  const { model } = loaded;
  const tensors: tf.Tensor[] = [];
  try {
    const C = model.channels;
    if (datasetChannels < C) {
      throw new RangeError(
        `This model reads ${C} channels and the dataset has ${datasetChannels}: choose a dataset of the equation it was trained on.`,
      );
    }
    const { config } = model;
    const all = Array.from({ length: X * Y }, (_, p) => p);
    const truth = gatherPoints(source, [params.trajectory], all, { count: T, channels: C });

    // 1. The first code, fitted to the sensors of frame 0.
    const values = tf.tensor3d(
      gatherPoints(source, [params.trajectory], sensors, { count: 1, channels: C }),
      [1, sensors.length, C],
    );
    const sensorCoords = gridPointCoordinates(sensors, X, Y);
    tensors.push(values, sensorCoords);
    const fitMessage = `Fitting the first code to ${sensors.length} ${sensors.length === 1 ? 'sensor' : 'sensors'}`;
    ctx.progress(0, fitMessage);
    const fitted = await fitFirstCodes(
      model,
      { values, coords: sensorCoords },
      { steps: config.fitSteps, lr: config.fitLr },
      async (done) => {
        ctx.progress((FIT_SHARE * done) / config.fitSteps, fitMessage);
        await ctx.step();
      },
    );
    tensors.push(fitted.codes);

    // 2. The code trajectory, one RK4 step per frame interval.
    const codes = forecastCodes(model, fitted.codes, frameTimes(T, config.dt));
    tensors.push(codes);

    // 3. Decoded at the dataset's grid, then at the display's.
    const grid = gridCoordinates(X, Y);
    tensors.push(grid);
    ctx.progress(FIT_SHARE, 'Decoding the forecast on the dataset’s grid');
    const forecast = await decodeAll(model, codes, grid, async (fraction) => {
      ctx.progress(
        FIT_SHARE + GRID_SHARE * fraction,
        'Decoding the forecast on the dataset’s grid',
      );
      await ctx.step();
    });
    const r = params.resolution;
    const displayGrid = gridCoordinates(r, r);
    tensors.push(displayGrid);
    const displayMessage = `Decoding the forecast at ${r} × ${r}`;
    ctx.progress(FIT_SHARE + GRID_SHARE, displayMessage);
    const display = await decodeAll(model, codes, displayGrid, async (fraction) => {
      ctx.progress(
        FIT_SHARE + GRID_SHARE + (1 - FIT_SHARE - GRID_SHARE) * fraction,
        displayMessage,
      );
      await ctx.step();
    });

    // 4. Scores and the code trajectory in 2-D.
    const observed = new Uint8Array(X * Y);
    sensors.forEach((p) => (observed[p] = 1));
    const arrays = { truth, forecast, frames: T, points: X * Y, channels: C, observed };
    const codeValues = await codes.data<'float32'>();
    const path = latentPath(codeValues, T, model.codeSize);
    ctx.progress(1, 'Forecast ready');
    return {
      runName: loaded.runName,
      step: loaded.step,
      trajectory: params.trajectory,
      frames: T,
      trainFrames: config.trainFrames,
      times: [...dataset.meta.times],
      gridX: X,
      gridY: Y,
      channels: dataset.meta.channels.slice(0, C),
      truth,
      forecast,
      resolution: r,
      display,
      sensors,
      fitLoss: fitted.loss[0]!,
      errorByFrame: errorByFrame(arrays),
      table: errorTable(arrays, config.trainFrames),
      codes: codeValues,
      codeSize: model.codeSize,
      path: path.points,
      explained: path.explained,
    };
  } finally {
    tf.dispose(tensors);
    model.dispose();
  }
}
