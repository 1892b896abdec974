/**
 * What a trained PhysicNet-style model is scored on (methods §4g): test MSE and SSIM at each
 * forecast step, how well the codebook is used (perplexity, share of dead codes) and, where the
 * true velocity is known, the end-point error of the estimated flow. Crops are the fixed tiling.
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import { trueVelocity } from '../../data/trueVelocity';
import { PHYSICNET_DOWNSAMPLING } from './config';
import {
  denormalize,
  normalize,
  physicnetForward,
  tiledPlacements,
  type PhysicNetModel,
} from './model';
import { ssim } from './ssim';
import { firstWindows, gatherWindows, type WindowStart } from './windows';

/** The swirl's known backward displacement per frame of a dataset's trajectories, if it has one. */
export function swirlDisplacement(
  meta: Pick<DatasetMeta, 'equation' | 'grid' | 'times' | 'coefficients' | 'mix'>,
  firstTrajectory = 0,
): TrueDisplacement | undefined {
  const equations = meta.mix ? meta.mix.components.map((c) => c.equation) : [meta.equation];
  if (!equations.every((e) => e === 'swirl') || meta.times.length < 2) return undefined;
  return ({ trajectory }) => {
    const { u, v } = trueVelocity(meta, firstTrajectory + trajectory, 'cells-per-frame');
    return { dx: u.map((x) => -x), dy: v.map((y) => -y) };
  };
}

/**
 * The true backward displacement of a window's last input frame in grid cells per frame, per
 * cell in row-major X × Y order: content at (x, y) comes from (x + dx, y + dy).
 */
export type TrueDisplacement = (window: WindowStart) => { dx: Float32Array; dy: Float32Array };

export interface PhysicNetEvaluation {
  /** Mean squared error of each forecast step, in the data's units. */
  mse: number[];
  /** SSIM of each forecast step (mean over windows and channels). */
  ssim: number[];
  testMse: number;
  testSsim: number;
  /** ‖forecast − truth‖ / ‖truth‖ over every step, point and window. */
  relL2: number;
  /** exp(entropy) of the code use over the test inputs (global level); NaN without VQ. */
  perplexity: number;
  /** Share of the codebook no test input used; NaN without VQ. */
  deadCodes: number;
  /** Mean end-point error of the first step's flow against the truth, in grid cells per frame. */
  flowEndPointError?: number;
}

export interface EvaluateOptions {
  windows?: readonly WindowStart[];
  batchSize?: number;
  trueDisplacement?: TrueDisplacement;
}

