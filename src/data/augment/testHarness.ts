/** Test helpers: band-limited fields, short real-solver runs and the commutation error. */
import * as tf from '@tensorflow/tfjs';
import { gridPoints, type Grid } from '../../pde/grid';
import { createRng } from '../../pde/random';
import { pdeSpec } from '../../pde/registry';
import { simulate } from '../../pde/simulate';
import type { PdeId } from '../../pde/types';
import type { AugmentMeta, AugmentParams, AugmentResult, Augmentation } from './types';

export interface Run {
  pde: PdeId;
  scheme: string;
  grid: Grid;
  coefficients: Record<string, number>;
  options?: Record<string, string | boolean>;
  frames: number;
  interval: number;
  dt: number;
}

/** [N, N, C]: per channel a sum of a few cosines with |m| ≤ 3, so spectral shifts are exact. */
export function smoothField(
  grid: Grid,
  channels: number,
  seed: number,
  amplitude = 1,
): Float32Array {
  const rng = createRng(seed);
  const { n, length } = grid;
  const x = gridPoints(grid);
  const out = new Float32Array(n * n * channels);
  for (let c = 0; c < channels; c++) {
    for (let mode = 0; mode < 4; mode++) {
      const mx = rng.integer(-3, 3);
      const my = rng.integer(1, 3) * (mode % 2 === 0 ? 1 : -1);
      const a = (amplitude * rng.uniformIn(0.5, 1)) / 2;
      const phase = rng.uniformIn(0, 2 * Math.PI);
      const k = (2 * Math.PI) / length;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          out[(i * n + j) * channels + c]! += a * Math.cos(k * (mx * x[i]! + my * x[j]!) + phase);
        }
      }
    }
  }
  return out;
}

/** Simulates one trajectory; returns [T, N, N, C] and the frame times. */
export async function simulateOne(
  run: Run,
  initial: Float32Array,
): Promise<{ data: Float32Array; times: number[] }> {
  const spec = pdeSpec(run.pde);
  const { n } = run.grid;
  const c = spec.channels.length;
  const solver = spec.createSolver({
    grid: run.grid,
    scheme: run.scheme,
    batch: 1,
    coefficients: Object.fromEntries(
      Object.entries(run.coefficients).map(([k, v]) => [k, Float32Array.of(v)]),
    ),
    options: run.options ?? {},
  });
  const state = tf.tensor4d(initial, [1, n, n, c]);
  try {
    const result = await simulate({
      solver,
      initial: state,
      frames: run.frames,
      recordInterval: run.interval,
      dt: run.dt,
    });
    return { data: result.data, times: result.times };
  } finally {
    state.dispose();
    solver.dispose();
  }
}

const cache = new WeakMap<
  Float32Array,
  Map<string, Promise<{ data: Float32Array; times: number[] }>>
>();

/** The untransformed run is shared by every transform tested on the same initial field. */
function cachedRun(run: Run, initial: Float32Array) {
  let byRun = cache.get(initial);
  if (!byRun) cache.set(initial, (byRun = new Map()));
  const key = JSON.stringify(run);
  let result = byRun.get(key);
  if (!result) byRun.set(key, (result = simulateOne(run, initial)));
  return result;
}

export function metaOf(run: Run, times: readonly number[]): AugmentMeta {
  return { grid: run.grid, times, coefficients: run.coefficients, options: run.options };
}

/** max|a − b| / max|b|. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Lengths differ: ${a.length} vs ${b.length}.`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

export type Transform = (trajectory: Float32Array, meta: AugmentMeta) => AugmentResult;

export function asTransform(augmentation: Augmentation, params?: AugmentParams): Transform {
  return (trajectory, meta) => augmentation.apply(trajectory, meta, params);
}

/**
 * Simulate, transform the trajectory; then simulate again from the transformed first frame with
 * the transformed coefficients and frame spacing. Returns max|difference| / max|transformed|.
 */
export async function commutationError(
  run: Run,
  initial: Float32Array,
  transform: Transform,
): Promise<number> {
  const original = await cachedRun(run, initial);
  const mapped = transform(original.data, metaOf(run, original.times));
  const frameSize = initial.length;
  const rerun = await simulateOne(
    {
      ...run,
      coefficients: mapped.coefficients,
      interval: mapped.times[1]! - mapped.times[0]!,
      dt: (run.dt * (mapped.times[1]! - mapped.times[0]!)) / run.interval,
    },
    mapped.trajectory.slice(0, frameSize),
  );
  return relativeError(rerun.data, mapped.trajectory);
}
