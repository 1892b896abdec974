/** Helpers for DINo's tests: small wave-like trajectories and configs. */
import { createRng } from '../../pde/random';
import { DINO_PRESETS, type DinoConfig } from './config';
import type { DinoTrajectories } from './observation';

export const tinyConfig: DinoConfig = DINO_PRESETS.tiny.config;

/**
 * Travelling and standing waves on a periodic n × n grid, [N, T, n, n, channels]: trajectory k is
 * a·sin(2π(x − c·t) + φ)·cos(2πy + ψ) with its own amplitude, speed and phases; a second channel,
 * when asked for, is the time derivative.
 */
export function waveTrajectories(
  count: number,
  frames: number,
  n: number,
  options: { seed?: number; channels?: 1 | 2; dt?: number } = {},
): DinoTrajectories {
  const channels = options.channels ?? 1;
  const dt = options.dt ?? 0.05;
  const rng = createRng(options.seed ?? 7);
  const data = new Float32Array(count * frames * n * n * channels);
  let i = 0;
  for (let k = 0; k < count; k++) {
    const amplitude = rng.uniformIn(0.5, 1);
    const speed = rng.uniformIn(0.5, 1);
    const phase = rng.uniformIn(0, 2 * Math.PI);
    const shift = rng.uniformIn(0, 2 * Math.PI);
    for (let t = 0; t < frames; t++) {
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          const arg = 2 * Math.PI * (x / n - speed * t * dt) + phase;
          const across = Math.cos((2 * Math.PI * y) / n + shift);
          data[i++] = amplitude * Math.sin(arg) * across;
          if (channels === 2) {
            data[i++] = -amplitude * 2 * Math.PI * speed * Math.cos(arg) * across;
          }
        }
      }
    }
  }
  return { data, shape: [count, frames, n, n, channels] };
}
