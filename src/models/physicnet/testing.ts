/** Helpers for PhysicNet's tests: Gaussian blobs carried across a periodic grid at known speeds. */
import type { TrajectoryArray } from '../../data/trajectories';
import { createRng } from '../../pde/random';

/**
 * [N, T, n, n, 1]: trajectory k is two Gaussian blobs moving together by (vx, vy) cells per frame,
 * each component a whole number in −1…1 drawn by seed, so every frame is an exact periodic shift.
 */
export function movingBlobs(count: number, frames: number, n: number, seed = 3): TrajectoryArray {
  const rng = createRng(seed);
  const data = new Float32Array(count * frames * n * n);
  const width = n / 8;
  let i = 0;
  for (let k = 0; k < count; k++) {
    const vx = rng.integer(-1, 1);
    const vy = rng.integer(-1, 1);
    const centres = [0, 1].map(() => [rng.uniformIn(0, n), rng.uniformIn(0, n)] as const);
    for (let t = 0; t < frames; t++) {
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          let value = 0;
          for (const [cx, cy] of centres) {
            const dx = periodic(x - cx - vx * t, n);
            const dy = periodic(y - cy - vy * t, n);
            value += Math.exp(-(dx * dx + dy * dy) / (2 * width * width));
          }
          data[i++] = value;
        }
      }
    }
  }
  return { data, shape: [count, frames, n, n, 1] };
}

/** The signed distance to the nearest periodic image, in (−n/2, n/2]. */
function periodic(d: number, n: number): number {
  return d - n * Math.round(d / n);
}
