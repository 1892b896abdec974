/**
 * Several transforms as one: spectra are stacked along the batch axis so each pass is one set of
 * larger matmuls (fewer GPU dispatches than one transform per field).
 */
import * as tf from '@tensorflow/tfjs';
import type { Complex, Spectral2D } from '../spectral';

/** Inverse transforms of equally shaped spectra [B, N, N], returned in the same order. */
export function inverseMany(spectral: Spectral2D, spectra: readonly Complex[]): tf.Tensor3D[] {
  if (spectra.length === 1) return [spectral.inverse(spectra[0]!)];
  const stacked: Complex = {
    re: tf.concat(
      spectra.map((s) => s.re),
      0,
    ),
    im: tf.concat(
      spectra.map((s) => s.im),
      0,
    ),
  };
  return tf.split(spectral.inverse(stacked), spectra.length, 0);
}

/** Multiplies a spectrum by a number. */
export function scaleBy(a: Complex, factor: number): Complex {
  return { re: a.re.mul(factor), im: a.im.mul(factor) };
}
