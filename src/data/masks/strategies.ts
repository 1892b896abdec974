/**
 * Seeded masks over the token grid (nt × nx × ny): random, tube, frame and block masking, and
 * masks painted by the user, each with the visible/hidden index lists and the permutation the
 * MAE encoder and decoder use.
 */
import { createRng, seedFor, type Rng } from '../../pde/random';
import { tokenIndex, tokenOfPixel, type PatchGeometry, type TokenGrid } from './patches';

/**
 * - `random`: floor(ratio·N) tokens hidden, a fresh uniform permutation per sample (the official
 *   MAE-PDE masking, int(0.9·1024) = 921).
 * - `tube`: floor(ratio·nx·ny) spatial patches hidden, the same ones in every time block.
 * - `frame`: floor(ratio·nt) whole time blocks hidden.
 * - `block`: like `tube`, but the hidden spatial patches form a few contiguous rectangles.
 */
export type MaskStrategy = 'random' | 'tube' | 'frame' | 'block';

export const MASK_STRATEGIES: readonly MaskStrategy[] = ['random', 'tube', 'frame', 'block'];

/** At most this share hidden: the encoder must see something. */
export const MAX_MASK_RATIO = 0.95;

/** The seedFor stream of masks, apart from the streams that draw the data. */
export const MASK_STREAM = 3000;

export interface MaskOptions {
  readonly strategy: MaskStrategy;
  /** Share of tokens to hide, in [0, MAX_MASK_RATIO]. */
  readonly ratio: number;
}

export interface TokenMask {
  readonly grid: TokenGrid;
  /** One flag per token: 1 hidden, 0 visible. */
  readonly mask: Uint8Array;
  /** Visible tokens, ascending. */
  readonly keep: Int32Array;
  /** Hidden tokens, ascending. */
  readonly masked: Int32Array;
  /**
   * keep followed by masked (ids_shuffle): the sequence [encoded visible tokens, mask tokens]
   * holds token shuffle[i] at position i.
   */
  readonly shuffle: Int32Array;
  /** The inverse of shuffle (ids_restore): token j sits at position restore[j] of that sequence. */
  readonly restore: Int32Array;
}

function tokenCount(grid: TokenGrid): number {
  return grid.nt * grid.nx * grid.ny;
}

function checkRatio(ratio: number): void {
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > MAX_MASK_RATIO) {
    throw new RangeError(`The masking ratio must lie in [0, ${MAX_MASK_RATIO}] (got ${ratio}).`);
  }
}

/** How many tokens a strategy hides, exactly (Python's int(ratio·n) on the masked unit). */
export function maskedCount(grid: TokenGrid, options: MaskOptions): number {
  checkRatio(options.ratio);
  const { nt, nx, ny } = grid;
  switch (options.strategy) {
    case 'random':
      return Math.floor(options.ratio * tokenCount(grid));
    case 'tube':
    case 'block':
      return nt * Math.floor(options.ratio * nx * ny);
    case 'frame':
      return Math.floor(options.ratio * nt) * nx * ny;
    default:
      throw new RangeError(`Unknown masking strategy "${String(options.strategy)}".`);
  }
}

/** Builds the index lists and the permutation from one flag per token. */
export function tokenMaskFromFlags(grid: TokenGrid, flags: ArrayLike<number>): TokenMask {
  const n = tokenCount(grid);
  if (flags.length !== n) {
    throw new RangeError(`The mask has ${flags.length} flags, not one per token (${n}).`);
  }
  const mask = Uint8Array.from(flags, (f) => (f ? 1 : 0));
  const hidden = mask.reduce((sum, f) => sum + f, 0);
  const keep = new Int32Array(n - hidden);
  const masked = new Int32Array(hidden);
  let k = 0;
  let m = 0;
  for (let j = 0; j < n; j++) {
    if (mask[j]) masked[m++] = j;
    else keep[k++] = j;
  }
  const shuffle = new Int32Array(n);
  shuffle.set(keep);
  shuffle.set(masked, keep.length);
  const restore = new Int32Array(n);
  shuffle.forEach((token, position) => (restore[token] = position));
  return { grid: { nt: grid.nt, nx: grid.nx, ny: grid.ny }, mask, keep, masked, shuffle, restore };
}

/** Flags `count` of `n` slots, chosen by a uniform random permutation (partial Fisher–Yates). */
function randomSubset(n: number, count: number, rng: Rng): Uint8Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = rng.integer(i, n - 1);
    const chosen = order[j]!;
    order[j] = order[i]!;
    order[i] = chosen;
  }
  const flags = new Uint8Array(n);
  for (let i = 0; i < count; i++) flags[order[i]!] = 1;
  return flags;
}

/** Aspect ratios of block rectangles, log-uniform in [1/3, 3] (as BEiT's block masking). */
const MAX_ASPECT = 3;
/** Smallest block area in tokens (BEiT's 4), unless fewer remain to hide. */
const MIN_BLOCK_AREA = 4;

/**
 * `count` of the nx × ny spatial patches hidden as rectangles on the periodic grid. Each block
 * has area ~ U[4, max(4, nx·ny/4)] tokens and aspect ratio log-uniform in [1/3, 3], and covers
 * a random still-visible patch (so every block adds at least one). The last block is cut off, in
 * raster order, where the count is reached: the total is exact.
 */
