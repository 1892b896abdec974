/**
 * A PhysicNet-style forecaster (methods §4b; no official code exists, so every detail below the
 * paper's outline is the reference's reconstruction [R]):
 *
 *   input frames ─ encoder ─ VQ codebook ─ flow expert (ConvGRU, warp) ─ … ─ decoder ─┐
 *   crops        ─ encoder ─ VQ codebook ─ flow expert                 ─ … ─ decoder ─┴ gate ─ forecast
 *
 * Two levels of experts (global on the whole field, local on crops of half its side) share one
 * codebook. Each level encodes every input frame (4× downsampling), snaps each latent cell to
 * its nearest code, warms a RAFT-lite flow estimator up on the consecutive input pairs, then
 * rolls out in latent space: ẑ_{t+1} = Warp(z_t, flow) + conv(h), and decodes each ẑ as the last
 * input frame plus its change D(ẑ) − D(z_last) (`residual`, ours). Decoded local forecasts are
 * pasted into the field and fused with the global one by a learnt gate. Tensors are NHWC.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2d, convTranspose2d, initConv2d, initConvTranspose2d } from '../nn/conv';
import { Params } from '../nn/params';
import {
  initVectorQuantizer,
  vectorQuantize,
  type VectorQuantizerConfig,
} from '../nn/vectorQuantizer';
import { warp } from '../nn/warp';
import { CROP_FRACTION, type PhysicNetConfig } from './config';

export type Level = 'global' | 'local';

export interface PhysicNetModel {
  readonly params: Params;
  readonly config: PhysicNetConfig;
  readonly channels: number;
  readonly vq: VectorQuantizerConfig;
  dispose(): void;
}

/** A crop's top-left corner in grid cells (row = X, column = Y). */
export interface CropPlacement {
  row: number;
  col: number;
}

export const CODEBOOK = 'codebook';

export function createPhysicNet(
  config: PhysicNetConfig,
  { seed = 0, channels }: { seed?: number; channels: number },
): PhysicNetModel {
  const params = new Params(seed);
  const vq: VectorQuantizerConfig = {
    codes: config.codes,
    dim: config.codeDim,
    beta: config.beta,
    decay: config.decay,
  };
  try {
    const levels: Level[] = config.local ? ['global', 'local'] : ['global'];
    for (const level of levels) {
      initEncoder(params, `${level}.enc`, channels, config);
      initExpert(params, `${level}.expert`, config);
      initDecoder(params, `${level}.dec`, channels, config);
    }
    if (config.local) initConv2d(params, 'gate', 2 * channels + 1, channels, 3);
    if (config.quantize) initVectorQuantizer(params, CODEBOOK, vq);
    // The data's per-channel mean and spread, set from the training set and saved with the model.
    params.constant('norm.mean', [channels], 0, { trainable: false });
    params.constant('norm.std', [channels], 1, { trainable: false });
  } catch (error) {
    params.dispose();
    throw error;
  }
  return { params, config, channels, vq, dispose: () => params.dispose() };
}

function initResidual(params: Params, name: string, width: number): void {
  initConv2d(params, `${name}.a`, width, width / 2, 3);
  initConv2d(params, `${name}.b`, width / 2, width, 1);
}

function initEncoder(params: Params, name: string, channels: number, config: PhysicNetConfig) {
  const { width: w, codeDim: d } = config;
  initConv2d(params, `${name}.c1`, channels, w / 2, 4);
  initConv2d(params, `${name}.c2`, w / 2, w, 4);
  initConv2d(params, `${name}.c3`, w, w, 3);
  initResidual(params, `${name}.r1`, w);
  initResidual(params, `${name}.r2`, w);
  initConv2d(params, `${name}.pre`, w, d, 1);
}

function initDecoder(params: Params, name: string, channels: number, config: PhysicNetConfig) {
  const { width: w, codeDim: d } = config;
  initConv2d(params, `${name}.c1`, d, w, 3);
  initResidual(params, `${name}.r1`, w);
  initResidual(params, `${name}.r2`, w);
  initConvTranspose2d(params, `${name}.t1`, w, w / 2, 4);
  initConvTranspose2d(params, `${name}.t2`, w / 2, channels, 4);
}

function initExpert(params: Params, name: string, config: PhysicNetConfig) {
  const { width: f, codeDim: d } = config;
  if (!config.flow) {
    initConv2d(params, `${name}.p1`, 2 * d, f, 3);
    initConv2d(params, `${name}.p2`, f, f, 3);
    initConv2d(params, `${name}.p3`, f, d, 3);
    return;
  }
  initConv2d(params, `${name}.context`, d, 2 * f, 3);
  initConv2d(params, `${name}.motion`, 2 * d + 2, f, 3);
  for (const gate of ['z', 'r', 'q']) initConv2d(params, `${name}.gru.${gate}`, 3 * f, f, 3);
  initConv2d(params, `${name}.flow1`, f, f, 3);
  initConv2d(params, `${name}.flow2`, f, 2, 3);
  initConv2d(params, `${name}.out`, f, d, 1);
}

