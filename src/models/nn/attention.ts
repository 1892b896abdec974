/** Multi-head self-attention over tokens [B, T, D], as in MAE-PDE's ViT (lucidrains-style). */
import * as tf from '@tensorflow/tfjs';
import { initLinear, linear } from './linear';
import type { Params } from './params';

export interface AttentionConfig {
  /** Model width D of the input and output tokens. */
  dim: number;
  heads: number;
  /** Width of one head; heads·dimHead (the inner width) may differ from dim. */
  dimHead: number;
  /** Bias on the fused q/k/v projection (MAE-PDE: false). Default false. */
  qkvBias?: boolean;
}

/**
 * Whether the heads' concatenated output goes through `${name}.out`: as in lucidrains' ViT, the
 * projection is skipped only when there is one head as wide as the model.
 */
export function attentionProjectsOut(config: AttentionConfig): boolean {
  return !(config.heads === 1 && config.dimHead === config.dim);
}

/** Creates `${name}.qkv` (D → 3·inner) and, when needed, `${name}.out` (inner → D). */
export function initAttention(params: Params, name: string, config: AttentionConfig): void {
  const inner = config.heads * config.dimHead;
  initLinear(params, `${name}.qkv`, config.dim, 3 * inner, { bias: config.qkvBias ?? false });
  if (attentionProjectsOut(config)) initLinear(params, `${name}.out`, inner, config.dim);
}

// A type alias, not an interface: tf.tidy accepts it as a TensorContainer.
export type AttentionResult = {
  /** [B, T, D] */
  output: tf.Tensor3D;
  /** Softmax weights [B, heads, T, T] (rows: queries, columns: keys). */
  weights: tf.Tensor4D;
};

/** softmax(q·kᵀ / √dimHead)·v per head, then the output projection. */
export function multiHeadAttention(
  params: Params,
  name: string,
  x: tf.Tensor3D,
  config: AttentionConfig,
): tf.Tensor3D {
  return tf.tidy(() => attend(params, name, x, config).output);
}

/** The same, also returning the attention weights for visualisation. */
export function multiHeadAttentionWithWeights(
  params: Params,
  name: string,
  x: tf.Tensor3D,
  config: AttentionConfig,
): AttentionResult {
  return tf.tidy(() => attend(params, name, x, config));
}

function attend(
  params: Params,
  name: string,
  x: tf.Tensor3D,
  config: AttentionConfig,
): AttentionResult {
  const [b, t, d] = x.shape;
  const { heads, dimHead } = config;
  if (d !== config.dim) throw new Error(`${name}: tokens have width ${d}, expected ${config.dim}.`);
  const inner = heads * dimHead;
  const qkv = linear(params, `${name}.qkv`, x); // [B, T, 3·inner]
  // Each of q, k, v becomes [B·H, T, dh] so the products below are same-rank batch matMuls,
  // whose gradients tfjs gets right.
  const toHeads = (part: tf.Tensor) =>
    part
      .reshape([b, t, heads, dimHead])
      .transpose([0, 2, 1, 3])
      .reshape([b * heads, t, dimHead]) as tf.Tensor3D;
  const [q, k, v] = tf.split(qkv, 3, -1).map(toHeads) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const scores = tf.matMul(q, k, false, true).mul(dimHead ** -0.5);
  const weights = tf.softmax(scores, -1) as tf.Tensor3D;
  const mixed = tf
    .matMul(weights, v)
    .reshape([b, heads, t, dimHead])
    .transpose([0, 2, 1, 3])
    .reshape([b, t, inner]);
  const output = (
    attentionProjectsOut(config) ? linear(params, `${name}.out`, mixed) : mixed
  ) as tf.Tensor3D;
  return { output, weights: weights.reshape([b, heads, t, t]) as tf.Tensor4D };
}
