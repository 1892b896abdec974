/** Test helpers: sums of Fourier modes sampled on the grid in float64, and error norms. */
import { gridPoints, type Grid } from '../grid';

/** a·cos(k·x + φ) with k = 2π(mx, my)/L. */
export interface CosineMode {
  amplitude: number;
  mx: number;
  my: number;
  phase: number;
}

export function wavenumberSquared(grid: Grid, mode: CosineMode): number {
  return ((2 * Math.PI) / grid.length) ** 2 * (mode.mx ** 2 + mode.my ** 2);
}

/** Σ gain(mode)·a·cos(k·x + φ) on the grid, entry [i·N + j] at (x_i, y_j). */
export function sampleModes(
  grid: Grid,
  modes: readonly CosineMode[],
  gain: (mode: CosineMode) => number = () => 1,
): Float64Array {
  const { n } = grid;
  const xs = gridPoints(grid);
  const scale = (2 * Math.PI) / grid.length;
  const out = new Float64Array(n * n);
  for (const mode of modes) {
    const a = mode.amplitude * gain(mode);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        out[i * n + j]! += a * Math.cos(scale * (mode.mx * xs[i]! + mode.my * xs[j]!) + mode.phase);
  }
  return out;
}

/** ‖a − b‖₂ / ‖b‖₂ in float64. */
export function relativeL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  return Math.sqrt(diff / norm);
}

/** Trajectory b's frame out of a flat [B, N, N, C] array, channel `channel`. */
export function trajectoryChannel(
  data: ArrayLike<number>,
  b: number,
  n: number,
  channels = 1,
  channel = 0,
): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) out[i] = data[(b * n * n + i) * channels + channel]!;
  return out;
}

/** Observed order of convergence from errors at successive halvings of h or Δt. */
export function observedOrders(errors: readonly number[]): number[] {
  return errors.slice(1).map((e, i) => Math.log2(errors[i]! / e));
}