function residual(params: Params, name: string, x: tf.Tensor4D): tf.Tensor4D {
  const inner = conv2d(params, `${name}.a`, tf.relu(x), { activation: 'relu' });
  return x.add(conv2d(params, `${name}.b`, inner));
}

/** [B, H, W, C] → [B, H/4, W/4, D] (PastNet's VQ-VAE encoder, without its BatchNorm). */
export function encode(params: Params, name: string, x: tf.Tensor4D): tf.Tensor4D {
  let h = conv2d(params, `${name}.c1`, x, { stride: 2, padding: 1, activation: 'relu' });
  h = conv2d(params, `${name}.c2`, h, { stride: 2, padding: 1, activation: 'relu' });
  h = conv2d(params, `${name}.c3`, h);
  h = residual(params, `${name}.r1`, h);
  h = residual(params, `${name}.r2`, h);
  return conv2d(params, `${name}.pre`, tf.relu(h));
}

/** [B, h, w, D] → [B, 4h, 4w, C]. */
export function decode(params: Params, name: string, z: tf.Tensor4D): tf.Tensor4D {
  let h = conv2d(params, `${name}.c1`, z);
  h = residual(params, `${name}.r1`, h);
  h = residual(params, `${name}.r2`, h);
  h = tf.relu(convTranspose2d(params, `${name}.t1`, tf.relu(h), { stride: 2, padding: 1 }));
  return convTranspose2d(params, `${name}.t2`, h, { stride: 2, padding: 1 });
}

/**
 * The most a latent cell moves per frame. The periodic warp makes the loss periodic in the flow,
 * so nothing pulls a drifting flow back: without a bound the small preset's flow wandered to
 * hundreds of cells (measured) while its forecasts stayed fine. A soft bound, identity near zero.
 */
export const MAX_FLOW = 1;

function boundFlow(flow: tf.Tensor4D): tf.Tensor4D {
  return tf.tanh(flow.div(MAX_FLOW)).mul(MAX_FLOW);
}

/** The flow expert's memory between frames: the GRU's hidden state and the flow so far. */
interface ExpertState {
  hidden?: tf.Tensor4D;
  flow?: tf.Tensor4D;
}

function convGru(params: Params, name: string, h: tf.Tensor4D, x: tf.Tensor4D): tf.Tensor4D {
  const hx = tf.concat([h, x], 3);
  const z = tf.sigmoid(conv2d(params, `${name}.z`, hx));
  const r = tf.sigmoid(conv2d(params, `${name}.r`, hx));
  const q = tf.tanh(conv2d(params, `${name}.q`, tf.concat([r.mul(h), x], 3)));
  return h.add(z.mul(q.sub(h)));
}

/**
 * One latent step from (z_{t−1}, z_t): refines the flow `flowIterations` times and, when `predict`,
 * returns ẑ_{t+1} = Warp(z_t, flow) + conv(h); without flow, z_t + a conv predictor.
 */
function expertStep(
  params: Params,
  name: string,
  config: PhysicNetConfig,
  previous: tf.Tensor4D,
  current: tf.Tensor4D,
  state: ExpertState,
  predict: boolean,
): { next?: tf.Tensor4D; state: ExpertState } {
  if (!config.flow) {
    if (!predict) return { state };
    const pair = tf.concat([previous, current], 3);
    let h = conv2d(params, `${name}.p1`, pair, { activation: 'relu' });
    h = conv2d(params, `${name}.p2`, h, { activation: 'relu' });
    return { next: current.add(conv2d(params, `${name}.p3`, h)), state };
  }
  const f = config.width;
  const [batch, height, width] = current.shape;
  const context = conv2d(params, `${name}.context`, current);
  const [initial, ctxRaw] = tf.split(context, [f, f], 3) as [tf.Tensor4D, tf.Tensor4D];
  const ctx = tf.relu(ctxRaw);
  let hidden = state.hidden ?? tf.tanh(initial);
  let flow = state.flow ?? tf.zeros<tf.Rank.R4>([batch, height, width, 2]);
  for (let k = 0; k < config.flowIterations; k++) {
    const motion = conv2d(params, `${name}.motion`, tf.concat([previous, current, flow], 3), {
      activation: 'relu',
    });
    hidden = convGru(params, `${name}.gru`, hidden, tf.concat([motion, ctx], 3));
    const delta = conv2d(
      params,
      `${name}.flow2`,
      conv2d(params, `${name}.flow1`, hidden, { activation: 'relu' }),
    );
    flow = boundFlow(flow.add(delta));
  }
  const next = predict
    ? (warp(current, flow, 'periodic').add(conv2d(params, `${name}.out`, hidden)) as tf.Tensor4D)
    : undefined;
  return { ...(next ? { next } : {}), state: { hidden, flow } };
}

