/** Layer normalisation over the last axis, as PyTorch's nn.LayerNorm (biased variance). */
import * as tf from '@tensorflow/tfjs';
import type { Params } from './params';

/** PyTorch's default epsilon. */
export const LAYER_NORM_EPS = 1e-5;

/** Creates `${name}.weight` (ones) and `${name}.bias` (zeros), both [dim]. */
export function initLayerNorm(params: Params, name: string, dim: number): void {
  params.constant(`${name}.weight`, [dim], 1);
  params.constant(`${name}.bias`, [dim], 0);
}

/** (x − mean) / √(var + eps) · weight + bias, statistics over the last axis. */
export function layerNorm(
  params: Params,
  name: string,
  x: tf.Tensor,
  eps = LAYER_NORM_EPS,
): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalized = x.sub(mean).mul(tf.rsqrt(variance.add(eps)));
    return normalized.mul(params.get(`${name}.weight`)).add(params.get(`${name}.bias`));
  });
}
