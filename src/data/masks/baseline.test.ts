import { describe, expect, it } from 'vitest';
import {
  BASELINES,
  inverseDistance,
  linear,
  maskedMse,
  maskedRelativeL2,
  nearestVisible,
  type BaselineId,
} from './baseline';
import { patchGeometry, tokenIndex, tokenMaskToPixels, type PatchGeometry } from './patches';
import { MASK_STRATEGIES, maskForSample, type MaskStrategy } from './strategies';

const IDS = Object.keys(BASELINES) as BaselineId[];

/** A window [T, X, Y, C] with value f(t, x, y, c). */
function field(g: PatchGeometry, f: (t: number, x: number, y: number, c: number) => number) {
  const [T, X, Y, C] = g.window;
  const out = new Float32Array(g.windowSize);
  let i = 0;
  for (let t = 0; t < T; t++) {
    for (let x = 0; x < X; x++) {
      for (let y = 0; y < Y; y++) for (let c = 0; c < C; c++) out[i++] = f(t, x, y, c);
    }
  }
  return out;
}

function mask(g: PatchGeometry, strategy: MaskStrategy, ratio: number, seed = 1) {
  return maskForSample(g, { strategy, ratio }, seed, 0).mask;
}

/** Relative L2 of a baseline over the masked pixels. */
function errorOf(id: BaselineId, truth: Float32Array, g: PatchGeometry, tokens: Uint8Array) {
  return maskedRelativeL2(BASELINES[id](truth, g, tokens), truth, tokenMaskToPixels(g, tokens));
}

const g = patchGeometry([8, 16, 16, 2], { pt: 2, px: 4, py: 4 });

describe('every baseline', () => {
  it.each(IDS)('%s keeps the visible pixels and is exact on a constant field', (id) => {
    const constant = field(g, (_t, _x, _y, c) => (c === 0 ? 1.5 : -0.25));
    const noisy = field(g, (t, x, y, c) => Math.sin(t + 2 * x - y + c));
    for (const strategy of MASK_STRATEGIES) {
      const tokens = mask(g, strategy, 0.75);
      const pixels = tokenMaskToPixels(g, tokens);
      expect(errorOf(id, constant, g, tokens)).toBeLessThan(1e-6);
      const filled = BASELINES[id](noisy, g, tokens);
      for (let p = 0; p < pixels.length; p++) {
        if (pixels[p]) continue;
        expect([filled[2 * p], filled[2 * p + 1]]).toEqual([noisy[2 * p], noisy[2 * p + 1]]);
      }
    }
  });

  it.each(IDS)('%s copies a fully visible window and refuses a fully hidden one', (id) => {
    const data = field(g, (t, x) => t - x);
    expect(BASELINES[id](data, g, new Uint8Array(g.tokens))).toEqual(data);
    expect(() => BASELINES[id](data, g, new Uint8Array(g.tokens).fill(1))).toThrow(/hidden/);
  });
});

describe('nearestVisible', () => {
  it('is exact for a field piecewise constant by spatial patch under frame masking', () => {
    const truth = field(g, (_t, x, y, c) => Math.floor(x / 4) * 10 + Math.floor(y / 4) + c);
    for (let seed = 0; seed < 5; seed++) {
      const tokens = mask(g, 'frame', 0.75, seed);
      expect(errorOf('nearest', truth, g, tokens)).toBe(0);
      expect(errorOf('inverse-distance', truth, g, tokens)).toBeGreaterThan(1e-3);
    }
  });

  it('is exact for a field piecewise constant by time block under tube masking', () => {
    const truth = field(g, (t, _x, _y, c) => (Math.floor(t / 2) + 1) * (c + 1));
    for (let seed = 0; seed < 5; seed++) {
      expect(errorOf('nearest', truth, g, mask(g, 'tube', 0.9, seed))).toBe(0);
    }
  });

  it('reaches across the periodic boundary', () => {
    // Four x-patches; patch 0 (value 1) and patch 2 (value 3) visible, 1 and 3 hidden.
    const line = patchGeometry([1, 16, 4, 1], { pt: 1, px: 4, py: 4 });
    const truth = field(line, (_t, x) => Math.floor(x / 4) + 1);
    const filled = nearestVisible(truth, line, Uint8Array.from([0, 1, 0, 1]));
    const column = Array.from({ length: 16 }, (_, x) => filled[x * 4]);
    // x = 15 is one point from x = 0 round the wrap; x = 12 one point from x = 11.
    expect(column).toEqual([1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1]);
  });

  it('weighs time and space in patch units', () => {
    // Hidden token (1,0,0). The visible pixel one frame before is 1/pt = 1/4 patch away; the one
    // a point to the side in x is 1/px = 1/2 away: the frame wins although both are 1 pixel away.
    const box = patchGeometry([8, 4, 4, 1], { pt: 4, px: 2, py: 4 });
    const truth = field(box, (t, x) => (t < 4 ? 5 : 0) + (x >= 2 ? 7 : 0));
    const tokens = new Uint8Array(box.tokens);
    tokens[tokenIndex(box, 1, 0, 0)] = 1;
    const filled = nearestVisible(truth, box, tokens);
    expect(filled[(4 * 4 + 1) * 4]).toBe(5); // t = 4, x = 1: from t = 3, not from x = 2
  });
});