/** What one level computes from its frames [B, Tin, H, W, C]. */
export interface LevelOutput {
  /** Decoded forecasts [B, Tout, H, W, C]. */
  forecast: tf.Tensor5D;
  /** The quantized input frames decoded back [B, Tin, H, W, C]. */
  reconstruction: tf.Tensor5D;
  /** Encoder outputs before quantization [B·Tin·h·w, D] (the EMA update reads them). */
  latents: tf.Tensor2D;
  /** Code index of each latent cell of each input frame [B, Tin, h, w] (int32), when quantized. */
  indices?: tf.Tensor4D;
  vqLoss: tf.Scalar;
  /** Estimated flow after each forecast step [B, Tout, h, w, 2] in latent cells, when on. */
  flows?: tf.Tensor5D;
}

/** A level's forecast of `outputFrames` frames from its input frames. */
export function levelForward(
  model: PhysicNetModel,
  level: Level,
  frames: tf.Tensor5D,
): LevelOutput {
  const { params, config } = model;
  const [batch, tIn, height, width, channels] = frames.shape;
  const z = encode(
    params,
    `${level}.enc`,
    frames.reshape([batch * tIn, height, width, channels]) as tf.Tensor4D,
  );
  const [, h, w, d] = z.shape;
  let quantized: tf.Tensor4D = z;
  let vqLoss: tf.Scalar = tf.scalar(0);
  let indices: tf.Tensor4D | undefined;
  if (config.quantize) {
    const vq = vectorQuantize(params, CODEBOOK, z, model.vq);
    quantized = vq.quantized as tf.Tensor4D;
    vqLoss = vq.loss;
    indices = vq.indices.reshape([batch, tIn, h, w]);
    tf.dispose([vq.counts, vq.perplexity, vq.deadFraction]);
  }
  const reconstruction = decode(params, `${level}.dec`, quantized).reshape(
    frames.shape,
  ) as tf.Tensor5D;
  const sequence = quantized.reshape([batch, tIn, h, w, d]);
  const latent = (t: number): tf.Tensor4D =>
    sequence.slice([0, t], [batch, 1]).reshape([batch, h, w, d]);
  const name = `${level}.expert`;
  let state: ExpertState = {};
  for (let t = 1; t < tIn - 1; t++) {
    state = expertStep(params, name, config, latent(t - 1), latent(t), state, false).state;
  }
  let previous = latent(tIn - 2);
  let current = latent(tIn - 1);
  const predicted: tf.Tensor4D[] = [];
  const flows: tf.Tensor4D[] = [];
  for (let k = 0; k < config.outputFrames; k++) {
    const step = expertStep(params, name, config, previous, current, state, true);
    state = step.state;
    if (state.flow) flows.push(state.flow);
    previous = current;
    current = step.next!;
    predicted.push(current);
  }
  const tOut = config.outputFrames;
  const decoded = decode(params, `${level}.dec`, tf.concat(predicted, 0) as tf.Tensor4D);
  // concat along batch put time first: [Tout·B, …] → [B, Tout, …].
  let forecast = decoded
    .reshape([tOut, batch, height, width, channels])
    .transpose([1, 0, 2, 3, 4]) as tf.Tensor5D;
  if (config.residual) {
    // Last input frame + D(ẑ) − D(z_last): the decoder's rounding of what stays put cancels.
    const last = (x: tf.Tensor5D) => x.slice([0, tIn - 1], [batch, 1]);
    forecast = forecast.sub(last(reconstruction)).add(last(frames)) as tf.Tensor5D;
  }
  return {
    forecast,
    reconstruction,
    latents: z.reshape([-1, d]),
    ...(indices ? { indices } : {}),
    vqLoss,
    ...(flows.length ? { flows: tf.stack(flows, 1) as tf.Tensor5D } : {}),
  };
}

/** Crop side in cells for a grid side. */
export function cropSize(side: number): number {
  return Math.round(side * CROP_FRACTION);
}

/** frames [B, T, H, W, C] → the crops stacked crop-major [Hc·B, T, s, s, C]. */
export function cutCrops(frames: tf.Tensor5D, placements: readonly CropPlacement[]): tf.Tensor5D {
  const [batch, t, height, , channels] = frames.shape;
  const s = cropSize(height);
  return tf.concat(
    placements.map(({ row, col }) => frames.slice([0, 0, row, col, 0], [batch, t, s, s, channels])),
    0,
  ) as tf.Tensor5D;
}

/**
 * Local forecasts [Hc·B, T, s, s, C] pasted back at their places: the mean where crops overlap,
 * and the coverage mask M (1 where any crop lies) as [1, 1, H, W, 1].
 */
