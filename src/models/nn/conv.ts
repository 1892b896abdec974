/**
 * 2-D convolutions and GroupNorm on channels-last images [B, H, W, C] (NHWC): tfjs's native
 * layout, the only one its fused conv kernels and conv gradients support on every backend.
 * Weights are stored in tfjs's filter layouts (see each init), not PyTorch's.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from './params';

/**
 * A number p pads p zero rows and columns on every side, as PyTorch's `padding=p`; 'same' and
 * 'valid' are tfjs's (TensorFlow's) rules.
 */
export type ConvPadding = number | 'same' | 'valid';

export interface Conv2dOptions {
  /** Default 1. */
  stride?: number;
  /**
   * Default 'same'. PyTorch's Conv2d(k=3, p=1) is { padding: 1 } (or 'same'); its halving
   * Conv2d(k=4, s=2, p=1) is { stride: 2, padding: 1 }.
   */
  padding?: ConvPadding;
  /** Fused into the conv kernel (default 'linear'). */
  activation?: 'linear' | 'relu';
}

/**
 * Creates `${name}.weight` [k, k, in, out] and `${name}.bias` [out], both U(±1/√(in·k²)) as
 * PyTorch's Conv2d.
 */
export function initConv2d(
  params: Params,
  name: string,
  inChannels: number,
  outChannels: number,
  kernelSize: number,
  options: { bias?: boolean } = {},
): void {
  const fanIn = inChannels * kernelSize * kernelSize;
  params.pytorchUniform(`${name}.weight`, [kernelSize, kernelSize, inChannels, outChannels], fanIn);
  if (options.bias ?? true) params.pytorchUniform(`${name}.bias`, [outChannels], fanIn);
}

/** Cross-correlation x ⋆ W + b of x [B, H, W, in] → [B, H', W', out], as PyTorch's Conv2d. */
export function conv2d(
  params: Params,
  name: string,
  x: tf.Tensor4D,
  options: Conv2dOptions = {},
): tf.Tensor4D {
  const weight = params.get(`${name}.weight`) as tf.Variable<tf.Rank.R4>;
  checkChannels(name, x, weight.shape[2]);
  return tf.tidy(() =>
    tf.fused.conv2d({
      x,
      filter: weight,
      strides: options.stride ?? 1,
      pad: options.padding ?? 'same',
      bias: params.has(`${name}.bias`) ? params.get(`${name}.bias`) : undefined,
      activation: options.activation ?? 'linear',
    }),
  );
}

export interface ConvTranspose2dOptions {
  /** Default 1. */
  stride?: number;
  /** PyTorch's `padding`: trims p rows and columns from every side of the full output. Default 0. */
  padding?: number;
  /** PyTorch's `output_padding`: extra rows and columns at the bottom and right. Default 0. */
  outputPadding?: number;
}

/**
 * Creates `${name}.weight` [k, k, out, in] (tfjs's conv2dTranspose filter) and `${name}.bias`
 * [out]. PyTorch's ConvTranspose2d takes fan_in from its weight's dim 1, which is the *output*
 * channels, so both are U(±1/√(out·k²)).
 */
export function initConvTranspose2d(
  params: Params,
  name: string,
  inChannels: number,
  outChannels: number,
  kernelSize: number,
  options: { bias?: boolean } = {},
): void {
  const fanIn = outChannels * kernelSize * kernelSize;
  params.pytorchUniform(`${name}.weight`, [kernelSize, kernelSize, outChannels, inChannels], fanIn);
  if (options.bias ?? true) params.pytorchUniform(`${name}.bias`, [outChannels], fanIn);
}

/** The output side of a transposed conv, PyTorch's (n − 1)·s − 2p + k + output_padding. */
export function convTransposeOutputSize(
  size: number,
  kernelSize: number,
  { stride = 1, padding = 0, outputPadding = 0 }: ConvTranspose2dOptions = {},
): number {
  return (size - 1) * stride - 2 * padding + kernelSize + outputPadding;
}

/**
 * The adjoint of conv2d with the same kernel, stride and padding, plus a bias: x [B, H, W, in]
 * → [B, H', W', out] with H' from convTransposeOutputSize, as PyTorch's ConvTranspose2d (whose
 * k=4, s=2, p=1 doubles H and W).
 */
export function convTranspose2d(
  params: Params,
  name: string,
  x: tf.Tensor4D,
  options: ConvTranspose2dOptions = {},
): tf.Tensor4D {
  const weight = params.get(`${name}.weight`) as tf.Variable<tf.Rank.R4>;
  const [kernelSize, , outChannels, inChannels] = weight.shape;
  checkChannels(name, x, inChannels);
  const { stride = 1, padding = 0, outputPadding = 0 } = options;
  if (!(outputPadding >= 0 && outputPadding < stride)) {
    throw new RangeError(
      `${name}: output padding must be in 0…${stride - 1}, got ${outputPadding}.`,
    );
  }
  const [batch, height, width] = x.shape;
  const outShape: [number, number, number, number] = [
    batch,
    convTransposeOutputSize(height, kernelSize, options),
    convTransposeOutputSize(width, kernelSize, options),
    outChannels,
  ];
  return tf.tidy(() => {
    const y = tf.conv2dTranspose(x, weight, outShape, stride, padding);
    return params.has(`${name}.bias`) ? y.add(params.get(`${name}.bias`)) : y;
  });
}

/** PyTorch's default epsilon. */
export const GROUP_NORM_EPS = 1e-5;

/** Creates `${name}.weight` (ones) and `${name}.bias` (zeros), both [channels]. */
export function initGroupNorm(params: Params, name: string, channels: number): void {
  params.constant(`${name}.weight`, [channels], 1);
  params.constant(`${name}.bias`, [channels], 0);
}

/**
 * PyTorch's GroupNorm(groups, C): channels split into `groups` consecutive groups, each
 * standardised over (H, W, its channels) per sample with the biased variance, then scaled and
 * shifted per channel.
 */
export function groupNorm(
  params: Params,
  name: string,
  x: tf.Tensor4D,
  groups: number,
  eps = GROUP_NORM_EPS,
): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  if (!(Number.isInteger(groups) && groups >= 1 && channels % groups === 0)) {
    throw new RangeError(`${name}: ${groups} groups do not divide ${channels} channels.`);
  }
  return tf.tidy(() => {
    const grouped = x.reshape([batch, height * width, groups, channels / groups]);
    const { mean, variance } = tf.moments(grouped, [1, 3], true);
    const normalized = grouped
      .sub(mean)
      .mul(tf.rsqrt(variance.add(eps)))
      .reshape(x.shape);
    return normalized.mul(params.get(`${name}.weight`)).add(params.get(`${name}.bias`));
  });
}

function checkChannels(name: string, x: tf.Tensor, expected: number): void {
  if (x.rank !== 4 || x.shape[3] !== expected) {
    throw new Error(
      `${name}: input has shape [${x.shape.join(', ')}], the layer expects [B, H, W, ${expected}].`,
    );
  }
}
