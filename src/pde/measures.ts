/** Scalar diagnostics shared by several equations, per trajectory as [B, 1]. */
import * as tf from '@tensorflow/tfjs';

/** ½⟨Σ_c u_c²⟩: the L² energy of all channels together. */
export function halfMeanSquare(state: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => state.square().sum(3).mean([1, 2]).mul(0.5).expandDims(1) as tf.Tensor2D);
}
