/**
 * Integrating-factor RK4 for vorticity (reference §2.3): diffusion exact through e^{−ν|k|²Δt},
 * G(ω̂) = −mask·F[u·∇ω] + f̂ advanced with classical RK4. Fourth order in time.
 */
import { addSpectra, type Complex } from '../spectral';
import { scaleBy } from './batchedTransforms';
import { integratingFactorRk4Step, integratingFactors } from './integratingFactorRk4';
import type { NsOperators, NsStepper } from './operators';
import { dealiasedMaxWavenumber, type SpeedStatistics } from './stability';
import { createStepCache } from './stepCache';
import { advectionSpectrum } from './vorticity';

/** RK4's stability interval on the imaginary axis is |λΔt| ≤ 2√2. */
export const RK4_IMAGINARY_LIMIT = 2 * Math.SQRT2;
/**
 * The limit is sampled once per record interval while the velocity can grow within it, and the
 * linearised operator has a real part besides advection: stay this far below it.
 */
export const IFRK4_SAFETY = 0.8;

/**
 * Advection |u·k| ≤ (|u|+|v|)·k_max with k_max = 2π⌊N/3⌋/L, the largest wavenumber the dealiased
 * tendency keeps: Δt·max(|u|+|v|)·k_max ≤ 2√2, times the safety factor.
 */
export function ifrk4StableDt(stats: SpeedStatistics, maxWavenumber: number): number {
  const fastest = Math.max(...stats.maxSpeedSum);
  return (IFRK4_SAFETY * RK4_IMAGINARY_LIMIT) / (fastest * maxWavenumber);
}

export function createIfrk4Stepper(ops: NsOperators): NsStepper {
  const factors = createStepCache((dt) => integratingFactors(ops.nu.mul(ops.spectral.k2), dt));
  const maxWavenumber = dealiasedMaxWavenumber(ops.spectral);
  const rhs = (w: Complex): Complex => {
    const tendency = scaleBy(advectionSpectrum(w, ops.spectral, ops.velocity), -ops.advectionSign);
    return ops.forcingHat ? addSpectra(tendency, ops.forcingHat) : tendency;
  };
  return {
    step: (omegaHat, dt) => integratingFactorRk4Step(omegaHat, dt, factors.get(dt), rhs),
    stableDt: (stats) => ifrk4StableDt(stats, maxWavenumber),
    dispose: () => factors.dispose(),
  };
}
