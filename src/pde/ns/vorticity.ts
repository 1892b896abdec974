/**
 * Vorticity–streamfunction relations on the periodic box: −Δψ = ω, u = (ψ_y, −ψ_x). Everything is
 * spectral, so the velocity is exactly divergence-free (up to round-off).
 */
import * as tf from '@tensorflow/tfjs';
import { derivative, scaleSpectrum, type Complex, type Spectral2D } from '../spectral';
import { inverseMany } from './batchedTransforms';

/** Symbols taking ω̂ to û and v̂ under derivative(): û = i·(k_y/|k|²)·ω̂, v̂ = i·(−k_x/|k|²)·ω̂. */
export interface VelocitySymbols {
  /** k_y/|k|², 0 at k = 0 (the streamfunction's mean carries no velocity). */
  u: tf.Tensor2D;
  /** −k_x/|k|², 0 at k = 0. */
  v: tf.Tensor2D;
}

/** 1/|k|² with the mean mode set to 0. */
export function inverseLaplacianSymbol(spectral: Spectral2D): tf.Tensor2D {
  return tf.tidy(() => {
    const isMean = spectral.k2.equal(0);
    const safe = tf.where(isMean, tf.onesLike(spectral.k2), spectral.k2);
    return tf.where(isMean, tf.zerosLike(safe), safe.reciprocal()) as tf.Tensor2D;
  });
}

export function createVelocitySymbols(spectral: Spectral2D): VelocitySymbols {
  return tf.tidy(() => {
    const inverseK2 = inverseLaplacianSymbol(spectral);
    return {
      u: spectral.ky.mul(inverseK2) as tf.Tensor2D,
      v: spectral.kx.mul(inverseK2).neg() as tf.Tensor2D,
    };
  });
}

/**
 * The dealiased advection term mask·F[u ω_x + v ω_y] from ω̂ (spectra [B, N, N]). The velocity and
 * gradient use every mode of ω̂; only the product is truncated (2/3 rule), as in FNO.
 */
export function advectionSpectrum(
  omegaHat: Complex,
  spectral: Spectral2D,
  velocity: VelocitySymbols,
): Complex {
  const [u, v, omegaX, omegaY] = inverseMany(spectral, [
    derivative(omegaHat, velocity.u),
    derivative(omegaHat, velocity.v),
    derivative(omegaHat, spectral.kx),
    derivative(omegaHat, spectral.ky),
  ]);
  const product = u!.mul(omegaX!).add(v!.mul(omegaY!)) as tf.Tensor3D;
  return scaleSpectrum(spectral.forward(product), spectral.dealias);
}

/** Velocity (u, v) as [B, N, N, 2] from vorticity [B, N, N, 1]. */
export function velocityFromVorticity(omega: tf.Tensor4D, spectral: Spectral2D): tf.Tensor4D {
  return tf.tidy(() => {
    const symbols = createVelocitySymbols(spectral);
    const omegaHat = spectral.forward(squeezeChannel(omega));
    const [u, v] = inverseMany(spectral, [
      derivative(omegaHat, symbols.u),
      derivative(omegaHat, symbols.v),
    ]);
    return tf.stack([u!, v!], 3) as tf.Tensor4D;
  });
}

export interface VorticityInvariants {
  /** E = ½⟨|u|²⟩ = ½ Σ_{k≠0} |ω̂_k|²/|k|² (ω̂ = fft2/N²), per trajectory. */
  energy: tf.Tensor1D;
  /** Z = ½⟨ω²⟩, per trajectory. */
  enstrophy: tf.Tensor1D;
}

/** Domain-averaged kinetic energy and enstrophy of vorticity [B, N, N, 1]. */
export function energyAndEnstrophy(omega: tf.Tensor4D, spectral: Spectral2D): VorticityInvariants {
  return tf.tidy(() => {
    const field = squeezeChannel(omega);
    const { re, im } = spectral.forward(field);
    const n2 = spectral.grid.n ** 2;
    const power = re.square().add(im.square());
    const energy = power
      .mul(inverseLaplacianSymbol(spectral))
      .sum([1, 2])
      .mul(0.5 / (n2 * n2)) as tf.Tensor1D;
    const enstrophy = field.square().mean([1, 2]).mul(0.5) as tf.Tensor1D;
    return { energy, enstrophy };
  });
}

/** [B, N, N, 1] → [B, N, N]. */
export function squeezeChannel(field: tf.Tensor4D): tf.Tensor3D {
  const [b, nx, ny] = field.shape;
  return field.reshape([b, nx, ny]);
}
