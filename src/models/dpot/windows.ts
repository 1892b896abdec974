/**
 * DPOT's training windows (methods §2c.1–2; official utils/griddataset.py, MixedTemporalDataset):
 * T_in frames and the frame after them, cut from one or several sets of trajectories
 * [N, T, X, Y, C] at seeded places.
 *
 * Mixing follows the official sampler: every trajectory of set i appears weight_i times in one
 * long index (`weighted_sizes = size * weight`, griddataset.py:54), so a window comes from set i
 * with probability ∝ N_i·w_i, from a uniform trajectory of it, at a uniform start
 * (griddataset.py:154). Sets with fewer channels are padded with ones (`pad_data`,
 * griddataset.py:98). The official resizing to a common grid is left to the caller: every set
 * here must share X and Y.
 */
import type { TrajectoryArray } from '../../data/trajectories';
import type { Rng } from '../../pde/random';

/** One set of a mixture and its sampling weight (DPOT's data_weights; default 1). */
export interface DpotWindowSource {
  set: TrajectoryArray;
  weight?: number;
}

/** Where a window starts: a source, one of its trajectories, and its first frame. */
export interface DpotWindowStart {
  source: number;
  trajectory: number;
  start: number;
}

/** Accepts one set or a weighted list of them. */
export function asSources(
  train: TrajectoryArray | readonly DpotWindowSource[],
): readonly DpotWindowSource[] {
  return 'data' in train ? [{ set: train }] : train;
}

/**
 * Why these sources hold no window for a model reading `inputFrames` frames of a `size`² grid
 * with `channels` channels, in words; undefined when they do.
 */
export function dpotWindowProblem(
  sources: readonly DpotWindowSource[],
  spec: { inputFrames: number; size?: number; channels?: number },
): string | undefined {
  if (sources.length === 0) return 'DPOT needs at least one set of trajectories to train on.';
  const needed = spec.inputFrames + 1;
  for (const [i, { set, weight = 1 }] of sources.entries()) {
    const [N, T, X, Y, C] = set.shape;
    const name = sources.length > 1 ? `Set ${i + 1}` : 'The set';
    if (N < 1) return `${name} holds no trajectory.`;
    if (T < needed) {
      return `DPOT reads ${spec.inputFrames} frames and predicts the next: it needs trajectories of at least ${needed} frames; ${name.toLowerCase()} has ${T}.`;
    }
    if (!(weight > 0 && Number.isFinite(weight))) {
      return `${name}'s sampling weight must be a positive number (got ${weight}).`;
    }
    if (spec.size !== undefined && (X !== spec.size || Y !== spec.size)) {
      return `DPOT reads a ${spec.size} × ${spec.size} grid; ${name.toLowerCase()} is ${X} × ${Y}.`;
    }
    const [, , X0, Y0] = sources[0]!.set.shape;
    if (X !== X0 || Y !== Y0) {
      return `Every set must share one grid: set 1 is ${X0} × ${Y0}, ${name.toLowerCase()} ${X} × ${Y}.`;
    }
    if (spec.channels !== undefined && C > spec.channels) {
      return `${name} has ${C} channels; the model reads ${spec.channels}.`;
    }
  }
  return undefined;
}

/** The probability of drawing from each source: N_i·w_i, normalised (griddataset.py:54). */
export function sourceProbabilities(sources: readonly DpotWindowSource[]): number[] {
  const sizes = sources.map(({ set, weight = 1 }) => set.shape[0] * weight);
  const total = sizes.reduce((a, b) => a + b, 0);
  return sizes.map((s) => s / total);
}

/** `count` windows: a source by N_i·w_i, then a uniform trajectory and start time. */
export function drawDpotWindows(
  sources: readonly DpotWindowSource[],
  inputFrames: number,
  count: number,
  rng: Rng,
): DpotWindowStart[] {
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of sourceProbabilities(sources)) cumulative.push((sum += p));
  return Array.from({ length: count }, () => {
    const u = rng.uniform();
    let source = cumulative.findIndex((c) => u < c);
    if (source < 0) source = sources.length - 1;
    const [N, T] = sources[source]!.set.shape;
    return {
      source,
      trajectory: rng.integer(0, N - 1),
      start: rng.integer(0, T - inputFrames - 1),
    };
  });
}

/**
 * The windows' frames as inputs [B, T_in, X, Y, C] and targets [B, X, Y, C], with every set's
 * channels padded with ones up to `channels` (default: the sources' largest count).
 */
export function gatherDpotWindows(
  sources: readonly DpotWindowSource[],
  inputFrames: number,
  starts: readonly DpotWindowStart[],
  channels = Math.max(...sources.map(({ set }) => set.shape[4])),
): { input: Float32Array; target: Float32Array } {
  const [, , X, Y] = sources[0]!.set.shape;
  const points = X * Y;
  const frame = points * channels;
  const input = new Float32Array(starts.length * inputFrames * frame).fill(1);
  const target = new Float32Array(starts.length * frame).fill(1);
  starts.forEach(({ source, trajectory, start }, b) => {
    const { data, shape } = sources[source]!.set;
    const [, T, , , C] = shape;
    const copy = (from: number, to: Float32Array, at: number) => {
      if (C === channels) {
        to.set(data.subarray(from, from + frame), at);
        return;
      }
      for (let p = 0; p < points; p++) {
        for (let c = 0; c < C; c++) to[at + p * channels + c] = data[from + p * C + c]!;
      }
    };
    const first = (trajectory * T + start) * points * C;
    for (let t = 0; t < inputFrames; t++) {
      copy(first + t * points * C, input, (b * inputFrames + t) * frame);
    }
    copy(first + inputFrames * points * C, target, b * frame);
  });
  return { input, target };
}
