import { describe, expect, it } from 'vitest';
import { defaults } from '../../schema/params';
import { gridPoints } from '../grid';
import { createRng, trajectorySeeds } from '../random';
import { drawSineTerms, evaluateSines, randomSines, randomSinesParams } from './randomSines';

const mae = defaults(randomSinesParams);
const grid = { n: 64, length: 2, origin: -1 }; // MAE's [−1, 1]², without its seam

describe('random sum of sines', () => {
  it("draws MAE's terms: five, A ∈ [−0.5, 0.5], k ∈ 2π·{1, 2, 3}/L, φ ∈ [0, 2π)", () => {
    const rng = createRng(1);
    const allowed = [1, 2, 3].map((m) => (2 * Math.PI * m) / grid.length);
    for (let trial = 0; trial < 200; trial++) {
      const terms = drawSineTerms(rng, grid.length, mae);
      expect(terms).toHaveLength(5);
      for (const t of terms) {
        expect(Math.abs(t.amplitude)).toBeLessThanOrEqual(0.5);
        expect(allowed).toContain(t.kx);
        expect(allowed).toContain(t.ky);
        expect(t.phase >= 0 && t.phase < 2 * Math.PI).toBe(true);
      }
    }
  });

  it('is periodic with the box: u(x + L, y) = u(x, y + L) = u(x, y)', () => {
    const terms = drawSineTerms(createRng(2), grid.length, mae);
    for (const [x, y] of [
      [-1, -1],
      [0.3, -0.7],
      [0.99, 0.5],
    ] as const) {
      const u = evaluateSines(terms, x, y);
      expect(evaluateSines(terms, x + grid.length, y)).toBeCloseTo(u, 12);
      expect(evaluateSines(terms, x, y + grid.length)).toBeCloseTo(u, 12);
    }
  });

  it('evaluates the formula at the grid points, bounded by Σ|A_j| ≤ 2.5', () => {
    const seeds = trajectorySeeds(3, 0, 4);
    const data = randomSines(grid, seeds, mae);
    const xs = gridPoints(grid);
    const n = grid.n;
    seeds.forEach((seed, b) => {
      const terms = drawSineTerms(createRng(seed), grid.length, mae);
      const bound = terms.reduce((sum, t) => sum + Math.abs(t.amplitude), 0);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const value = data[(b * n + i) * n + j]!;
          expect(value).toBeCloseTo(evaluateSines(terms, xs[i]!, xs[j]!), 6);
          expect(Math.abs(value)).toBeLessThanOrEqual(bound + 1e-6);
        }
      expect(bound).toBeLessThanOrEqual(2.5);
    });
  });

  it('is deterministic and independent of how the batch is split', () => {
    const whole = randomSines(grid, trajectorySeeds(4, 0, 8), mae);
    const joined = new Float32Array(whole.length);
    joined.set(randomSines(grid, trajectorySeeds(4, 0, 4), mae));
    joined.set(randomSines(grid, trajectorySeeds(4, 4, 4), mae), whole.length / 2);
    expect(joined).toEqual(whole);
  });
});
