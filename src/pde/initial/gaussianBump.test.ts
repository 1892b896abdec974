import { describe, expect, it } from 'vitest';
import { defaults } from '../../schema/params';
import { createRng, trajectorySeeds } from '../random';
import { drawBumpShape, gaussianBump, gaussianBumpField, gaussianBumpParams } from './gaussianBump';

const dino = defaults(gaussianBumpParams);
const grid = { n: 64, length: 2, origin: -1 }; // DINo's wave box [−1, 1]²
const n = grid.n;

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

describe('DINo Gaussian bump', () => {
  it('peaks in [2, 4] at the rolled centre, with u_t = 0', () => {
    const seeds = trajectorySeeds(1, 0, 20);
    const data = gaussianBump(grid, seeds, dino);
    const positions = new Set<number>();
    seeds.forEach((seed, b) => {
      const shape = drawBumpShape(createRng(seed), grid, dino);
      const u = new Float64Array(n * n);
      for (let p = 0; p < n * n; p++) {
        u[p] = data[(b * n * n + p) * 2]!;
        expect(data[(b * n * n + p) * 2 + 1]).toBe(0);
      }
      const peak = argmax(u);
      expect(peak).toBe(((n / 2 + shape.shiftX) % n) * n + ((n / 2 + shape.shiftY) % n));
      expect(u[peak]).toBeGreaterThanOrEqual(2);
      expect(u[peak]).toBeLessThan(4);
      expect(u[peak]).toBeCloseTo(shape.peak, 5);
      expect(shape.radius >= 0.25 && shape.radius < 0.3).toBe(true);
      positions.add(peak);
    });
    expect(positions.size).toBeGreaterThan(15);
  });

  it('moves with the roll, bit for bit, across the periodic boundary', () => {
    const shape = { peak: 3, radius: 0.27, shiftX: 0, shiftY: 0 };
    const centred = gaussianBumpField(grid, shape);
    const [sx, sy] = [29, 50];
    const rolled = gaussianBumpField(grid, { ...shape, shiftX: sx, shiftY: sy });
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        expect(rolled[((i + sx) % n) * n + ((j + sy) % n)]).toBe(centred[i * n + j]);
      }
  });

  it('has radius r: u = peak·e^(−1/2) at distance r (periodic distance)', () => {
    const shape = { peak: 2, radius: 0.25, shiftX: 31, shiftY: 0 };
    const u = gaussianBumpField(grid, shape);
    // Centre at cell (63, 32); the cell 8 to its right wraps to (7, 32), at distance 8·h = 0.25.
    expect(u[63 * n + 32]).toBeCloseTo(2, 12);
    expect(u[7 * n + 32]).toBeCloseTo(2 * Math.exp(-0.5), 12);
    expect(u[55 * n + 32]).toBeCloseTo(2 * Math.exp(-0.5), 12);
  });

  it('is deterministic and independent of how the batch is split', () => {
    const whole = gaussianBump(grid, trajectorySeeds(2, 0, 8), dino);
    const joined = new Float32Array(whole.length);
    joined.set(gaussianBump(grid, trajectorySeeds(2, 0, 4), dino));
    joined.set(gaussianBump(grid, trajectorySeeds(2, 4, 4), dino), whole.length / 2);
    expect(joined).toEqual(whole);
  });
});