export async function evaluatePhysicNet(
  model: PhysicNetModel,
  set: TrajectoryArray,
  options: EvaluateOptions = {},
): Promise<PhysicNetEvaluation> {
  const { config, channels } = model;
  const [, , X, Y, C] = set.shape;
  if (C < channels)
    throw new RangeError(`The model reads ${channels} channels; the data has ${C}.`);
  const windows = options.windows ?? firstWindows(set);
  const batchSize = options.batchSize ?? 8;
  const placements = tiledPlacements(X, config.crops);
  const tOut = config.outputFrames;
  const squared = new Float64Array(tOut);
  let truthSquared = 0;
  const similarity = new Float64Array(tOut);
  const codeCounts = new Float64Array(config.codes);
  const ranges = channelRanges(set, channels);
  let endPoint = 0;
  let endPointCells = 0;
  for (let first = 0; first < windows.length; first += batchSize) {
    const batch = windows.slice(first, first + batchSize);
    const B = batch.length;
    const { input, target } = gatherWindows(set, config, batch);
    const picked = (values: Float32Array, frames: number) =>
      tf.tensor5d(values, [B, frames, X, Y, C]).slice([0, 0, 0, 0, 0], [B, frames, X, Y, channels]);
    const [forecast, indices, flow] = tf.tidy(() => {
      const x = normalize(model, picked(input, config.inputFrames)) as tf.Tensor5D;
      const out = physicnetForward(model, x, placements);
      const firstFlow = out.global.flows?.slice([0, 0], [B, 1]);
      return [denormalize(model, out.forecast), out.global.indices, firstFlow] as const;
    });
    const truthTensor = tf.tidy(() => picked(target, tOut));
    const [predicted, truth, codes, flows] = await Promise.all([
      forecast.data<'float32'>(),
      truthTensor.data<'float32'>(),
      indices?.data<'int32'>(),
      flow?.data<'float32'>(),
    ]);
    tf.dispose([forecast, indices, flow, truthTensor]);
    accumulateErrors(predicted, truth, { B, tOut, X, Y, channels, ranges }, squared, similarity);
    for (const v of truth) truthSquared += v * v;
    if (codes) for (const k of codes) codeCounts[k]!++;
    if (flows && options.trueDisplacement) {
      const h = X / PHYSICNET_DOWNSAMPLING;
      const w = Y / PHYSICNET_DOWNSAMPLING;
      batch.forEach((window, b) => {
        const truthFlow = options.trueDisplacement!(window);
        for (let i = 0; i < h; i++) {
          for (let j = 0; j < w; j++) {
            const [dx, dy] = blockMean(truthFlow, Y, i, j);
            // flow[..., 1] runs along rows (X), flow[..., 0] along columns (Y), in latent cells.
            const at = ((b * h + i) * w + j) * 2;
            const ex = flows[at + 1]! * PHYSICNET_DOWNSAMPLING;
            const ey = flows[at]! * PHYSICNET_DOWNSAMPLING;
            endPoint += Math.hypot(ex - dx, ey - dy);
            endPointCells++;
          }
        }
      });
    }
  }
  const mse = Array.from(squared, (s) => s / (windows.length * X * Y * channels));
  const ssimPerStep = Array.from(similarity, (s) => s / (windows.length * channels));
  const used = codeCounts.reduce((a, b) => a + b, 0);
  const entropy = codeCounts.reduce((e, c) => (c > 0 ? e - (c / used) * Math.log(c / used) : e), 0);
  return {
    mse,
    ssim: ssimPerStep,
    testMse: mean(mse),
    testSsim: mean(ssimPerStep),
    relL2: Math.sqrt(squared.reduce((a, b) => a + b, 0) / (truthSquared || 1)),
    perplexity: config.quantize ? Math.exp(entropy) : Number.NaN,
    deadCodes: config.quantize
      ? codeCounts.filter((c) => c === 0).length / config.codes
      : Number.NaN,
    ...(endPointCells ? { flowEndPointError: endPoint / endPointCells } : {}),
  };
}

interface Layout {
  B: number;
  tOut: number;
  X: number;
  Y: number;
  channels: number;
  ranges: number[];
}

function accumulateErrors(
  predicted: Float32Array,
  truth: Float32Array,
  { B, tOut, X, Y, channels, ranges }: Layout,
  squared: Float64Array,
  similarity: Float64Array,
): void {
  const frame = X * Y * channels;
  const a = new Float64Array(X * Y);
  const b = new Float64Array(X * Y);
  for (let n = 0; n < B; n++) {
    for (let t = 0; t < tOut; t++) {
      const at = (n * tOut + t) * frame;
      for (let k = 0; k < frame; k++) squared[t]! += (predicted[at + k]! - truth[at + k]!) ** 2;
      for (let c = 0; c < channels; c++) {
        for (let p = 0; p < X * Y; p++) {
          a[p] = predicted[at + p * channels + c]!;
          b[p] = truth[at + p * channels + c]!;
        }
        similarity[t]! += ssim(a, b, X, Y, ranges[c]!);
      }
    }
  }
}

/** Each channel's max − min over the whole set: SSIM's data range. */
function channelRanges(set: TrajectoryArray, channels: number): number[] {
  const C = set.shape[4];
  const low = new Array<number>(channels).fill(Infinity);
  const high = new Array<number>(channels).fill(-Infinity);
  for (let i = 0; i < set.data.length; i++) {
    const c = i % C;
    if (c >= channels) continue;
    const v = set.data[i]!;
    if (v < low[c]!) low[c] = v;
    if (v > high[c]!) high[c] = v;
  }
  return low.map((l, c) => high[c]! - l || 1);
}

/** The mean displacement over the grid cells under latent cell (i, j). */
function blockMean(
  field: { dx: Float32Array; dy: Float32Array },
  Y: number,
  i: number,
  j: number,
): [number, number] {
  const s = PHYSICNET_DOWNSAMPLING;
  let dx = 0;
  let dy = 0;
  for (let u = i * s; u < (i + 1) * s; u++) {
    for (let v = j * s; v < (j + 1) * s; v++) {
      dx += field.dx[u * Y + v]!;
      dy += field.dy[u * Y + v]!;
    }
  }
  return [dx / (s * s), dy / (s * s)];
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
