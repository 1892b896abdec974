/**
 * DINo's fixed observation grid: every grid point is kept with probability s
 * (`torch.rand(H, W) >= 1 − s`), one mask for all trajectories and times; and reading the values
 * of trajectories [N, T, X, Y, C] at a list of grid points.
 */
import { createRng, seedFor } from '../../pde/random';

/** The random stream of observation masks. */
const MASK_STREAM = 5000;

/** Trajectories as one array: [N, T, X, Y, C]. */
export interface DinoTrajectories {
  data: Float32Array;
  shape: readonly [number, number, number, number, number];
}

/** 1 where a point of the nx × ny grid is observed ('ij' order). */
export function observationMask(nx: number, ny: number, rate: number, seed: number): Uint8Array {
  if (!(rate > 0 && rate <= 1))
    throw new RangeError(`The observed share must be in (0, 1], got ${rate}.`);
  const rng = createRng(seedFor(seed, 0, MASK_STREAM));
  return Uint8Array.from({ length: nx * ny }, () => (rng.uniform() >= 1 - rate ? 1 : 0));
}

/** Flat indices of the points where `mask` is (or, with `value` 0, is not) set. */
export function maskIndices(mask: Uint8Array, value: 0 | 1 = 1): Int32Array {
  const out: number[] = [];
  mask.forEach((m, i) => {
    if ((m ? 1 : 0) === value) out.push(i);
  });
  return Int32Array.from(out);
}

export interface PointSelection {
  /** Frames first…first+count−1 (first defaults to 0). */
  first?: number;
  count: number;
  /** The first this many channels (default all). */
  channels?: number;
}

/**
 * Values [n, frames, P, channels] of trajectories `trajectories` (indices into N) at the grid
 * points `points` (flat i·Y + j).
 */
export function gatherPoints(
  source: DinoTrajectories,
  trajectories: readonly number[],
  points: ArrayLike<number>,
  frames: PointSelection,
): Float32Array {
  const [N, T, X, Y, channels] = source.shape;
  const first = frames.first ?? 0;
  if (first < 0 || first + frames.count > T) {
    throw new RangeError(`Frames ${first}…${first + frames.count - 1} do not exist (T = ${T}).`);
  }
  const C = frames.channels ?? channels;
  if (C > channels) throw new RangeError(`The data has ${channels} channels, not ${C}.`);
  const P = points.length;
  const out = new Float32Array(trajectories.length * frames.count * P * C);
  let o = 0;
  for (const n of trajectories) {
    if (!(n >= 0 && n < N)) throw new RangeError(`No trajectory ${n} (N = ${N}).`);
    for (let t = first; t < first + frames.count; t++) {
      const frame = (n * T + t) * X * Y * channels;
      for (let p = 0; p < P; p++) {
        const at = frame + points[p]! * channels;
        for (let c = 0; c < C; c++) out[o++] = source.data[at + c]!;
      }
    }
  }
  return out;
}
