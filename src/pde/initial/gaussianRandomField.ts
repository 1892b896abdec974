/**
 * FNO's GaussianRF (also DINo's Navier–Stokes initial condition): a periodic Gaussian random field
 * N(0, σ²(−Δ + τ²)^(−α)) with zero mean. Fourier coefficients N²·√2·σ·(|k|² + τ²)^(−α/2)·ξ_k,
 * ξ_k complex normal with E|ξ|² = 1, the k = 0 one zeroed, field = Re(ifft2(·)).
 *
 * Wavenumbers are k = 2π m / L for the grid's side L. On FNO's unit torus this is FNO's
 * 4π²|m|² exactly; on other boxes the covariance is the same operator on the actual box, so the
 * correlation length stays 1/τ in length units (and the pointwise variance changes with L).
 */
import { defineSchema, type SchemaValues } from '../../schema/params';
import { integerWavenumbers, type Grid } from '../grid';
import { createRng } from '../random';
import { inverseDft2DReal } from './dft64';
import { assembleBatch } from './layout';

export const gaussianRandomFieldParams = defineSchema({
  alpha: {
    kind: 'number',
    key: 'grf.a',
    label: 'Smoothness α',
    min: 1,
    max: 5,
    default: 2.5,
    step: 0.1,
    help:
      'How smooth the random field is: larger values give smoother, rounder blobs.\n\n' +
      'Spectral decay: the Fourier mode k has amplitude ∝ (|k|² + τ²)^(−α/2).',
  },
  tau: {
    kind: 'number',
    key: 'grf.t',
    label: 'Inverse length τ',
    min: 0.5,
    max: 50,
    default: 7,
    step: 0.5,
    help:
      'How small the blobs are: larger values give smaller blobs.\n\n' +
      'τ is the inverse correlation length of the field.',
  },
  scale: {
    kind: 'number',
    key: 'grf.s',
    label: 'Amplitude',
    min: 0.01,
    max: 100,
    default: 1,
    log: true,
    help:
      'How strong the field is overall; 1 reproduces the data of the FNO and DINo papers.\n\n' +
      "Multiplies FNO's standard deviation σ = τ^(α−1).",
  },
});

export type GaussianRandomFieldParams = SchemaValues<typeof gaussianRandomFieldParams>;

/**
 * Standard deviation of each Fourier coefficient (fft2(u)/N²), σ(|k|² + τ²)^(−α/2), for the
 * N×N modes in DFT order (x-major); mode 0 is zero.
 */
export function modeStandardDeviations(
  grid: Grid,
  params: GaussianRandomFieldParams,
): Float64Array {
  const { n, length } = grid;
  const { alpha, tau, scale } = params;
  const sigma = scale * tau ** (alpha - 1);
  const m = integerWavenumbers(n);
  const k2Unit = ((2 * Math.PI) / length) ** 2;
  const out = new Float64Array(n * n);
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      if (p === 0 && q === 0) continue;
      const k2 = k2Unit * (m[p]! ** 2 + m[q]! ** 2);
      out[p * n + q] = sigma * (k2 + tau * tau) ** (-alpha / 2);
    }
  }
  return out;
}

/** The pointwise standard deviation of the field, √(Σ_k σ²(|k|² + τ²)^(−α)). */
export function gaussianRandomFieldStd(grid: Grid, params: GaussianRandomFieldParams): number {
  return Math.sqrt(modeStandardDeviations(grid, params).reduce((sum, s) => sum + s * s, 0));
}

/**
 * One field per seed, [B, N, N, 1]. Each mode, in x-major DFT order, takes two normals
 * (z₁, z₂) from the trajectory's generator, so √2·ξ = z₁ + i·z₂.
 */
export function gaussianRandomField(
  grid: Grid,
  seeds: readonly number[],
  params: GaussianRandomFieldParams,
): Float32Array {
  const { n } = grid;
  const scaled = modeStandardDeviations(grid, params).map((s) => s * n * n);
  return assembleBatch(grid, seeds.length, 1, (b) => {
    const rng = createRng(seeds[b]!);
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    for (let k = 0; k < n * n; k++) {
      re[k] = scaled[k]! * rng.normal();
      im[k] = scaled[k]! * rng.normal();
    }
    return [inverseDft2DReal(re, im, n)];
  });
}