describe('inverseDistance', () => {
  it('gives the mean of two equidistant visible patches and leans to the nearer one', () => {
    const line = patchGeometry([1, 12, 1, 1], { pt: 1, px: 4, py: 1 });
    const truth = field(line, (_t, x) => (x < 4 ? 0 : 1));
    // Patch 1 (x 4..7) hidden between patch 0 (value 0) and patch 2 (value 1): x = 5 lies 2 and 3
    // points from them, x = 6 lies 3 and 2, so the two estimates mirror each other about ½.
    const filled = inverseDistance(truth, line, Uint8Array.from([0, 1, 0]));
    expect(filled[5]! + filled[6]!).toBeCloseTo(1, 6);
    expect(filled[4]).toBeLessThan(0.5);
    expect(filled[7]).toBeGreaterThan(0.5);
    const sharper = inverseDistance(truth, line, Uint8Array.from([0, 1, 0]), { power: 8 });
    expect(sharper[4]).toBeLessThan(filled[4]!);
  });
});

describe('linear', () => {
  it('rebuilds a field linear in time exactly, whatever the mask', () => {
    const truth = field(g, (t, _x, _y, c) => 1 + 0.3 * t - 0.5 * c);
    for (const strategy of ['random', 'tube', 'frame', 'block'] as const) {
      const tokens = mask(g, strategy, 0.5, 3);
      expect(errorOf('linear', truth, g, tokens)).toBeLessThan(1e-5);
    }
    expect(errorOf('nearest', truth, g, mask(g, 'frame', 0.5, 3))).toBeGreaterThan(1e-2);
  });

  it('rebuilds a linear field in an interior hole far better than nearest or IDW', () => {
    const big = patchGeometry([8, 32, 32, 1], { pt: 2, px: 4, py: 4 });
    const truth = field(big, (t, x, y) => 2 + 0.05 * t + 0.03 * x - 0.02 * y);
    const tokens = new Uint8Array(big.tokens);
    for (let it = 0; it < 4; it++) {
      for (const [ix, iy] of [
        [3, 3],
        [3, 4],
        [4, 3],
        [4, 4],
      ])
        tokens[tokenIndex(big, it, ix!, iy!)] = 1;
    }
    // The only error is the far patches seen across the periodic wrap, where the ramp jumps.
    const linearError = errorOf('linear', truth, big, tokens);
    expect(linearError).toBeLessThan(5e-3);
    expect(linearError).toBeLessThan(0.2 * errorOf('nearest', truth, big, tokens));
    expect(linearError).toBeLessThan(0.5 * errorOf('inverse-distance', truth, big, tokens));
    const filled = linear(truth, big, tokens);
    expect(filled.every(Number.isFinite)).toBe(true);
  });

  it('stays finite when the visible patches leave a slope undetermined', () => {
    // Only time block 1 is visible: every source sits at the same time offset, so the time slope
    // is undetermined and only the ridge keeps the 4×4 system solvable.
    const frames = patchGeometry([4, 8, 8, 1], { pt: 2, px: 4, py: 4 });
    const wave = (2 * Math.PI) / 8;
    const truth = field(frames, (_t, x, y) => 1 + Math.cos(wave * x) + 0.5 * Math.sin(wave * y));
    const tokens = new Uint8Array(frames.tokens);
    tokens.fill(1, 0, 4);
    const filled = linear(truth, frames, tokens);
    expect(filled.every(Number.isFinite)).toBe(true);
    const linearError = maskedRelativeL2(filled, truth, tokenMaskToPixels(frames, tokens));
    expect(linearError).toBeLessThan(0.5 * errorOf('inverse-distance', truth, frames, tokens));
  });
});

describe('masked metrics', () => {
  const truth = Float32Array.from([3, 4, 100, 1]);

  it('relative L2 is zero for identical fields and ignores unmasked pixels', () => {
    expect(maskedRelativeL2(truth, truth, [1, 1, 1, 1])).toBe(0);
    expect(maskedRelativeL2([3, 4, -50, 1], truth, [1, 1, 0, 0])).toBe(0);
  });

  it('relative L2 has known values', () => {
    expect(maskedRelativeL2([0, 0, 0, 0], truth, [1, 1, 0, 0])).toBeCloseTo(1, 12);
    expect(maskedRelativeL2([3.3, 4.4, 0, 0], truth, [1, 1, 0, 0])).toBeCloseTo(0.1, 6);
    // ‖(0, 3)‖ / ‖(3, 4)‖ = 3/5, with the mask shared by two channels per pixel.
    expect(maskedRelativeL2([3, 7, 0, 0], truth, [1, 0])).toBeCloseTo(0.6, 12);
  });

  it('mse averages squared errors over masked values', () => {
    expect(maskedMse([4, 6, 0, 0], truth, [1, 1, 0, 0])).toBeCloseTo((1 + 4) / 2, 12);
  });

  it('says when the question has no answer', () => {
    expect(maskedRelativeL2(truth, truth, [0, 0, 0, 0])).toBeNaN();
    expect(maskedRelativeL2([1, 0], [0, 0], [1, 1])).toBe(Infinity);
    expect(() => maskedRelativeL2(truth, truth, [1, 1, 1])).toThrow(/divide/);
    expect(() => maskedRelativeL2([1], truth, [1, 1, 1, 1])).toThrow(/differ/);
  });
});
