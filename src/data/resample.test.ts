import { describe, expect, it } from 'vitest';
import { createRng } from '../pde/random';
import { fourierResample } from './resample';

/** Frames [F, n, n, C] of f(frame, x, y, c) on the periodic grid x, y ∈ [0, 1). */
function frames(
  count: number,
  n: number,
  channels: number,
  f: (frame: number, x: number, y: number, c: number) => number,
): Float32Array {
  const out = new Float32Array(count * n * n * channels);
  let i = 0;
  for (let k = 0; k < count; k++) {
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++)
        for (let c = 0; c < channels; c++) out[i++] = f(k, x / n, y / n, c);
    }
  }
  return out;
}

const maxAbs = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

/** Band-limited: modes up to 3 along each axis (Nyquist of an 8-point grid is 4). */
const smooth = (k: number, x: number, y: number, c: number) =>
  Math.sin(2 * Math.PI * (x + 0.1 * k)) * Math.cos(2 * Math.PI * 2 * y) +
  0.5 * Math.cos(2 * Math.PI * (3 * x + y + 0.3 * c)) +
  0.25;

describe('fourierResample', () => {
  it('reproduces band-limited fields exactly when refining and coarsening', () => {
    for (const [n, m] of [
      [8, 16],
      [16, 8],
      [16, 12],
      [9, 16],
    ] as const) {
      const source = frames(2, n, 2, smooth);
      const expected = frames(2, m, 2, smooth);
      expect(maxAbsDiff(fourierResample(source, 2, n, m, 2), expected), `${n}→${m}`).toBeLessThan(
        1e-5,
      );
    }
  });

  it('returns a copy for the same grid, and refining then coarsening is the identity', () => {
    const rng = createRng(3);
    const noise = Float32Array.from({ length: 3 * 16 * 16 }, () => rng.uniformIn(-1, 1));
    const same = fourierResample(noise, 3, 16, 16, 1);
    expect(same).toEqual(noise);
    expect(same).not.toBe(noise);
    const back = fourierResample(fourierResample(noise, 3, 16, 32, 1), 3, 32, 16, 1);
    expect(maxAbsDiff(back, noise)).toBeLessThan(1e-5);
  });

  it('drops the modes the coarse grid cannot hold', () => {
    const fine = frames(1, 16, 1, (_k, x) => Math.sin(2 * Math.PI * 6 * x));
    expect(maxAbs(fourierResample(fine, 1, 16, 8, 1))).toBeLessThan(1e-6);
  });
});
