import { describe, expect, it } from 'vitest';
import { COLORMAPS } from '../../views/colormaps';
import { INVALID_RGBA } from '../../views/fieldImage';
import {
  MAX_THUMBNAILS,
  channelScale,
  datasetDims,
  frameOffset,
  isSigned,
  paintThumbnail,
  pickTrajectories,
} from './thumbnails';
import type { DatasetDims } from './thumbnails';

/** A [N, T, n, n, C] array filled by value(trajectory, frame, x, y, channel). */
function dataset(
  dims: DatasetDims,
  value: (i: number, t: number, x: number, y: number, c: number) => number,
): Float32Array {
  const { trajectories, frames, n, channels } = dims;
  const data = new Float32Array(trajectories * frames * n * n * channels);
  let k = 0;
  for (let i = 0; i < trajectories; i++)
    for (let t = 0; t < frames; t++)
      for (let x = 0; x < n; x++)
        for (let y = 0; y < n; y++)
          for (let c = 0; c < channels; c++) data[k++] = value(i, t, x, y, c);
  return data;
}

describe('pickTrajectories', () => {
  it('shows every trajectory when there are few', () => {
    expect(pickTrajectories(5)).toEqual([0, 1, 2, 3, 4]);
    expect(pickTrajectories(MAX_THUMBNAILS)).toHaveLength(MAX_THUMBNAILS);
    expect(pickTrajectories(0)).toEqual([]);
  });

  it('spreads the picks evenly from the first to the last trajectory', () => {
    for (const count of [17, 40, 100, 1001]) {
      const picks = pickTrajectories(count);
      expect(picks).toHaveLength(MAX_THUMBNAILS);
      expect(picks[0]).toBe(0);
      expect(picks.at(-1)).toBe(count - 1);
      const ideal = (count - 1) / (MAX_THUMBNAILS - 1);
      for (let i = 1; i < picks.length; i++) {
        const gap = picks[i]! - picks[i - 1]!;
        expect(gap).toBeGreaterThanOrEqual(1);
        expect(Math.abs(gap - ideal)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('honours a smaller maximum', () => {
    expect(pickTrajectories(10, 3)).toEqual([0, 5, 9]);
    expect(pickTrajectories(10, 1)).toEqual([0]);
  });
});

describe('datasetDims', () => {
  it('reads [N, T, X, Y, C] and refuses other shapes', () => {
    expect(datasetDims([3, 4, 8, 8, 2])).toEqual({ trajectories: 3, frames: 4, n: 8, channels: 2 });
    expect(() => datasetDims([3, 4, 8, 8])).toThrow(RangeError);
    expect(() => datasetDims([3, 4, 8, 6, 1])).toThrow(/square/);
    expect(() => datasetDims([3, 0, 8, 8, 1])).toThrow(RangeError);
  });
});

describe('channelScale', () => {
  const dims: DatasetDims = { trajectories: 4, frames: 3, n: 2, channels: 2 };

  it('spans every frame of the shown trajectories only, per channel', () => {
    // Channel 0 is positive and grows with the trajectory index and time; channel 1 is signed.
    const data = dataset(dims, (i, t, x, y, c) =>
      c === 0 ? 1 + 10 * i + t + 0.1 * (x + y) : (x - 0.5) * (i + 1) * (t + 1),
    );
    const positive = channelScale(data, dims, [0, 2], 0);
    expect(positive.colormap).toBe('viridis');
    expect(positive.range.min).toBeCloseTo(1, 6);
    expect(positive.range.max).toBeCloseTo(1 + 20 + 2 + 0.2, 5); // trajectory 3 is not shown
    const signed = channelScale(data, dims, [0, 2], 1);
    expect(signed.colormap).toBe('coolwarm');
    expect(signed.range).toEqual({ min: -0.5 * 3 * 3, max: 0.5 * 3 * 3 });
  });

  it('ignores NaN and infinities, and widens a constant channel', () => {
    const data = dataset(dims, (i, t, x) =>
      x === 0 && t === 1 ? (i % 2 ? Infinity : Number.NaN) : 2,
    );
    const { range, colormap } = channelScale(data, dims, [0, 1, 2, 3], 1);
    expect(colormap).toBe('viridis');
    expect(range.min).toBeLessThan(2);
    expect(range.max).toBeGreaterThan(2);
    expect(range.max - 2).toBeCloseTo(2 - range.min, 6);
  });

  it('falls back to a unit range when nothing is finite', () => {
    const data = dataset(dims, () => Number.NaN);
    expect(channelScale(data, dims, [1], 0).range).toEqual({ min: 0, max: 1 });
  });
});

describe('isSigned', () => {
  it('wants both signs of comparable size', () => {
    expect(isSigned(-1, 1)).toBe(true);
    expect(isSigned(-0.3, 1)).toBe(true);
    expect(isSigned(-0.05, 1)).toBe(false);
    expect(isSigned(0, 1)).toBe(false);
    expect(isSigned(-2, -1)).toBe(false);
    expect(isSigned(Infinity, -Infinity)).toBe(false);
  });
});

describe('paintThumbnail', () => {
  it('paints the chosen trajectory, frame and channel with y up', () => {
    const dims: DatasetDims = { trajectories: 2, frames: 2, n: 2, channels: 2 };
    // Only trajectory 1, frame 1, channel 1 holds the pattern; everything else is NaN.
    const data = dataset(dims, (i, t, x, y, c) =>
      i === 1 && t === 1 && c === 1 ? [0, 1, 0.5, Number.NaN][2 * x + y]! : Number.NaN,
    );
    const scale = { range: { min: 0, max: 1 }, colormap: 'magma' as const };
    const lut = COLORMAPS.magma.lut;
    const pixels = new Uint32Array(4);
    const scratch = paintThumbnail(data, dims, 1, 1, 1, scale, pixels);
    // Row 0 is y = 1: (x0, y1) = 1, (x1, y1) = NaN; row 1 is y = 0: (x0, y0) = 0, (x1, y0) = 0.5.
    expect([...pixels]).toEqual([lut.at(-1), INVALID_RGBA, lut[0], lut[lut.length / 2]]);

    // The scratch buffer is reused, and another frame paints from its own offset.
    const again = paintThumbnail(data, dims, 0, 1, 1, scale, pixels, scratch);
    expect(again).toBe(scratch);
    expect([...pixels]).toEqual([INVALID_RGBA, INVALID_RGBA, INVALID_RGBA, INVALID_RGBA]);
  });

  it('locates frames in the flat array', () => {
    const dims: DatasetDims = { trajectories: 3, frames: 4, n: 5, channels: 2 };
    expect(frameOffset(dims, 0, 0)).toBe(0);
    expect(frameOffset(dims, 0, 1)).toBe(50);
    expect(frameOffset(dims, 2, 3)).toBe((2 * 4 + 3) * 50);
  });
});
