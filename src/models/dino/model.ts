/**
 * DINo's networks (official `network.py`, `ode_model.py`):
 *
 * - The decoder D(x; α), a FourierNet (multiplicative filter network) whose layers are shifted by
 *   linear maps of the code α, shared by every state channel (one code per channel, output 1):
 *     s_l(x) = [sin(Ω_l x), cos(Ω_l x)],   Ω_l = weight_l · input_scale/√(L+1)
 *     z_0 = s_0(x) ⊙ (A_0 α + b_0)
 *     z_l = s_l(x) ⊙ (B_l z_{l−1} + A_l α + b_l),   l = 1…L
 *     v̂ = w_outᵀ z_L + b_out
 * - The dynamics f(α), dα/dt = f(α): an MLP D → h → h → h → D with a learnable Swish
 *   x·sigmoid(x·softplus(β))/1.1 (β starts at 0.5) after the first three layers; autonomous.
 *
 * Every matMul is 2-D (tfjs 4.22's batch-broadcast matMul gradient is wrong). Weights are stored
 * [in, out], PyTorch's transpose; initialisation follows PyTorch's (kaiming_uniform(a=√5), i.e.
 * U(±1/√fan_in)).
 */
import * as tf from '@tensorflow/tfjs';
import { initLinear, linear } from '../nn/linear';
import { Params, pytorchUniformBound } from '../nn/params';
import { DINO_COORDINATE_DIM, filterWeightScale, type DinoConfig } from './config';

export interface DinoModel {
  readonly config: DinoConfig;
  /** State channels; each has its own code of `config.codeDim` numbers. */
  readonly channels: number;
  /** channels × codeDim: the length of one frame's code. */
  readonly codeSize: number;
  /** The decoder's (`decoder.*`) and the dynamics' (`dynamics.*`) weights. */
  readonly params: Params;
  /** codes [N, codeSize], coords [P, 2] → values [N, P, channels]. */
  decode(codes: tf.Tensor2D, coords: tf.Tensor2D): tf.Tensor3D;
  /** dα/dt for codes [N, codeSize]. */
  derivative(codes: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

export interface DinoOptions {
  /** Seeds the initial weights (default 0). */
  seed?: number;
  /** State channels (default 1). */
  channels?: number;
}

const DYNAMICS_LAYERS = 4;
/** Swish's learnable β starts here (official `Swish`). */
const SWISH_BETA = 0.5;

export const decoderNames = {
  filter: (l: number) => `decoder.filters.${l}.weight`,
  codeMap: (l: number) => `decoder.layers.${l}.code`,
  hiddenMap: (l: number) => `decoder.layers.${l}.hidden`,
  bias: (l: number) => `decoder.layers.${l}.bias`,
  output: 'decoder.output',
};

export const dynamicsNames = {
  linear: (i: number) => `dynamics.fc${i}`,
  beta: (i: number) => `dynamics.swish${i}.beta`,
};

export function createDino(config: DinoConfig, options: DinoOptions = {}): DinoModel {
  const channels = options.channels ?? 1;
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`A DINo model needs at least one channel, got ${channels}.`);
  }
  if (config.decoderWidth % 2 !== 0) {
    throw new RangeError(`The decoder width (${config.decoderWidth}) must be even.`);
  }
  const params = new Params(options.seed ?? 0);
  const codeSize = channels * config.codeDim;
  initDecoder(params, config);
  initDynamics(params, config, codeSize);
  const model: DinoModel = {
    config,
    channels,
    codeSize,
    params,
    decode: (codes, coords) => decode(model, codes, coords),
    derivative: (codes) => dynamics(params, codes),
    dispose: () => params.dispose(),
  };
  return model;
}

