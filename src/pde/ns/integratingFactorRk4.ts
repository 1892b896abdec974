/**
 * Integrating-factor RK4 for ŷ' = −L ŷ + G(ŷ) with a diagonal linear part L ≥ 0 (reference §2.3):
 * the linear part is integrated exactly by E = e^{−LΔt}, so only G limits the step.
 *   k1 = G(ŷ), k2 = G(E½(ŷ + Δt/2·k1)), k3 = G(E½ŷ + Δt/2·k2), k4 = G(Eŷ + ΔtE½k3),
 *   ŷ⁺ = Eŷ + Δt/6·(Ek1 + 2E½(k2 + k3) + k4).
 */
import type * as tf from '@tensorflow/tfjs';
import { addSpectra, scaleSpectrum, type Complex } from '../spectral';
import { scaleBy } from './batchedTransforms';
import { expm1Accurate } from './expm1';

/** E½ − 1 and E − 1 for one Δt (see expm1Accurate for why minus one). */
export type IntegratingFactors = { half: tf.Tensor; full: tf.Tensor };

/** `rate` is L (e.g. ν|k|², broadcastable to the spectra). */
export function integratingFactors(rate: tf.Tensor, dt: number): IntegratingFactors {
  return { half: expm1Accurate(rate.mul(-dt / 2)), full: expm1Accurate(rate.mul(-dt)) };
}

/** E·y as y + (E − 1)·y. */
function decay(y: Complex, eMinusOne: tf.Tensor): Complex {
  return addSpectra(y, scaleSpectrum(y, eMinusOne));
}

/** One step; `rhs` is G. Call inside tf.tidy. */
export function integratingFactorRk4Step(
  y: Complex,
  dt: number,
  factors: IntegratingFactors,
  rhs: (y: Complex) => Complex,
): Complex {
  const { half, full } = factors;
  const k1 = rhs(y);
  const k2 = rhs(decay(addSpectra(y, scaleBy(k1, dt / 2)), half));
  const k3 = rhs(addSpectra(decay(y, half), scaleBy(k2, dt / 2)));
  const k4 = rhs(addSpectra(decay(y, full), decay(scaleBy(k3, dt), half)));
  const increment = addSpectra(
    addSpectra(decay(k1, full), decay(scaleBy(addSpectra(k2, k3), 2), half)),
    k4,
  );
  return addSpectra(decay(y, full), scaleBy(increment, dt / 6));
}
