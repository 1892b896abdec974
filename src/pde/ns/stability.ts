import * as tf from '@tensorflow/tfjs';
import { derivative, type Spectral2D } from '../spectral';
import { inverseMany } from './batchedTransforms';
import { squeezeChannel, type VelocitySymbols } from './vorticity';

/** Per-trajectory velocity maxima, the inputs of the stability limits. */
export interface SpeedStatistics {
  /** max over the grid of u² + v². */
  maxSpeedSquared: Float32Array;
  /** max over the grid of |u| + |v|. */
  maxSpeedSum: Float32Array;
}

/** Reads back 2·B numbers. */
export async function speedStatistics(
  omega: tf.Tensor4D,
  spectral: Spectral2D,
  velocity: VelocitySymbols,
): Promise<SpeedStatistics> {
  const batch = omega.shape[0];
  const stats = tf.tidy(() => {
    const omegaHat = spectral.forward(squeezeChannel(omega));
    const [u, v] = inverseMany(spectral, [
      derivative(omegaHat, velocity.u),
      derivative(omegaHat, velocity.v),
    ]);
    const squared = u!.square().add(v!.square()).max([1, 2]);
    const sum = u!.abs().add(v!.abs()).max([1, 2]);
    return tf.concat([squared, sum]);
  });
  const values = (await stats.data()) as Float32Array;
  stats.dispose();
  return { maxSpeedSquared: values.slice(0, batch), maxSpeedSum: values.slice(batch) };
}

/** 2π⌊N/3⌋/L: the largest wavenumber kept by the 2/3 rule. */
export function dealiasedMaxWavenumber(spectral: Spectral2D): number {
  const { n, length } = spectral.grid;
  return (2 * Math.PI * Math.floor(n / 3)) / length;
}