function initDecoder(params: Params, config: DinoConfig): void {
  const { codeDim, decoderWidth: width, decoderLayers: layers } = config;
  for (let l = 0; l <= layers; l++) {
    params.pytorchUniform(
      decoderNames.filter(l),
      [DINO_COORDINATE_DIM, width / 2],
      DINO_COORDINATE_DIM,
    );
  }
  for (let l = 0; l <= layers; l++) {
    // CodeBilinear: A (code → width) is U(±1/√code); the bias is U(±1/√in) where `in` is the
    // coordinate dimension for layer 0 and the width afterwards, as B's.
    const inDim = l === 0 ? DINO_COORDINATE_DIM : width;
    params.pytorchUniform(decoderNames.codeMap(l), [codeDim, width], codeDim);
    if (l > 0) params.pytorchUniform(decoderNames.hiddenMap(l), [width, width], width);
    const bound = pytorchUniformBound(inDim);
    params.uniform(decoderNames.bias(l), [width], -bound, bound);
  }
  initLinear(params, decoderNames.output, width, 1);
}

function initDynamics(params: Params, config: DinoConfig, codeSize: number): void {
  const h = config.dynamicsWidth;
  const dims = [codeSize, h, h, h, codeSize];
  for (let i = 0; i < DYNAMICS_LAYERS; i++) {
    initLinear(params, dynamicsNames.linear(i), dims[i]!, dims[i + 1]!);
    if (i + 1 < DYNAMICS_LAYERS) params.constant(dynamicsNames.beta(i), [1], SWISH_BETA);
  }
}

/** [P, width]: the sinusoidal filter s_l at every coordinate. */
function filter(params: Params, config: DinoConfig, l: number, coords: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const omega = params.get(decoderNames.filter(l)).mul(filterWeightScale(config));
    const phase = tf.matMul(coords, omega as tf.Tensor2D);
    return tf.concat([tf.sin(phase), tf.cos(phase)], 1) as tf.Tensor2D;
  });
}

/** [rows, width]: A_l α + b_l, one shift per (frame, channel) row, broadcast over space later. */
function codeShift(params: Params, l: number, alpha: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(
    () =>
      tf
        .matMul(alpha, params.get(decoderNames.codeMap(l)) as tf.Tensor2D)
        .add(params.get(decoderNames.bias(l))) as tf.Tensor2D,
  );
}

function decode(model: DinoModel, codes: tf.Tensor2D, coords: tf.Tensor2D): tf.Tensor3D {
  const { config, channels, codeSize, params } = model;
  const [N, size] = codes.shape;
  if (size !== codeSize) {
    throw new Error(`DINo decode: codes have ${size} numbers, the model expects ${codeSize}.`);
  }
  if (coords.rank !== 2 || coords.shape[1] !== DINO_COORDINATE_DIM) {
    throw new Error(`DINo decode: coordinates must be [P, 2], got [${coords.shape.join(', ')}].`);
  }
  const P = coords.shape[0];
  const width = config.decoderWidth;
  return tf.tidy(() => {
    const rows = N * channels;
    const alpha = codes.reshape([rows, config.codeDim]) as tf.Tensor2D;
    // z: [rows, P, width]; every (code, channel) row is decoded at every point.
    let z: tf.Tensor3D = filter(params, config, 0, coords)
      .expandDims(0)
      .mul(codeShift(params, 0, alpha).expandDims(1));
    for (let l = 1; l <= config.decoderLayers; l++) {
      const mixed = tf
        .matMul(z.reshape([rows * P, width]), params.get(decoderNames.hiddenMap(l)) as tf.Tensor2D)
        .reshape([rows, P, width]);
      z = mixed
        .add(codeShift(params, l, alpha).expandDims(1))
        .mul(filter(params, config, l, coords).expandDims(0));
    }
    const out = linear(params, decoderNames.output, z.reshape([rows * P, width]));
    return out.reshape([N, channels, P]).transpose([0, 2, 1]) as tf.Tensor3D;
  });
}

/** DINo's Swish: x·sigmoid(x·softplus(β))/1.1. */
export function swish(x: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  return tf.tidy(() => x.mul(tf.sigmoid(x.mul(tf.softplus(beta)))).div(1.1));
}

function dynamics(params: Params, codes: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    let h: tf.Tensor = codes;
    for (let i = 0; i < DYNAMICS_LAYERS; i++) {
      h = linear(params, dynamicsNames.linear(i), h);
      if (i + 1 < DYNAMICS_LAYERS) h = swish(h, params.get(dynamicsNames.beta(i)));
    }
    return h as tf.Tensor2D;
  });
}