function spatialBlocks(nx: number, ny: number, count: number, rng: Rng): Uint8Array {
  const flags = new Uint8Array(nx * ny);
  let hidden = 0;
  while (hidden < count) {
    const remaining = count - hidden;
    const low = Math.min(MIN_BLOCK_AREA, remaining);
    const high = Math.max(low, Math.min(remaining, Math.ceil((nx * ny) / 4)));
    const area = rng.uniformIn(low, high);
    const aspect = Math.exp(rng.uniformIn(-Math.log(MAX_ASPECT), Math.log(MAX_ASPECT)));
    const h = Math.min(nx, Math.max(1, Math.round(Math.sqrt(area * aspect))));
    const w = Math.min(ny, Math.max(1, Math.round(Math.sqrt(area / aspect))));
    let anchor = rng.integer(0, nx * ny - hidden - 1);
    let cell = 0;
    for (; ; cell++) if (!flags[cell] && anchor-- === 0) break;
    const x0 = Math.floor(cell / ny) - rng.integer(0, h - 1) + nx;
    const y0 = (cell % ny) - rng.integer(0, w - 1) + ny;
    for (let dx = 0; dx < h && hidden < count; dx++) {
      for (let dy = 0; dy < w && hidden < count; dy++) {
        const j = ((x0 + dx) % nx) * ny + ((y0 + dy) % ny);
        if (!flags[j]) {
          flags[j] = 1;
          hidden++;
        }
      }
    }
  }
  return flags;
}

/** One spatial pattern (nx·ny flags) repeated over every time block. */
function repeatOverTime(grid: TokenGrid, spatial: Uint8Array): Uint8Array {
  const flags = new Uint8Array(tokenCount(grid));
  for (let it = 0; it < grid.nt; it++) flags.set(spatial, it * spatial.length);
  return flags;
}

/** Draws one mask from `rng`. */
export function drawMask(grid: TokenGrid, options: MaskOptions, rng: Rng): TokenMask {
  const { nt, nx, ny } = grid;
  for (const n of [nt, nx, ny]) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Bad token grid ${nt}×${nx}×${ny}.`);
  }
  checkRatio(options.ratio);
  const { ratio } = options;
  switch (options.strategy) {
    case 'random':
      return tokenMaskFromFlags(grid, randomSubset(nt * nx * ny, maskedCount(grid, options), rng));
    case 'tube': {
      const spatial = randomSubset(nx * ny, Math.floor(ratio * nx * ny), rng);
      return tokenMaskFromFlags(grid, repeatOverTime(grid, spatial));
    }
    case 'block': {
      const spatial = spatialBlocks(nx, ny, Math.floor(ratio * nx * ny), rng);
      return tokenMaskFromFlags(grid, repeatOverTime(grid, spatial));
    }
    case 'frame': {
      const frames = randomSubset(nt, Math.floor(ratio * nt), rng);
      const flags = new Uint8Array(nt * nx * ny);
      frames.forEach((hidden, it) => {
        if (hidden) flags.fill(1, tokenIndex(grid, it, 0, 0), tokenIndex(grid, it + 1, 0, 0));
      });
      return tokenMaskFromFlags(grid, flags);
    }
    default:
      throw new RangeError(`Unknown masking strategy "${String(options.strategy)}".`);
  }
}

/** The mask of sample `index` under `seed`: the same whatever batch the sample falls in. */
export function maskForSample(
  grid: TokenGrid,
  options: MaskOptions,
  seed: number,
  index: number,
): TokenMask {
  return drawMask(grid, options, createRng(seedFor(seed, index, MASK_STREAM)));
}

/** Masks of samples start, …, start + count − 1. */
export function maskBatch(
  grid: TokenGrid,
  options: MaskOptions,
  seed: number,
  count: number,
  start = 0,
): TokenMask[] {
  return Array.from({ length: count }, (_, i) => maskForSample(grid, options, seed, start + i));
}

/**
 * A user-painted mask: a token is hidden when more than half of its pixels are painted.
 * `painted` holds one flag per pixel, either [T, X, Y] or a single [X, Y] frame applied to every
 * time block. The result may hide every token; callers that need a visible one must check.
 */
export function maskFromPixels(g: PatchGeometry, painted: ArrayLike<number>): TokenMask {
  const [T, X, Y] = g.window;
  const frames = painted.length === X * Y ? 1 : T;
  if (painted.length !== frames * X * Y) {
    throw new RangeError(
      `The painted mask has ${painted.length} pixels; expected ${T}×${X}×${Y} or ${X}×${Y}.`,
    );
  }
  const counts = new Int32Array(g.tokens);
  for (let t = 0; t < T; t++) {
    const frame = frames === 1 ? 0 : t;
    for (let x = 0; x < X; x++) {
      for (let y = 0; y < Y; y++) {
        if (!painted[(frame * X + x) * Y + y]) continue;
        const token = tokenOfPixel(g, t, x, y);
        counts[token] = counts[token]! + 1;
      }
    }
  }
  const pixelsPerToken = g.pt * g.px * g.py;
  return tokenMaskFromFlags(
    g,
    Array.from(counts, (n) => (2 * n > pixelsPerToken ? 1 : 0)),
  );
}
