/** GELU in PyTorch's exact form (nn.GELU's default), 0.5·x·(1 + erf(x/√2)). */
import * as tf from '@tensorflow/tfjs';

/**
 * tf.erf is Abramowitz–Stegun 7.1.26 (absolute error ≤ 1.5e-7) on every backend, and tfjs-core
 * registers its gradient, so this is differentiable as written.
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1)).mul(0.5));
}