export function pasteCrops(
  crops: tf.Tensor5D,
  placements: readonly CropPlacement[],
  side: number,
): { canvas: tf.Tensor5D; coverage: tf.Tensor5D } {
  const s = crops.shape[2];
  const batch = crops.shape[0] / placements.length;
  const count = new Float32Array(side * side);
  for (const { row, col } of placements) {
    for (let i = row; i < row + s; i++) for (let j = col; j < col + s; j++) count[i * side + j]!++;
  }
  const inverse = count.map((c) => (c > 0 ? 1 / c : 0));
  const sum = placements
    .map(({ row, col }, i) =>
      crops.slice([i * batch], [batch]).pad([
        [0, 0],
        [0, 0],
        [row, side - row - s],
        [col, side - col - s],
        [0, 0],
      ]),
    )
    .reduce((a, b) => a.add(b));
  return {
    canvas: sum.mul(tf.tensor(inverse, [1, 1, side, side, 1])) as tf.Tensor5D,
    coverage: tf.tensor(
      count.map((c) => (c > 0 ? 1 : 0)),
      [1, 1, side, side, 1],
    ) as tf.Tensor5D,
  };
}

/** Evenly spaced crops covering the grid: the deterministic test-time placement (methods §4d). */
export function tiledPlacements(side: number, crops: number): CropPlacement[] {
  const s = cropSize(side);
  const perSide = Math.max(2, Math.ceil(Math.sqrt(crops)));
  const at = (i: number) => Math.round((i * (side - s)) / (perSide - 1));
  const placements: CropPlacement[] = [];
  for (let i = 0; i < perSide; i++)
    for (let j = 0; j < perSide; j++) placements.push({ row: at(i), col: at(j) });
  return placements;
}

export interface PhysicNetOutput {
  /** The fused forecast [B, Tout, H, W, C] (normalized units). */
  forecast: tf.Tensor5D;
  global: LevelOutput;
  local?: LevelOutput & {
    canvas: tf.Tensor5D;
    coverage: tf.Tensor5D;
    /** The gate g [B, Tout, H, W, C]: how much of the local forecast the fusion takes. */
    gate: tf.Tensor5D;
  };
}

/** The model on normalized input frames [B, Tin, H, W, C], with the local crops at `placements`. */
export function physicnetForward(
  model: PhysicNetModel,
  frames: tf.Tensor5D,
  placements: readonly CropPlacement[],
): PhysicNetOutput {
  const global = levelForward(model, 'global', frames);
  if (!model.config.local) return { forecast: global.forecast, global };
  const [batch, , side, , channels] = frames.shape;
  const tOut = model.config.outputFrames;
  const local = levelForward(model, 'local', cutCrops(frames, placements));
  const { canvas, coverage } = pasteCrops(local.forecast, placements, side);
  const coverageFrames = coverage.tile([batch, tOut, 1, 1, 1]);
  const gateInput = tf
    .concat([global.forecast, canvas, coverageFrames], 4)
    .reshape([batch * tOut, side, side, 2 * channels + 1]) as tf.Tensor4D;
  const gate = tf
    .sigmoid(conv2d(model.params, 'gate', gateInput))
    .reshape([batch, tOut, side, side, channels]) as tf.Tensor5D;
  const forecast = global.forecast.add(
    coverage.mul(gate).mul(canvas.sub(global.forecast)),
  ) as tf.Tensor5D;
  return { forecast, global, local: { ...local, canvas, coverage, gate } };
}

/** (x − mean) / std per channel, with the statistics the model was trained with. */
export function normalize(model: PhysicNetModel, x: tf.Tensor): tf.Tensor {
  return x.sub(model.params.get('norm.mean')).div(model.params.get('norm.std'));
}

export function denormalize(model: PhysicNetModel, x: tf.Tensor): tf.Tensor {
  return x.mul(model.params.get('norm.std')).add(model.params.get('norm.mean'));
}

/** Every level's encoder outputs for raw input frames [B, Tin, H, W, C], as rows [N, D]. */
export function inputLatents(
  model: PhysicNetModel,
  input: tf.Tensor5D,
  placements: readonly CropPlacement[],
): tf.Tensor2D {
  return tf.tidy(() => {
    const x = normalize(model, input) as tf.Tensor5D;
    const levels: [Level, tf.Tensor5D][] = [['global', x]];
    if (model.config.local) levels.push(['local', cutCrops(x, placements)]);
    const rows = levels.map(([level, frames]) => {
      const [b, t, h, w, c] = frames.shape;
      const z = encode(
        model.params,
        `${level}.enc`,
        frames.reshape([b * t, h, w, c]) as tf.Tensor4D,
      );
      return z.reshape([-1, model.config.codeDim]);
    });
    return tf.concat(rows, 0) as tf.Tensor2D;
  });
}
