import { describe, expect, it } from 'vitest';
import { defaults } from '../../schema/params';
import { gridPoints } from '../grid';
import { createRng, trajectorySeeds } from '../random';
import { blobsAt, drawBlobs, gaussianBlobs, gaussianBlobsParams } from './gaussianBlobs';
import { generateInitialCondition, INITIAL_CONDITIONS } from './registry';

const params = defaults(gaussianBlobsParams);
const grid = { n: 32, length: 1, origin: 0 };

describe('Gaussian blobs', () => {
  it('draws count blobs inside the box, with radii in [r, r + spread)·L and peaks in [0.5, 1)', () => {
    const box = { length: 2, origin: -1 };
    const blobs = drawBlobs(createRng(3), box, { ...params, count: 50 });
    expect(blobs).toHaveLength(50);
    for (const b of blobs) {
      for (const c of [b.cx, b.cy]) expect(c >= -1 && c < 1).toBe(true);
      expect(b.radius >= 0.12 && b.radius < 0.2).toBe(true);
      expect(b.peak >= 0.5 && b.peak < 1).toBe(true);
    }
  });

  it('samples the analytic field on the grid, one set per seed, reproducibly', () => {
    const seeds = trajectorySeeds(9, 0, 3);
    const data = gaussianBlobs(grid, seeds, params);
    expect(data).toHaveLength(3 * 32 * 32);
    expect(gaussianBlobs(grid, seeds, params)).toEqual(data);
    expect(generateInitialCondition('gaussian-blobs', { grid, seeds })).toEqual(data);
    const xs = gridPoints(grid);
    const blobs = drawBlobs(createRng(seeds[1]!), grid, params);
    for (const [i, j] of [
      [0, 0],
      [5, 17],
      [31, 30],
    ] as const) {
      expect(data[32 * 32 + i * 32 + j]).toBeCloseTo(blobsAt(blobs, grid, xs[i]!, xs[j]!), 6);
    }
    expect(data.subarray(0, 1024)).not.toEqual(data.subarray(1024, 2048));
    expect(INITIAL_CONDITIONS['gaussian-blobs'].suggestedFor).toContain('swirl');
  });

  it('is periodic and smooth across the boundary (a blob on the edge wraps around)', () => {
    const blob = { cx: 0.98, cy: 0.01, radius: 0.1, peak: 1 };
    const box = { length: 1, origin: 0 };
    expect(blobsAt([blob], box, 0.98, 0.01)).toBeCloseTo(1, 4);
    for (const [x, y] of [
      [0.02, 0.5],
      [0.5, 0.99],
      [0.0, 0.0],
    ] as const) {
      expect(blobsAt([blob], box, x + 1, y - 1)).toBeCloseTo(blobsAt([blob], box, x, y), 12);
    }
    // The slope is continuous at the far side, where the nearest image switches.
    const h = 1e-6;
    const far = 0.98 - 0.5;
    const left =
      (blobsAt([blob], box, far - h, 0.01) - blobsAt([blob], box, far - 2 * h, 0.01)) / h;
    const right =
      (blobsAt([blob], box, far + 2 * h, 0.01) - blobsAt([blob], box, far + h, 0.01)) / h;
    expect(Math.abs(left - right)).toBeLessThan(1e-6);
  });
});
