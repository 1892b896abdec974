/**
 * DPOT's auto-regressive denoising noise (methods §2c; official train_temporal.py:205), added to
 * the input frames before every training step: x + ε·‖x‖₂·ξ, ξ ~ N(0, I), with the norm over
 * (T, H, W) per sample and channel. Written here with σ_rel = ε·√(T·H·W), so the noise's standard
 * deviation is σ_rel times each sample's root-mean-square value per channel, whatever the grid.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../pde/random';

/**
 * Frames [B, T, H, W, C] plus Gaussian noise of standard deviation σ_rel·RMS(x[b, :, :, :, c]).
 * ξ is drawn in JavaScript from `seed` (the same on every backend); pass a new seed each step.
 */
export function addInputNoise(x: tf.Tensor5D, relative: number, seed: number): tf.Tensor5D {
  if (!(relative >= 0 && Number.isFinite(relative))) {
    throw new RangeError(`The noise level must be a number ≥ 0 (got ${relative}).`);
  }
  if (relative === 0) return x.clone();
  const rng = createRng(seed);
  const xi = Float32Array.from({ length: x.size }, () => rng.normal());
  return tf.tidy(() => {
    const rms = x.square().mean([1, 2, 3], true).sqrt();
    return x.add(rms.mul(relative).mul(tf.tensor(xi, x.shape))) as tf.Tensor5D;
  });
}
