import { describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { ssim } from './ssim';

function randomFrame(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n * n }, () => rng.uniform());
}

describe('ssim', () => {
  it('is 1 for identical frames and symmetric', () => {
    const a = randomFrame(12, 1);
    const b = randomFrame(12, 2);
    expect(ssim(a, a, 12, 12, 1)).toBeCloseTo(1, 12);
    expect(ssim(a, b, 12, 12, 1)).toBeCloseTo(ssim(b, a, 12, 12, 1), 12);
    expect(ssim(a, b, 12, 12, 1)).toBeLessThan(0.2);
  });

  it('matches the closed form on one window: b = s·a + t', () => {
    // On a single 7 × 7 window SSIM = l·cs with the window's own means and (co)variances.
    const a = randomFrame(7, 3);
    const [s, t, range] = [0.5, 0.2, 1];
    const b = a.map((v) => s * v + t);
    const n = a.length;
    const ma = a.reduce((p, v) => p + v, 0) / n;
    const va = a.reduce((p, v) => p + (v - ma) ** 2, 0) / (n - 1);
    const mb = s * ma + t;
    const [c1, c2] = [(0.01 * range) ** 2, (0.03 * range) ** 2];
    const expected =
      ((2 * ma * mb + c1) * (2 * s * va + c2)) /
      ((ma * ma + mb * mb + c1) * (va + s * s * va + c2));
    expect(ssim(a, b, 7, 7, range)).toBeCloseTo(expected, 10);
  });

  it('refuses frames smaller than its window', () => {
    expect(() => ssim([1], [1], 1, 1, 1)).toThrow(/at least 7/);
  });
});
