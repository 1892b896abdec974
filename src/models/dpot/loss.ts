/**
 * DPOT's training loss and error measure, utils/criterion.py SimpleLpLoss (lines 52–59): per
 * sample and channel ‖ŷ − y‖₂ / (‖y‖₂ + 1e-8), averaged over channels.
 */
import * as tf from '@tensorflow/tfjs';

/** SimpleLpLoss's guard on the target's norm (criterion.py:53). */
const EPS = 1e-8;

/**
 * Relative L2 error per sample, [B]: the mean over channels of ‖ŷ_c − y_c‖₂ / (‖y_c‖₂ + 1e-8),
 * the norms over every other axis (space, and time when given [B, T, H, W, C]).
 */
export function relativeL2PerSample(prediction: tf.Tensor, target: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const [b] = target.shape;
    const c = target.shape[target.rank - 1]!;
    const diff = prediction.sub(target).reshape([b!, -1, c]);
    const y = target.reshape([b!, -1, c]);
    const ratio = diff.square().sum(1).sqrt().div(y.square().sum(1).sqrt().add(EPS));
    return ratio.mean(1) as tf.Tensor1D;
  });
}
