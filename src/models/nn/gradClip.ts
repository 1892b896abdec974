/** Global-norm gradient clipping, as torch.nn.utils.clip_grad_norm_. */
import * as tf from '@tensorflow/tfjs';

/** √(Σ‖g‖²) over every gradient. */
export function globalNorm(grads: Readonly<Record<string, tf.Tensor>>): tf.Scalar {
  return tf.tidy(() => {
    const squares = Object.values(grads).map((g) => g.square().sum());
    // Not addN: on WebGPU it binds every input at once and fails (silently, as a zero norm) past
    // the device's storage-buffer limit, 8 by default; stack splits its inputs to fit.
    return (squares.length ? tf.stack(squares).sum() : tf.scalar(0)).sqrt() as tf.Scalar;
  });
}

/**
 * Scales every gradient by min(1, maxNorm / (norm + 1e-6)), PyTorch's coefficient, computed on
 * the device without a readback. Returns new gradient tensors and the norm before clipping; the
 * caller disposes them (the inputs are left alone).
 */
export function clipByGlobalNorm(
  grads: Readonly<Record<string, tf.Tensor>>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  if (!(maxNorm > 0)) throw new RangeError(`maxNorm must be positive, got ${maxNorm}`);
  return tf.tidy(() => {
    const norm = globalNorm(grads);
    const coefficient = tf.minimum(tf.scalar(maxNorm).div(norm.add(1e-6)), 1);
    const clipped = Object.fromEntries(
      Object.entries(grads).map(([name, g]) => [name, g.mul(coefficient)]),
    );
    return { grads: clipped, norm };
  });
}
