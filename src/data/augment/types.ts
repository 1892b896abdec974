/**
 * Lie-point-symmetry augmentations act on ONE trajectory: a Float32Array [T, N, N, C] (frame, x,
 * y, channel, as in pde/grid.ts) with scalar coefficients. augmentBatch (batch.ts) applies them
 * per trajectory to the simulator's [B, T, N, N, C] layout.
 */
import type { Grid } from '../../pde/grid';
import type { Rng } from '../../pde/random';
import type { NyquistMode } from './gridMap';

export interface AugmentMeta {
  grid: Grid;
  /** Time of each frame (length T), strictly increasing. */
  times: readonly number[];
  /** The trajectory's numeric coefficients, e.g. { nu: 0.01 } or { ax: 1, ay: 0.5 }. */
  coefficients: Readonly<Record<string, number>>;
  /** Choice params shared by the batch, e.g. { forcing: 'fno' } for Navier–Stokes. */
  options?: Readonly<Record<string, string | boolean>>;
  /** What sub-pixel Fourier shifts do with the Nyquist bin (default 'keep'). */
  nyquist?: NyquistMode;
}

export type AugmentParams = Readonly<Record<string, number>>;

export interface AugmentResult {
  trajectory: Float32Array;
  /** The coefficients of the equation the new trajectory solves (a fresh object). */
  coefficients: Record<string, number>;
  /** Frame times of the new trajectory (changed only by time relabellings). */
  times: number[];
}

export type AugmentKind = 'shift' | 'd4' | 'scale' | 'boost' | 'relabel' | 'time-reversal';

export interface Augmentation {
  id: string;
  label: string;
  kind: AugmentKind;
  /** Names of the numbers `apply` expects (empty for the D4 maps). */
  params: readonly string[];
  /** Why this map is not a symmetry for these options/coefficients, or null when it is. */
  unavailable(meta: AugmentMeta): string | null;
  /** Draws parameters from the augmentation's default distribution. */
  sample(rng: Rng, meta: AugmentMeta): AugmentParams;
  /** Validates everything and throws a clear error when the map is not allowed. */
  apply(trajectory: Float32Array, meta: AugmentMeta, params?: AugmentParams): AugmentResult;
}
