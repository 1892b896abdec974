import type * as tf from '@tensorflow/tfjs';
import type { Complex, Spectral2D } from '../spectral';
import type { SpeedStatistics } from './stability';
import type { VelocitySymbols } from './vorticity';

/** The constant tensors a Navier–Stokes step needs; owned by the solver. */
export interface NsOperators {
  spectral: Spectral2D;
  velocity: VelocitySymbols;
  /** ν per trajectory, [B, 1, 1]. */
  nu: tf.Tensor3D;
  /** F[f], [1, N, N] or [B, N, N]; null when unforced. */
  forcingHat: Complex | null;
  /** +1; −1 only in the test that proves a sign error would be caught. */
  advectionSign: 1 | -1;
}

/** One time-stepping scheme bound to its operators; owns the tensors it creates. */
export interface NsStepper {
  /** Advances ω̂ [B, N, N] by Δt. Call inside tf.tidy. */
  step(omegaHat: Complex, dt: number): Complex;
  /** The largest stable Δt for a state with these velocity maxima. */
  stableDt(stats: SpeedStatistics): number;
  dispose(): void;
}
