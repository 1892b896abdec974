import { describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { maxAbsDiff } from '../nn/testing';
import {
  createWindowSource,
  sampleWindows,
  shiftWindows,
  windowAt,
  windowSize,
  type TrajectoryArray,
} from './windows';

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

/** Band-limited: modes up to 3 along each axis (Nyquist of an 8-point grid is 4). */
const smooth = (k: number, x: number, y: number, c: number) =>
  Math.sin(2 * Math.PI * (x + 0.1 * k)) * Math.cos(2 * Math.PI * 2 * y) +
  0.5 * Math.cos(2 * Math.PI * (3 * x + y + 0.3 * c)) +
  0.25;

function dataset(
  count: number,
  frameCount: number,
  n: number,
  channels: number,
): TrajectoryArray & { value: (i: number, t: number, x: number, y: number, c: number) => number } {
  const value = (i: number, t: number, x: number, y: number, c: number) =>
    i * 1000 + t * 100 + x * 10 + y + c / 10;
  const data = new Float32Array(count * frameCount * n * n * channels);
  let k = 0;
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < frameCount; t++) {
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++)
          for (let c = 0; c < channels; c++) data[k++] = value(i, t, x, y, c);
      }
    }
  }
  return { data, shape: [count, frameCount, n, n, channels], value };
}

describe('window source', () => {
  it('keeps the first channels and cuts windows at any start', () => {
    const d = dataset(3, 6, 4, 2);
    const source = createWindowSource(d, { size: 4, frames: 4 }, 1);
    expect(source.data).toHaveLength(3 * 6 * 16);
    const w = windowAt(source, 2, 1);
    expect(w).toHaveLength(windowSize(source));
    expect(w[0]).toBeCloseTo(d.value(2, 1, 0, 0, 0), 3);
    expect(w[w.length - 1]).toBeCloseTo(d.value(2, 4, 3, 3, 0), 3);
    expect(() => windowAt(source, 2, 3)).toThrow(/cannot start at frame 3/);
  });

  it('resamples to the model grid', () => {
    const source = createWindowSource(
      { data: frames(2 * 4, 8, 1, smooth), shape: [2, 4, 8, 8, 1] },
      { size: 16, frames: 4 },
      1,
    );
    expect(maxAbsDiff(source.data, frames(2 * 4, 16, 1, smooth))).toBeLessThan(1e-5);
  });

  it('explains what does not fit', () => {
    const d = dataset(1, 3, 4, 1);
    expect(() => createWindowSource(d, { size: 4, frames: 4 }, 1)).toThrow(/4 frames.*3 frames/);
    expect(() => createWindowSource(d, { size: 4, frames: 2 }, 2)).toThrow(/2 channels.*has 1/);
    expect(() =>
      createWindowSource(
        { data: new Float32Array(24), shape: [1, 2, 4, 3, 1] },
        { size: 4, frames: 2 },
        1,
      ),
    ).toThrow(/square/);
  });

  it('draws seeded windows with random trajectories and starts', () => {
    const d = dataset(4, 10, 4, 1);
    const source = createWindowSource(d, { size: 4, frames: 3 }, 1);
    const a = sampleWindows(source, createRng(7), 64);
    expect(sampleWindows(source, createRng(7), 64)).toEqual(a);
    expect(sampleWindows(source, createRng(8), 64)).not.toEqual(a);
    const size = windowSize(source);
    const starts = new Set<string>();
    for (let b = 0; b < 64; b++) {
      // The first value encodes (trajectory, start); every window is a real one.
      const first = a[b * size]!;
      const trajectory = Math.floor(first / 1000);
      const start = Math.round((first - 1000 * trajectory) / 100);
      expect(a.subarray(b * size, (b + 1) * size)).toEqual(windowAt(source, trajectory, start));
      starts.add(`${trajectory}:${start}`);
    }
    expect(starts.size).toBeGreaterThan(16);
  });
});

describe('shiftWindows', () => {
  it('translates each window by its own sub-pixel shift, the same for all its frames', () => {
    const n = 16;
    const source = { window: 2, size: n, channels: 1 };
    // One mode along x: a shift by d points multiplies it by a phase, so it stays a pure sine.
    const wave = (_k: number, x: number) => Math.sin(2 * Math.PI * x);
    const windows = frames(2 * 2, n, 1, wave);
    const shifted = shiftWindows(windows, source, createRng(1));
    const size = 2 * n * n;
    const phases: number[] = [];
    for (let b = 0; b < 2; b++) {
      const w = shifted.subarray(b * size, (b + 1) * size);
      // Fit sin(2π(x + φ)) from two samples per frame: values at x = 0 and x = ¼.
      for (let t = 0; t < 2; t++) {
        const s0 = w[t * n * n]!;
        const s1 = w[t * n * n + (n / 4) * n]!;
        phases.push(Math.atan2(s0, s1) / (2 * Math.PI));
      }
    }
    expect(phases[0]).toBeCloseTo(phases[1]!, 6);
    expect(phases[2]).toBeCloseTo(phases[3]!, 6);
    expect(Math.abs(phases[0]! - phases[2]!)).toBeGreaterThan(1e-3);
    for (const phase of phases) expect(Math.abs(phase)).toBeLessThanOrEqual(0.25);
    // A shift by d points of sin(2πx) samples the shifted sine exactly (band-limited).
    const d = phases[0]! * n;
    const expected = frames(2, n, 1, (_k, x) => Math.sin(2 * Math.PI * (x + d / n)));
    expect(maxAbsDiff(shifted.subarray(0, size), expected)).toBeLessThan(1e-5);
  });
});
