/**
 * Pre-LN transformer block of MAE-PDE's vit3d: x ← x + Attn(LN(x)); x ← x + FF(x), where the
 * feed-forward FF = LN → Linear → GELU → Linear carries its own leading LayerNorm.
 */
import * as tf from '@tensorflow/tfjs';
import {
  initAttention,
  multiHeadAttention,
  multiHeadAttentionWithWeights,
  type AttentionConfig,
} from './attention';
import { gelu } from './gelu';
import { initLayerNorm, layerNorm } from './layerNorm';
import { initLinear, linear } from './linear';
import type { Params } from './params';

export interface VitBlockConfig extends AttentionConfig {
  /** Hidden width of the feed-forward network. */
  mlpDim: number;
}

/**
 * Parameters: `${name}.attnNorm`, `${name}.attn.{qkv,out}`, `${name}.ff.norm`,
 * `${name}.ff.fc1` (dim → mlpDim) and `${name}.ff.fc2` (mlpDim → dim).
 */
export function initVitBlock(params: Params, name: string, config: VitBlockConfig): void {
  initLayerNorm(params, `${name}.attnNorm`, config.dim);
  initAttention(params, `${name}.attn`, config);
  initLayerNorm(params, `${name}.ff.norm`, config.dim);
  initLinear(params, `${name}.ff.fc1`, config.dim, config.mlpDim);
  initLinear(params, `${name}.ff.fc2`, config.mlpDim, config.dim);
}

export function vitBlock(
  params: Params,
  name: string,
  x: tf.Tensor3D,
  config: VitBlockConfig,
): tf.Tensor3D {
  return tf.tidy(() => {
    const normed = layerNorm(params, `${name}.attnNorm`, x) as tf.Tensor3D;
    const attended = multiHeadAttention(params, `${name}.attn`, normed, config);
    return feedForwardResidual(params, name, x.add(attended));
  });
}

/** The same block, also returning its attention weights [B, heads, T, T]. */
export function vitBlockWithWeights(
  params: Params,
  name: string,
  x: tf.Tensor3D,
  config: VitBlockConfig,
): { output: tf.Tensor3D; weights: tf.Tensor4D } {
  return tf.tidy(() => {
    const normed = layerNorm(params, `${name}.attnNorm`, x) as tf.Tensor3D;
    const { output, weights } = multiHeadAttentionWithWeights(
      params,
      `${name}.attn`,
      normed,
      config,
    );
    return { output: feedForwardResidual(params, name, x.add(output)), weights };
  });
}

function feedForwardResidual(params: Params, name: string, x: tf.Tensor): tf.Tensor3D {
  const hidden = gelu(linear(params, `${name}.ff.fc1`, layerNorm(params, `${name}.ff.norm`, x)));
  return x.add(linear(params, `${name}.ff.fc2`, hidden)) as tf.Tensor3D;
}
