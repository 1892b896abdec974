import * as tf from '@tensorflow/tfjs';

/** A per-trajectory coefficient as a [B, 1, 1] tensor that broadcasts over [B, N, N] fields. */
export function coefficientTensor(values: Float32Array): tf.Tensor3D {
  return tf.tensor3d(values, [values.length, 1, 1]);
}
