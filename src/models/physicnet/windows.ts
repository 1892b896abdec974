/**
 * Training windows: T_in input frames and the T_out frames after them, cut from trajectories
 * [N, T, X, Y, C] at seeded trajectories and start times.
 */
import type { TrajectoryArray } from '../../data/trajectories';
import type { Rng } from '../../pde/random';

export interface WindowSpec {
  inputFrames: number;
  outputFrames: number;
}

/** Where a window starts: a trajectory and its first frame. */
export interface WindowStart {
  trajectory: number;
  start: number;
}

/** Why these trajectories hold no window, in words; undefined when they do. */
export function windowProblem(frames: number, spec: WindowSpec): string | undefined {
  const needed = spec.inputFrames + spec.outputFrames;
  return frames < needed
    ? `PhysicNet-style reads ${spec.inputFrames} frames and forecasts ${spec.outputFrames}: it needs trajectories of at least ${needed} frames; these have ${frames}.`
    : undefined;
}

/** `count` windows drawn uniformly over trajectories and start times. */
export function drawWindows(
  set: TrajectoryArray,
  spec: WindowSpec,
  count: number,
  rng: Rng,
): WindowStart[] {
  const [N, T] = set.shape;
  const last = T - spec.inputFrames - spec.outputFrames;
  return Array.from({ length: count }, () => ({
    trajectory: rng.integer(0, N - 1),
    start: rng.integer(0, last),
  }));
}

/** Every trajectory's first window: the fixed windows validation and tests read. */
export function firstWindows(set: TrajectoryArray, count = set.shape[0]): WindowStart[] {
  return Array.from({ length: Math.min(count, set.shape[0]) }, (_, trajectory) => ({
    trajectory,
    start: 0,
  }));
}

/** The windows' frames as [B, Tin, X, Y, C] inputs and [B, Tout, X, Y, C] targets. */
export function gatherWindows(
  set: TrajectoryArray,
  spec: WindowSpec,
  starts: readonly WindowStart[],
): { input: Float32Array; target: Float32Array } {
  const [, T, X, Y, C] = set.shape;
  const frame = X * Y * C;
  const { inputFrames: tIn, outputFrames: tOut } = spec;
  const input = new Float32Array(starts.length * tIn * frame);
  const target = new Float32Array(starts.length * tOut * frame);
  starts.forEach(({ trajectory, start }, b) => {
    const at = (trajectory * T + start) * frame;
    input.set(set.data.subarray(at, at + tIn * frame), b * tIn * frame);
    target.set(set.data.subarray(at + tIn * frame, at + (tIn + tOut) * frame), b * tOut * frame);
  });
  return { input, target };
}

/** Per-channel mean and standard deviation over every value of the set. */
export function channelStatistics(set: TrajectoryArray): { mean: number[]; std: number[] } {
  const C = set.shape[4];
  const sum = new Float64Array(C);
  const squares = new Float64Array(C);
  for (let i = 0; i < set.data.length; i++) {
    const v = set.data[i]!;
    const c = i % C;
    sum[c] = sum[c]! + v;
    squares[c] = squares[c]! + v * v;
  }
  const n = set.data.length / C;
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(squares, (s, c) => Math.sqrt(Math.max(s / n - mean[c]! ** 2, 0)) || 1);
  return { mean, std };
}
