import { describe, expect, it } from 'vitest';
import { defaults } from '../../schema/params';
import { gridPoints } from '../grid';
import {
  hotSquare,
  hotSquareParams,
  ring,
  ringParams,
  taylorGreen,
  taylorGreenParams,
  vortexPair,
  vortexPairParams,
} from './presets';

const grid = { n: 64, length: 2, origin: -1 };
const n = grid.n;
const at = (field: Float32Array, i: number, j: number) => field[i * n + j]!;
const seeds = [1, 2];

describe('classroom presets', () => {
  it('repeat one field over the batch, whatever the seeds', () => {
    const data = vortexPair(grid, seeds, defaults(vortexPairParams));
    expect(data.subarray(n * n)).toEqual(data.subarray(0, n * n));
    expect(vortexPair(grid, [7, 8], defaults(vortexPairParams))).toEqual(data);
  });

  it('hot square: warm square of side L/2, a hotter spot, cold outside', () => {
    const u = hotSquare(grid, [0], { temperature: 1, spot: 1.5 });
    expect(at(u, 32, 32)).toBeCloseTo(1, 4); // box centre, 3 cells from the spot
    expect(at(u, 22, 40)).toBeCloseTo(1, 4); // inside the square, 6 cells from its edge
    // Spot centre at (+L/10, +L/10) = 6.4 cells; a side of 6.4 cells with soft edges.
    expect(at(u, 38, 38)).toBeGreaterThan(2.45);
    expect(Math.max(...u)).toBe(at(u, 38, 38));
    expect(Math.abs(at(u, 0, 0))).toBeLessThan(1e-6);
    expect(Math.abs(at(u, 10, 32))).toBeLessThan(1e-3); // 6 cells outside the edge
    expect(at(u, 38, 38)).toBeLessThanOrEqual(2.5);
    expect(defaults(hotSquareParams)).toEqual({ temperature: 1, spot: 1 });
  });

  it('ring: peaks on the circle of radius L/4, zero at the centre, symmetric', () => {
    const u = ring(grid, [0], defaults(ringParams));
    expect(at(u, 32, 32)).toBeLessThan(1e-6);
    expect(at(u, 32 + 16, 32)).toBeCloseTo(1, 6); // 16 cells = L/4
    expect(at(u, 32, 32 - 16)).toBeCloseTo(1, 6);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        expect(at(u, j, i)).toBe(at(u, i, j));
        expect(at(u, (n - i) % n, j)).toBe(at(u, i, j));
      }
  });

  it('vortex pair: zero mean, antisymmetric, ± peaks at the two centres', () => {
    const params = defaults(vortexPairParams);
    const w = vortexPair(grid, [0], params);
    const mean = w.reduce((sum, v) => sum + v, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    // Centres at x = ±L·0.1 from the box centre: cells 32 ∓ 6.4.
    expect(Math.max(...w)).toBeGreaterThan(0.9 * params.amplitude);
    expect(Math.min(...w)).toBeLessThan(-0.9 * params.amplitude);
    let best = 0;
    for (let p = 1; p < w.length; p++) if (w[p]! > w[best]!) best = p;
    expect(Math.floor(best / n)).toBeLessThan(32);
    for (let i = 1; i < n; i++)
      for (let j = 0; j < n; j++) expect(at(w, n - i, j)).toBeCloseTo(-at(w, i, j), 5);
  });

  it('Taylor–Green: exactly a·cos(2πm x/L)·cos(2πm y/L)', () => {
    const params = { ...defaults(taylorGreenParams), amplitude: 0.7, mode: 2 };
    const u = taylorGreen(grid, [0], params);
    const xs = gridPoints(grid);
    const k = (2 * Math.PI * 2) / grid.length;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const exact = 0.7 * Math.cos(k * xs[i]!) * Math.cos(k * xs[j]!);
        expect(at(u, i, j)).toBe(Math.fround(exact));
      }
  });
});
