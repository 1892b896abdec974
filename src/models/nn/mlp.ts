/** Multi-layer perceptron: Linear layers `${name}.fc0`, `${name}.fc1`, … with an activation between. */
import * as tf from '@tensorflow/tfjs';
import { gelu } from './gelu';
import { initLinear, linear } from './linear';
import type { Params } from './params';

export type Activation = 'gelu' | 'relu' | 'tanh' | 'silu';

export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'gelu':
      return gelu(x);
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'silu':
      return tf.tidy(() => x.mul(tf.sigmoid(x)));
  }
}

/** Creates layers dims[0]→dims[1]→…→dims[n], PyTorch-initialised. */
export function initMlp(
  params: Params,
  name: string,
  dims: readonly number[],
  options: { bias?: boolean } = {},
): void {
  if (dims.length < 2) throw new Error(`${name}: an MLP needs at least two widths.`);
  for (let i = 0; i + 1 < dims.length; i++) {
    initLinear(params, `${name}.fc${i}`, dims[i]!, dims[i + 1]!, options);
  }
}

/** Applies every `${name}.fc<i>` layer found in params, the activation after all but the last. */
export function mlp(
  params: Params,
  name: string,
  x: tf.Tensor,
  activation: Activation = 'gelu',
): tf.Tensor {
  const depth = mlpDepth(params, name);
  if (depth === 0) throw new Error(`No MLP named "${name}" (expected "${name}.fc0.weight").`);
  return tf.tidy(() => {
    let h = x;
    for (let i = 0; i < depth; i++) {
      h = linear(params, `${name}.fc${i}`, h);
      if (i + 1 < depth) h = activate(h, activation);
    }
    return h;
  });
}

function mlpDepth(params: Params, name: string): number {
  let depth = 0;
  while (params.has(`${name}.fc${depth}.weight`)) depth++;
  return depth;
}
