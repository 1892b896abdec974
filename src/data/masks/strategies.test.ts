import { describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { patchGeometry, tokenIndex, type TokenGrid } from './patches';
import {
  MASK_STRATEGIES,
  MAX_MASK_RATIO,
  drawMask,
  maskBatch,
  maskForSample,
  maskFromPixels,
  maskedCount,
  tokenMaskFromFlags,
  type MaskStrategy,
  type TokenMask,
} from './strategies';

const SMALL: TokenGrid = { nt: 4, nx: 8, ny: 8 };
const OFFICIAL: TokenGrid = { nt: 4, nx: 16, ny: 16 };
const RATIOS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, MAX_MASK_RATIO];

function count(mask: TokenMask): number {
  return mask.mask.reduce((s, f) => s + f, 0);
}

/** The hidden flags of time block `it` as a string, to compare blocks. */
function slice(mask: TokenMask, it: number): string {
  const { nx, ny } = mask.grid;
  return mask.mask.subarray(it * nx * ny, (it + 1) * nx * ny).join('');
}

/** Hidden/visible neighbour pairs on the periodic spatial grid of time block 0. */
function boundaryLength(mask: TokenMask): number {
  const { nx, ny } = mask.grid;
  const at = (x: number, y: number) => mask.mask[((x + nx) % nx) * ny + ((y + ny) % ny)];
  let edges = 0;
  for (let x = 0; x < nx; x++) {
    for (let y = 0; y < ny; y++) {
      if (at(x, y) !== at(x + 1, y)) edges++;
      if (at(x, y) !== at(x, y + 1)) edges++;
    }
  }
  return edges;
}

describe('exact masked counts', () => {
  it('hides int(0.9·1024) = 921 of the official 1024 tokens', () => {
    const mask = maskForSample(OFFICIAL, { strategy: 'random', ratio: 0.9 }, 1, 0);
    expect([mask.masked.length, mask.keep.length, count(mask)]).toEqual([921, 103, 921]);
  });

  for (const strategy of MASK_STRATEGIES) {
    it.each(RATIOS)(`${strategy} at ratio %s`, (ratio) => {
      for (const grid of [SMALL, OFFICIAL, { nt: 5, nx: 3, ny: 7 }]) {
        const { nt, nx, ny } = grid;
        const expected = {
          random: Math.floor(ratio * nt * nx * ny),
          tube: nt * Math.floor(ratio * nx * ny),
          block: nt * Math.floor(ratio * nx * ny),
          frame: Math.floor(ratio * nt) * nx * ny,
        }[strategy];
        for (let seed = 0; seed < 4; seed++) {
          const mask = maskForSample(grid, { strategy, ratio }, seed, 0);
          expect(count(mask)).toBe(expected);
          expect(mask.masked.length).toBe(expected);
          expect(mask.keep.length).toBe(nt * nx * ny - expected);
        }
        expect(maskedCount(grid, { strategy, ratio })).toBe(expected);
      }
    });
  }

  it('hides nothing at ratio 0 and keeps a token at the maximum ratio', () => {
    for (const strategy of MASK_STRATEGIES) {
      expect(drawMask(SMALL, { strategy, ratio: 0 }, createRng(1)).masked.length).toBe(0);
      const tiny = drawMask(
        { nt: 1, nx: 2, ny: 2 },
        { strategy, ratio: MAX_MASK_RATIO },
        createRng(1),
      );
      expect(tiny.keep.length).toBeGreaterThan(0);
    }
  });

  it('refuses ratios outside [0, 0.95] and unknown strategies', () => {
    for (const ratio of [-0.1, 0.96, 1, NaN]) {
      expect(() => drawMask(SMALL, { strategy: 'random', ratio }, createRng(1))).toThrow(/ratio/);
    }
    const strategy = 'checkerboard' as MaskStrategy;
    expect(() => drawMask(SMALL, { strategy, ratio: 0.5 }, createRng(1))).toThrow(/checkerboard/);
  });
});

describe('index lists and permutation', () => {
  it.each(MASK_STRATEGIES)('%s: keep and masked partition the tokens, ascending', (strategy) => {
    const mask = maskForSample(SMALL, { strategy, ratio: 0.6 }, 5, 2);
    const ascending = (a: Int32Array) => a.every((v, i) => i === 0 || v > a[i - 1]!);
    expect(ascending(mask.keep) && ascending(mask.masked)).toBe(true);
    mask.keep.forEach((j) => expect(mask.mask[j]).toBe(0));
    mask.masked.forEach((j) => expect(mask.mask[j]).toBe(1));
    expect(mask.keep.length + mask.masked.length).toBe(mask.mask.length);
  });

  it('restore is the inverse of shuffle, and un-shuffles [visible, mask tokens]', () => {
    const mask = maskForSample(SMALL, { strategy: 'random', ratio: 0.75 }, 9, 0);
    const n = mask.mask.length;
    expect(Array.from(mask.shuffle).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n }, (_, i) => i),
    );
    for (let i = 0; i < n; i++) expect(mask.restore[mask.shuffle[i]!]).toBe(i);
    for (let j = 0; j < n; j++) expect(mask.shuffle[mask.restore[j]!]).toBe(j);
    // A decoder input: the encoded visible tokens, then mask tokens marked by −1 − their token.
    const values = Array.from({ length: n }, (_, j) => 10 * j);
    const sequence = [
      ...Array.from(mask.keep, (j) => values[j]!),
      ...Array.from(mask.masked, (j) => -1 - j),
    ];
    const unshuffled = Array.from({ length: n }, (_, j) => sequence[mask.restore[j]!]!);
    expect(unshuffled).toEqual(values.map((v, j) => (mask.mask[j] ? -1 - j : v)));
  });
});

