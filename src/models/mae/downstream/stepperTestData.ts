/** Test data for the time-stepper: periodic waves travelling at a speed set per trajectory. */
import type { WindowSource } from '../windows';

/**
 * `trajectories` of `frames` frames on a size² grid, one channel: u = sin(2π(x − v·t)/S) +
 * 0.5·cos(2π(y + v·t)/S) with v = speeds[n] grid points per frame.
 */
export function travellingWaves(
  speeds: readonly number[],
  frames: number,
  size: number,
  window: number,
): WindowSource {
  const data = new Float32Array(speeds.length * frames * size * size);
  let at = 0;
  for (const v of speeds) {
    for (let t = 0; t < frames; t++) {
      for (let x = 0; x < size; x++) {
        for (let y = 0; y < size; y++) {
          const a = (2 * Math.PI * (x - v * t)) / size;
          const b = (2 * Math.PI * (y + v * t)) / size;
          data[at++] = Math.sin(a) + 0.5 * Math.cos(b);
        }
      }
    }
  }
  return { data, trajectories: speeds.length, frames, size, channels: 1, window };
}
