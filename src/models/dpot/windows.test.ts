import { describe, expect, it } from 'vitest';
import type { TrajectoryArray } from '../../data/trajectories';
import { createRng } from '../../pde/random';
import {
  asSources,
  drawDpotWindows,
  dpotWindowProblem,
  gatherDpotWindows,
  sourceProbabilities,
} from './windows';

/** Every value encodes where it sits: 1000·n + 100·t + 10·point + c (plus an offset per set). */
function labelled(N: number, T: number, side: number, C: number, offset = 0): TrajectoryArray {
  const data = new Float32Array(N * T * side * side * C);
  let k = 0;
  for (let n = 0; n < N; n++)
    for (let t = 0; t < T; t++)
      for (let p = 0; p < side * side; p++)
        for (let c = 0; c < C; c++) data[k++] = offset + 1000 * n + 100 * t + 10 * p + c;
  return { data, shape: [N, T, side, side, C] };
}

describe('DPOT windows', () => {
  it('cuts T_in frames and the next one at the given starts', () => {
    const set = labelled(3, 6, 2, 1);
    const { input, target } = gatherDpotWindows(asSources(set), 3, [
      { source: 0, trajectory: 2, start: 1 },
      { source: 0, trajectory: 0, start: 2 },
    ]);
    expect(input.length).toBe(2 * 3 * 4);
    expect(Array.from(input.slice(0, 12))).toEqual([
      2100, 2110, 2120, 2130, 2200, 2210, 2220, 2230, 2300, 2310, 2320, 2330,
    ]);
    expect(Array.from(target.slice(0, 4))).toEqual([2400, 2410, 2420, 2430]);
    expect(Array.from(input.slice(12, 16))).toEqual([200, 210, 220, 230]);
    expect(Array.from(target.slice(4))).toEqual([500, 510, 520, 530]);
  });

  it('pads a set with fewer channels with ones', () => {
    const sources = [{ set: labelled(1, 3, 1, 2) }, { set: labelled(1, 3, 1, 1, 5) }];
    const { input, target } = gatherDpotWindows(sources, 2, [
      { source: 1, trajectory: 0, start: 0 },
      { source: 0, trajectory: 0, start: 0 },
    ]);
    expect(Array.from(input)).toEqual([5, 1, 105, 1, 0, 1, 100, 101]);
    expect(Array.from(target)).toEqual([205, 1, 200, 201]);
  });

  it('draws seeded windows inside every trajectory', () => {
    const sources = asSources(labelled(4, 7, 2, 1));
    const a = drawDpotWindows(sources, 3, 200, createRng(5));
    expect(drawDpotWindows(sources, 3, 200, createRng(5))).toEqual(a);
    expect(drawDpotWindows(sources, 3, 200, createRng(6))).not.toEqual(a);
    for (const w of a) {
      expect(w.source).toBe(0);
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.start + 3).toBeLessThanOrEqual(6);
    }
    expect(new Set(a.map((w) => w.start)).size).toBe(4);
    expect(new Set(a.map((w) => w.trajectory)).size).toBe(4);
  });

  it('mixes sets in proportion to size × weight, as the official sampler', () => {
    const sources = [
      { set: labelled(2, 4, 1, 1), weight: 3 },
      { set: labelled(6, 4, 1, 1), weight: 1 },
    ];
    expect(sourceProbabilities(sources)).toEqual([0.5, 0.5]);
    const heavy = [{ set: sources[0]!.set, weight: 12 }, sources[1]!];
    expect(sourceProbabilities(heavy)[0]).toBeCloseTo(0.8, 12);
    const drawn = drawDpotWindows(heavy, 2, 4000, createRng(1));
    const share = drawn.filter((w) => w.source === 0).length / drawn.length;
    expect(share).toBeGreaterThan(0.77);
    expect(share).toBeLessThan(0.83);
  });

  it('says why sources hold no window', () => {
    const set = labelled(2, 4, 2, 1);
    expect(dpotWindowProblem([{ set }], { inputFrames: 3, size: 2, channels: 1 })).toBeUndefined();
    expect(dpotWindowProblem([{ set }], { inputFrames: 4 })).toMatch(/at least 5 frames/);
    expect(dpotWindowProblem([{ set }], { inputFrames: 2, size: 4 })).toMatch(/4 × 4 grid/);
    expect(dpotWindowProblem([{ set, weight: 0 }], { inputFrames: 2 })).toMatch(/weight/);
    expect(
      dpotWindowProblem([{ set: labelled(1, 4, 2, 3) }], { inputFrames: 2, channels: 2 }),
    ).toMatch(/3 channels/);
    expect(dpotWindowProblem([{ set }, { set: labelled(1, 4, 3, 1) }], { inputFrames: 2 })).toMatch(
      /share one grid/,
    );
    expect(dpotWindowProblem([], { inputFrames: 2 })).toMatch(/at least one set/);
  });
});