describe('seeding', () => {
  it.each(MASK_STRATEGIES)('%s: same seed, same mask; other seeds, other masks', (strategy) => {
    const options = { strategy, ratio: 0.5 };
    const grid = strategy === 'frame' ? { nt: 16, nx: 2, ny: 2 } : SMALL;
    const a = maskForSample(grid, options, 42, 3);
    expect(maskForSample(grid, options, 42, 3)).toEqual(a);
    const others = [43, 44, 45].map((seed) => maskForSample(grid, options, seed, 3));
    const differing = others.filter((m) => m.mask.join('') !== a.mask.join(''));
    expect(differing.length).toBe(others.length);
    expect(maskForSample(grid, options, 42, 4).mask).not.toEqual(a.mask);
  });

  it('gives a sample the same mask whatever batch it falls in', () => {
    const options = { strategy: 'random', ratio: 0.75 } as const;
    const batch = maskBatch(SMALL, options, 7, 6);
    expect(maskBatch(SMALL, options, 7, 3, 3)).toEqual(batch.slice(3));
    expect(batch[4]).toEqual(maskForSample(SMALL, options, 7, 4));
  });

  it('random masking hides each token equally often', () => {
    const grid = { nt: 1, nx: 4, ny: 4 };
    const samples = 2000;
    const hits = new Array<number>(16).fill(0);
    for (const mask of maskBatch(grid, { strategy: 'random', ratio: 0.5 }, 3, samples)) {
      mask.masked.forEach((j) => hits[j]!++);
    }
    // Binomial(2000, 0.5): standard deviation 22 hits; ±110 is 5σ.
    for (const h of hits) expect(Math.abs(h - samples / 2)).toBeLessThan(110);
  });
});

describe('strategy shapes', () => {
  it('tube and block repeat one spatial mask over all time blocks', () => {
    for (const strategy of ['tube', 'block'] as const) {
      for (let seed = 0; seed < 5; seed++) {
        const mask = maskForSample(SMALL, { strategy, ratio: 0.7 }, seed, 0);
        for (let it = 1; it < SMALL.nt; it++) expect(slice(mask, it)).toBe(slice(mask, 0));
      }
    }
  });

  it('random does not repeat over time', () => {
    const mask = maskForSample(SMALL, { strategy: 'random', ratio: 0.7 }, 0, 0);
    expect(slice(mask, 1)).not.toBe(slice(mask, 0));
  });

  it('frame hides whole time blocks', () => {
    for (let seed = 0; seed < 5; seed++) {
      const mask = maskForSample(
        { nt: 8, nx: 4, ny: 4 },
        { strategy: 'frame', ratio: 0.5 },
        seed,
        0,
      );
      const blocks = Array.from({ length: 8 }, (_, it) => slice(mask, it));
      for (const b of blocks) expect(['0'.repeat(16), '1'.repeat(16)]).toContain(b);
      expect(blocks.filter((b) => b[0] === '1').length).toBe(4);
    }
  });

  it('block masks are contiguous: far shorter boundaries than scattered tubes', () => {
    let block = 0;
    let tube = 0;
    for (let seed = 0; seed < 20; seed++) {
      block += boundaryLength(maskForSample(OFFICIAL, { strategy: 'block', ratio: 0.5 }, seed, 0));
      tube += boundaryLength(maskForSample(OFFICIAL, { strategy: 'tube', ratio: 0.5 }, seed, 0));
    }
    expect(block).toBeLessThan(0.6 * tube);
  });
});

describe('maskFromPixels', () => {
  const g = patchGeometry([4, 8, 8, 1], { pt: 2, px: 4, py: 4 });

  it('hides a token when more than half of its pixels are painted', () => {
    const painted = new Uint8Array(4 * 8 * 8);
    const paint = (t: number, x: number, y: number) => (painted[(t * 8 + x) * 8 + y] = 1);
    // Token (0,0,0): 17 of 32 pixels painted → hidden. Token (1,1,1): exactly 16 → visible.
    for (let k = 0; k < 17; k++) paint(k % 2, Math.floor(k / 2) % 4, Math.floor(k / 8));
    for (let k = 0; k < 16; k++)
      paint(2 + (k % 2), 4 + (Math.floor(k / 2) % 4), 4 + Math.floor(k / 8));
    const mask = maskFromPixels(g, painted);
    expect(Array.from(mask.masked)).toEqual([tokenIndex(g, 0, 0, 0)]);
    paint(3, 7, 7);
    expect(Array.from(maskFromPixels(g, painted).masked)).toEqual([
      tokenIndex(g, 0, 0, 0),
      tokenIndex(g, 1, 1, 1),
    ]);
  });

  it('applies a single painted frame to every time block', () => {
    const frame = new Uint8Array(8 * 8);
    for (let x = 4; x < 8; x++) for (let y = 0; y < 3; y++) frame[x * 8 + y] = 1;
    const mask = maskFromPixels(g, frame);
    expect(Array.from(mask.masked)).toEqual([tokenIndex(g, 0, 1, 0), tokenIndex(g, 1, 1, 0)]);
    expect(mask.restore[mask.shuffle[0]!]).toBe(0);
    expect(() => maskFromPixels(g, new Uint8Array(10))).toThrow(/4×8×8 or 8×8/);
  });
});

describe('tokenMaskFromFlags', () => {
  it('refuses a flag array of the wrong size', () => {
    expect(() => tokenMaskFromFlags(SMALL, new Uint8Array(3))).toThrow(/256/);
  });
});
