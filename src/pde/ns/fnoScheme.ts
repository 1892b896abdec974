/**
 * The FNO data generator's step (Li et al. 2021, reference §1.1): Crank–Nicolson diffusion,
 * explicit Euler advection and forcing, 2/3 dealiasing of the nonlinear term only:
 *   ω̂ ← (−Δt F̂ + Δt f̂ + (1 − a) ω̂) / (1 + a),  a = ½Δtν|k|²,  F̂ = mask·F[u·∇ω].
 */
import * as tf from '@tensorflow/tfjs';
import type { Complex, Spectral2D } from '../spectral';
import type { NsOperators, NsStepper } from './operators';
import type { SpeedStatistics } from './stability';
import { createStepCache } from './stepCache';
import { advectionSpectrum } from './vorticity';

/** FNO's `lap`: |k|² with the mean mode set to 1, which it also uses in the Crank–Nicolson factors. */
export function fnoLaplacian(spectral: Spectral2D): tf.Tensor2D {
  return tf.tidy(() => {
    const k2 = spectral.k2;
    return tf.where(k2.equal(0), tf.onesLike(k2), k2) as tf.Tensor2D;
  });
}

type FnoFactors = { twiceA: tf.Tensor; inverseDenominator: tf.Tensor };

/**
 * One step on ω̂ [B, N, N], written as ω̂ + (Δt(f̂ − F̂) − 2aω̂)/(1 + a): the same update, but
 * 1 − a is never formed, since in float32 it keeps only a few digits of a when a ~ 1e-5.
 */
export function fnoStep(
  omegaHat: Complex,
  dt: number,
  ops: NsOperators,
  { twiceA, inverseDenominator }: FnoFactors,
): Complex {
  const advection = advectionSpectrum(omegaHat, ops.spectral, ops.velocity);
  const advectionWeight = -dt * ops.advectionSign;
  let re = advection.re.mul(advectionWeight).sub(omegaHat.re.mul(twiceA));
  let im = advection.im.mul(advectionWeight).sub(omegaHat.im.mul(twiceA));
  if (ops.forcingHat) {
    re = re.add(ops.forcingHat.re.mul(dt));
    im = im.add(ops.forcingHat.im.mul(dt));
  }
  return {
    re: omegaHat.re.add(re.mul(inverseDenominator)),
    im: omegaHat.im.add(im.mul(inverseDenominator)),
  };
}

/**
 * Frozen-velocity von Neumann analysis gives |g|² = ((1−a)² + c²)/(1+a)² with c = Δt u·k, so
 * |g| ≤ 1 for every k iff Δt ≤ 2ν/|u|²_max (reference §1.1).
 *
 * That bound grows without limit as u → 0 (a flow starting from rest, or a viscous flow with
 * ν k_max ≫ |u|), where one step could carry the flow across many cells while the velocity it was
 * frozen at changes. So Δt is also capped by the advective CFL Δt·max(|u|+|v|)/Δx ≤ 1, which only
 * binds in that viscous regime (for FNO's ν ≤ 1e-3 at 64² the von Neumann bound is the smaller).
 */
export function fnoStableDt(stats: SpeedStatistics, nu: Float32Array, spacing: number): number {
  let dt = Infinity;
  for (let b = 0; b < nu.length; b++) {
    dt = Math.min(dt, (2 * nu[b]!) / stats.maxSpeedSquared[b]!, spacing / stats.maxSpeedSum[b]!);
  }
  return dt;
}

export function createFnoStepper(ops: NsOperators, nu: Float32Array, spacing: number): NsStepper {
  const laplacian = fnoLaplacian(ops.spectral);
  const factors = createStepCache((dt): FnoFactors => {
    const a = ops.nu.mul(laplacian).mul(0.5 * dt);
    return { twiceA: a.mul(2), inverseDenominator: a.add(1).reciprocal() };
  });
  return {
    step: (omegaHat, dt) => fnoStep(omegaHat, dt, ops, factors.get(dt)),
    stableDt: (stats) => fnoStableDt(stats, nu, spacing),
    dispose() {
      factors.dispose();
      laplacian.dispose();
    },
  };
}
