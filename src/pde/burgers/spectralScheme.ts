/**
 * Pseudo-spectral Burgers: derivatives by DFT, the nonlinear products dealiased by the 2/3 rule,
 * diffusion integrated exactly and advection by RK4 (integrating-factor RK4, as for
 * Navier–Stokes). u and v are stacked along the batch axis so each transform handles both.
 */
import * as tf from '@tensorflow/tfjs';
import type { Grid } from '../grid';
import {
  createSpectral2D,
  derivative,
  scaleSpectrum,
  type Complex,
  type Spectral2D,
} from '../spectral';
import type { Solver } from '../types';
import { coefficientTensor } from '../ns/coefficients';
import { createStepCache } from '../ns/stepCache';
import { inverseMany, scaleBy } from '../ns/batchedTransforms';
import {
  integratingFactorRk4Step,
  integratingFactors,
  type IntegratingFactors,
} from '../ns/integratingFactorRk4';
import { IFRK4_SAFETY, RK4_IMAGINARY_LIMIT } from '../ns/ifrk4Scheme';
import { dealiasedMaxWavenumber } from '../ns/stability';
import { createAdvectionWeights, maxAdvectionSpeed } from './advectionSpeed';
import { checkedDt } from '../ns/checkedDt';

/** G(ŷ) = −mask·F[cx u ∂x + cy v ∂y](u, v) for ŷ = (û; v̂) stacked as [2B, N, N]. */
export function burgersTendency(
  y: Complex,
  spectral: Spectral2D,
  cx: tf.Tensor3D,
  cy: tf.Tensor3D,
): Complex {
  const [fields, dx, dy] = inverseMany(spectral, [
    y,
    derivative(y, spectral.kx),
    derivative(y, spectral.ky),
  ]);
  const [u, v] = tf.split(fields!, 2, 0);
  const a = cx.mul(u!);
  const b = cy.mul(v!);
  const advection = tf
    .concat([a, a])
    .mul(dx!)
    .add(tf.concat([b, b]).mul(dy!)) as tf.Tensor3D;
  return scaleBy(scaleSpectrum(spectral.forward(advection), spectral.dealias), -1);
}

/** One step of the state [B, N, N, 2]. Call inside tf.tidy. */
export function spectralStep(
  state: tf.Tensor4D,
  dt: number,
  spectral: Spectral2D,
  coefficients: { cx: tf.Tensor3D; cy: tf.Tensor3D },
  factors: IntegratingFactors,
): tf.Tensor4D {
  const [b, nx, ny] = state.shape;
  // [B, N, N, 2] → (u; v) as [2B, N, N]
  const stacked = state.transpose([3, 0, 1, 2]).reshape([2 * b, nx, ny]) as tf.Tensor3D;
  const next = integratingFactorRk4Step(spectral.forward(stacked), dt, factors, (w) =>
    burgersTendency(w, spectral, coefficients.cx, coefficients.cy),
  );
  return spectral.inverse(next).reshape([2, b, nx, ny]).transpose([1, 2, 3, 0]) as tf.Tensor4D;
}

/** Δt·max(|cx u| + |cy v|)·k_max ≤ 2√2 (RK4 on the imaginary axis), times the safety factor. */
export function spectralStableDt(maxSpeed: Float32Array, spectral: Spectral2D): number {
  const fastest = Math.max(...maxSpeed);
  return (IFRK4_SAFETY * RK4_IMAGINARY_LIMIT) / (fastest * dealiasedMaxWavenumber(spectral));
}

export function createSpectralSolver(
  grid: Grid,
  values: { nu: Float32Array; cx: Float32Array; cy: Float32Array },
): Solver {
  const spectral = createSpectral2D(grid);
  const nu = coefficientTensor(values.nu);
  const coefficients = { cx: coefficientTensor(values.cx), cy: coefficientTensor(values.cy) };
  const weights = createAdvectionWeights(values.cx, values.cy);
  const factors = createStepCache((dt) => {
    const rate = nu.mul(spectral.k2); // ν|k|², once for u and once for v
    return integratingFactors(tf.concat([rate, rate]), dt);
  });
  return {
    exact: false,
    stableDt: async (state) => spectralStableDt(await maxAdvectionSpeed(state, weights), spectral),
    advance(state, dt) {
      checkedDt(dt);
      return tf.tidy(() => spectralStep(state, dt, spectral, coefficients, factors.get(dt)));
    },
    dispose() {
      factors.dispose();
      tf.dispose([nu, coefficients.cx, coefficients.cy, weights.x, weights.y]);
      spectral.dispose();
    },
  };
}
