/** Helpers shared by the Navier–Stokes and Burgers tests: sampled fields, runs, error norms. */
import * as tf from '@tensorflow/tfjs';
import { gridPoints, type Grid } from '../grid';
import type { Solver } from '../types';

/** f(x, y) on the grid as N×N values (index ix·N + iy), evaluated in float64. */
export function sampleField(grid: Grid, f: (x: number, y: number) => number): Float64Array {
  const points = gridPoints(grid);
  const out = new Float64Array(grid.n * grid.n);
  for (let i = 0; i < grid.n; i++) {
    for (let j = 0; j < grid.n; j++) out[i * grid.n + j] = f(points[i]!, points[j]!);
  }
  return out;
}

/** Stacks per-trajectory, per-channel fields into a [B, N, N, C] tensor. */
export function stateTensor(grid: Grid, fields: readonly (readonly Float64Array[])[]): tf.Tensor4D {
  const n2 = grid.n * grid.n;
  const channels = fields[0]!.length;
  const data = new Float32Array(fields.length * n2 * channels);
  fields.forEach((trajectory, b) =>
    trajectory.forEach((values, c) => {
      for (let p = 0; p < n2; p++) data[(b * n2 + p) * channels + c] = values[p]!;
    }),
  );
  return tf.tensor4d(data, [fields.length, grid.n, grid.n, channels]);
}

/** Advances `steps` steps of Δt, disposing the intermediate states (not the initial one). */
export function run(solver: Solver, initial: tf.Tensor4D, dt: number, steps: number): tf.Tensor4D {
  let state = initial;
  for (let s = 0; s < steps; s++) {
    const next = solver.advance(state, dt);
    if (state !== initial) state.dispose();
    state = next;
  }
  return state === initial ? initial.clone() : state;
}

export { relativeL2 } from '../testing/fields';

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** A small deterministic PRNG (mulberry32) so test fields are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A smooth, zero-mean random field like a Gaussian random field with a steep spectrum:
 * Σ a_k cos(2π(m x + n y)/L + φ_k) over 0 < |m|, |n| ≤ maxMode, a_k ∝ (m² + n²)^(−decay/2),
 * scaled to the given root-mean-square value.
 */
export function smoothRandomField(
  grid: Grid,
  seed: number,
  { maxMode = 4, decay = 2, rms = 1 }: { maxMode?: number; decay?: number; rms?: number } = {},
): Float64Array {
  const random = seededRandom(seed);
  const modes: { m: number; n: number; a: number; phase: number }[] = [];
  for (let m = 0; m <= maxMode; m++) {
    for (let n = -maxMode; n <= maxMode; n++) {
      if (m === 0 && n <= 0) continue; // (m, n) and (−m, −n) are the same cosine
      const a = (random() * 2 - 1) * (m * m + n * n) ** (-decay / 2);
      modes.push({ m, n, a, phase: 2 * Math.PI * random() });
    }
  }
  const k = (2 * Math.PI) / grid.length;
  const field = sampleField(grid, (x, y) =>
    modes.reduce((sum, { m, n, a, phase }) => sum + a * Math.cos(k * (m * x + n * y) + phase), 0),
  );
  const current = Math.sqrt(field.reduce((s, v) => s + v * v, 0) / field.length);
  return field.map((v) => (v * rms) / current);
}
