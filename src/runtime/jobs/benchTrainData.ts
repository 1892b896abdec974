/**
 * Training data for the training-speed bench, built in plain JavaScript: exact solutions of the
 * periodic advection–diffusion equation u_t + c·∇u = ν Δu on the unit square, each a few random
 * Fourier modes moving at velocity c and decaying at rate ν(2π|k|)². Smooth and PDE-like, like the
 * lab's heat and advection data, yet instant on every backend: running the lab's solvers instead
 * (generateMix of heat, advection and Burgers) would take minutes on an emulated GPU, far longer
 * than the steps being timed, whose cost does not depend on the values anyway.
 */
import { createRng } from '../../pde/random';
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';

/** Fourier modes per trajectory, wave numbers per axis and time between frames. */
const MODES = 6;
const MAX_WAVE_NUMBER = 3;
const FRAME_DT = 0.05;

export function smoothTrajectories(
  count: number,
  frames: number,
  n: number,
  seed = 0,
): TrajectoryArray {
  const rng = createRng(seed);
  const data = new Float32Array(count * frames * n * n);
  const twoPi = 2 * Math.PI;
  for (let trajectory = 0; trajectory < count; trajectory++) {
    const cx = rng.uniformIn(-1, 1);
    const cy = rng.uniformIn(-1, 1);
    const nu = rng.uniformIn(1e-3, 1e-2);
    const modes = Array.from({ length: MODES }, () => {
      const kx = rng.integer(-MAX_WAVE_NUMBER, MAX_WAVE_NUMBER);
      const ky = rng.integer(1, MAX_WAVE_NUMBER);
      return { kx, ky, amplitude: rng.normal() / Math.sqrt(MODES), phase: twoPi * rng.uniform() };
    });
    for (let frame = 0; frame < frames; frame++) {
      const t = frame * FRAME_DT;
      const offset = (trajectory * frames + frame) * n * n;
      for (const { kx, ky, amplitude, phase } of modes) {
        const decayed = amplitude * Math.exp(-nu * twoPi * twoPi * (kx * kx + ky * ky) * t);
        const shift = phase - twoPi * (kx * cx + ky * cy) * t;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            data[offset + i * n + j]! +=
              decayed * Math.cos((twoPi * (kx * i + ky * j)) / n + shift);
          }
        }
      }
    }
  }
  return { data, shape: [count, frames, n, n, 1] };
}

/** What a model reads from a dataset's metadata, for these trajectories (one channel, unit square). */
export function smoothTrajectoriesMeta(set: TrajectoryArray): DatasetMeta {
  const [N, T, X] = set.shape;
  return {
    equation: 'advection',
    scheme: 'exact',
    seed: 0,
    grid: { n: X, length: 1, origin: 0 },
    times: Array.from({ length: T }, (_, k) => k * FRAME_DT),
    channels: ['u'],
    coefficients: {},
    split: { train: N, val: 0, test: 0 },
  };
}
