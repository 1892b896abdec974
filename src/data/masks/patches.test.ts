import { describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import {
  patchGeometry,
  patchifyArray,
  tokenCoords,
  tokenIndex,
  tokenMaskToPixels,
  tokenOfPixel,
  unpatchifyArray,
  type PatchGeometry,
} from './patches';

function randomArray(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.normal());
}

/**
 * The einops pattern `(f pf) (h p1) (w p2) c -> (f h w) (p1 p2 pf c)` written independently:
 * view as [nt, pt, nx, px, ny, py, C] and permute the axes to [nt, nx, ny, px, py, pt, C].
 */
function rearrangeReference(window: Float32Array, g: PatchGeometry): Float32Array {
  const shape = [g.nt, g.pt, g.nx, g.px, g.ny, g.py, g.window[3]];
  const order = [0, 2, 4, 3, 5, 1, 6];
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const outShape = order.map((a) => shape[a]!);
  const out = new Float32Array(window.length);
  const index = new Array<number>(7).fill(0);
  for (let k = 0; k < out.length; k++) {
    let rest = k;
    for (let d = 6; d >= 0; d--) {
      index[d] = rest % outShape[d]!;
      rest = Math.floor(rest / outShape[d]!);
    }
    out[k] = window[order.reduce((s, axis, d) => s + index[d]! * strides[axis]!, 0)]!;
  }
  return out;
}

describe('patchGeometry', () => {
  it('counts the official and the small browser tokens', () => {
    const official = patchGeometry([16, 64, 64, 1], { pt: 4, px: 4, py: 4 });
    expect([official.tokens, official.tokenSize]).toEqual([1024, 64]);
    const small = patchGeometry([8, 32, 32, 1], { pt: 2, px: 4, py: 4 });
    expect([small.nt, small.nx, small.ny, small.tokens, small.tokenSize]).toEqual([
      4, 8, 8, 256, 32,
    ]);
  });

  it('explains a patch that does not divide the window', () => {
    expect(() => patchGeometry([10, 32, 32, 1], { pt: 4, px: 4, py: 4 })).toThrow(
      "Patch size pt = 4 does not divide the window's 10 frames (T): choose pt among 1, 2, 5, 10.",
    );
    expect(() => patchGeometry([8, 32, 30, 1], { pt: 2, px: 4, py: 4 })).toThrow(/py = 4.*30 y/);
    expect(() => patchGeometry([8, 32, 32, 1], { pt: 2, px: 0, py: 4 })).toThrow(/px/);
    expect(() => patchGeometry([8, 32, 32, 0], { pt: 2, px: 4, py: 4 })).toThrow(/channels/);
  });
});

describe('token indices', () => {
  const g = patchGeometry([6, 8, 12, 1], { pt: 2, px: 4, py: 3 });

  it('tokenCoords inverts tokenIndex, time slowest then x then y', () => {
    for (let j = 0; j < g.tokens; j++) expect(tokenIndex(g, ...tokenCoords(g, j))).toBe(j);
    expect(tokenIndex(g, 0, 0, 1)).toBe(1);
    expect(tokenIndex(g, 0, 1, 0)).toBe(g.ny);
    expect(tokenIndex(g, 1, 0, 0)).toBe(g.nx * g.ny);
    expect(tokenOfPixel(g, 5, 7, 11)).toBe(g.tokens - 1);
    expect(tokenOfPixel(g, 2, 3, 3)).toBe(tokenIndex(g, 1, 0, 1));
  });

  it('expands a token mask to its pixels', () => {
    const mask = new Uint8Array(g.tokens);
    mask[tokenIndex(g, 1, 1, 2)] = 1;
    const pixels = tokenMaskToPixels(g, mask);
    const [T, X, Y] = g.window;
    let count = 0;
    for (let t = 0; t < T; t++) {
      for (let x = 0; x < X; x++) {
        for (let y = 0; y < Y; y++) {
          const inside = t >= 2 && t < 4 && x >= 4 && y >= 6 && y < 9;
          expect(pixels[(t * X + x) * Y + y]).toBe(inside ? 1 : 0);
          count += pixels[(t * X + x) * Y + y]!;
        }
      }
    }
    expect(count).toBe(g.pt * g.px * g.py);
  });
});

describe('patchifyArray', () => {
  it('lays a hand-checked window out as (p1 p2 pf c) with p1 along x', () => {
    // value = 4t + 2x + y on a 2×2×2 window; one patch spans both frames and both y points.
    const g = patchGeometry([2, 2, 2, 1], { pt: 2, px: 1, py: 2 });
    const window = Float32Array.from({ length: 8 }, (_, i) => i);
    expect(Array.from(patchifyArray(window, g))).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
  });

  it.each([
    { window: [8, 32, 32, 1] as const, patch: { pt: 2, px: 4, py: 4 } },
    { window: [6, 8, 12, 2] as const, patch: { pt: 3, px: 2, py: 4 } },
    { window: [4, 4, 6, 3] as const, patch: { pt: 1, px: 4, py: 1 } },
  ])('matches the einops pattern and round-trips ($window, $patch)', ({ window, patch }) => {
    const g = patchGeometry(window, patch);
    const data = randomArray(2 * g.windowSize, 7);
    const tokens = patchifyArray(data, g);
    for (let b = 0; b < 2; b++) {
      const one = data.subarray(b * g.windowSize, (b + 1) * g.windowSize);
      expect(tokens.subarray(b * g.windowSize, (b + 1) * g.windowSize)).toEqual(
        rearrangeReference(one, g),
      );
    }
    expect(unpatchifyArray(tokens, g)).toEqual(data);
  });

  it('refuses an array that is not whole windows', () => {
    const g = patchGeometry([2, 4, 4, 1], { pt: 1, px: 2, py: 2 });
    expect(() => patchifyArray(new Float32Array(33), g)).toThrow(/whole number of 32/);
  });
});
