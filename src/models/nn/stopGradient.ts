/** Gradient blockers tfjs lacks (no tf.stopGradient, tensorflow/tfjs#7438), via tf.customGrad. */
import * as tf from '@tensorflow/tfjs';

/** Forward: a copy of x. Backward: zero, as torch's `.detach()` or tf.stop_gradient. */
export const stopGradient = tf.customGrad((...inputs) => {
  const x = inputs[0] as tf.Tensor;
  return { value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
}) as <T extends tf.Tensor>(x: T) => T;

/**
 * Straight-through estimator: forward returns `quantized`, backward passes the gradient to
 * `continuous` unchanged (VQ-VAE's z + sg(z_q − z)).
 */
export const straightThrough = tf.customGrad((...inputs) => {
  const [continuous, quantized] = inputs as [tf.Tensor, tf.Tensor];
  if (!tf.util.arraysEqual(continuous.shape, quantized.shape)) {
    throw new Error(
      `straightThrough: shapes [${continuous.shape.join(', ')}] and [${quantized.shape.join(', ')}] differ.`,
    );
  }
  return {
    value: quantized.clone(),
    gradFunc: (dy: tf.Tensor) => [dy.clone(), tf.zerosLike(dy)],
  };
}) as <T extends tf.Tensor>(continuous: T, quantized: T) => T;
