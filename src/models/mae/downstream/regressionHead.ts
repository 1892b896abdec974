/**
 * MAE-PDE's regression head on the encoder's CLS output: LN → Linear → GELU → LN → Linear
 * (common/utils.py's EncoderWrapper). The hidden width is half the encoder's, 128 for the
 * paper's 256, and at least 32 so the tiny preset's head is not a bottleneck.
 */
import type * as tf from '@tensorflow/tfjs';
import { initLayerNorm, layerNorm } from '../../nn/layerNorm';
import { initLinear, linear } from '../../nn/linear';
import { activate } from '../../nn/mlp';
import type { Params } from '../../nn/params';

export const HEAD_PREFIX = 'head';

export function regressionHeadWidth(encoderWidth: number): number {
  return Math.max(32, Math.round(encoderWidth / 2));
}

export function initRegressionHead(params: Params, encoderWidth: number, outputs: number): void {
  const hidden = regressionHeadWidth(encoderWidth);
  initLayerNorm(params, `${HEAD_PREFIX}.norm0`, encoderWidth);
  initLinear(params, `${HEAD_PREFIX}.linear0`, encoderWidth, hidden);
  initLayerNorm(params, `${HEAD_PREFIX}.norm1`, hidden);
  initLinear(params, `${HEAD_PREFIX}.linear1`, hidden, outputs);
}

/** [B, encoderWidth] → [B, outputs]. */
export function regressionHead(params: Params, features: tf.Tensor2D): tf.Tensor2D {
  let x = layerNorm(params, `${HEAD_PREFIX}.norm0`, features);
  x = activate(linear(params, `${HEAD_PREFIX}.linear0`, x), 'gelu');
  x = layerNorm(params, `${HEAD_PREFIX}.norm1`, x);
  return linear(params, `${HEAD_PREFIX}.linear1`, x) as tf.Tensor2D;
}
