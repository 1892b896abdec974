/**
 * Space-time patch geometry over a window [T, X, Y, C] and the plain-JS patchify/unpatchify
 * (no tfjs, so the UI may import it). The layout is the official MAE-PDE one,
 * `b c (f pf) (h p1) (w p2) -> b (f h w) (p1 p2 pf c)` with h ↔ x and w ↔ y: tokens run
 * time-block slowest, then x-block, then y-block; inside a token values run (px, py, pt, c).
 */

export interface PatchSize {
  /** Frames per patch. */
  readonly pt: number;
  /** Grid points per patch along x (axis 2 of [N, T, X, Y, C]). */
  readonly px: number;
  /** Grid points per patch along y (axis 3). */
  readonly py: number;
}

/** The token grid: how many patches along time, x and y. */
export interface TokenGrid {
  readonly nt: number;
  readonly nx: number;
  readonly ny: number;
}

/** [T, X, Y, C]: frames, x points, y points, channels. */
export type WindowShape = readonly [t: number, x: number, y: number, c: number];

export interface PatchGeometry extends PatchSize, TokenGrid {
  readonly window: WindowShape;
  /** nt·nx·ny. */
  readonly tokens: number;
  /** px·py·pt·C values per token. */
  readonly tokenSize: number;
  /** T·X·Y·C values per window. */
  readonly windowSize: number;
}

const AXES = [
  { key: 'pt', axis: 'frames (T)' },
  { key: 'px', axis: 'x points (X)' },
  { key: 'py', axis: 'y points (Y)' },
] as const;

function divisors(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
}

/** Validates that the patch tiles the window exactly and returns the geometry. */
export function patchGeometry(window: WindowShape, patch: PatchSize): PatchGeometry {
  const [T, X, Y, C] = window;
  const sizes = [T, X, Y, C];
  const names = ['frames T', 'x points X', 'y points Y', 'channels C'];
  sizes.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`The window needs a whole number ≥ 1 of ${names[i]} (got ${n}).`);
    }
  });
  AXES.forEach(({ key, axis }, i) => {
    const size = patch[key];
    const n = sizes[i]!;
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`Patch size ${key} must be a whole number ≥ 1 (got ${size}).`);
    }
    if (n % size !== 0) {
      throw new RangeError(
        `Patch size ${key} = ${size} does not divide the window's ${n} ${axis}: ` +
          `choose ${key} among ${divisors(n).join(', ')}.`,
      );
    }
  });
  const nt = T / patch.pt;
  const nx = X / patch.px;
  const ny = Y / patch.py;
  return {
    window: [T, X, Y, C],
    pt: patch.pt,
    px: patch.px,
    py: patch.py,
    nt,
    nx,
    ny,
    tokens: nt * nx * ny,
    tokenSize: patch.px * patch.py * patch.pt * C,
    windowSize: T * X * Y * C,
  };
}

/** Token index of patch (it, ix, iy). */
export function tokenIndex(grid: TokenGrid, it: number, ix: number, iy: number): number {
  return (it * grid.nx + ix) * grid.ny + iy;
}

/** (it, ix, iy) of a token index. */
export function tokenCoords(grid: TokenGrid, token: number): [number, number, number] {
  const iy = token % grid.ny;
  const rest = (token - iy) / grid.ny;
  const ix = rest % grid.nx;
  return [(rest - ix) / grid.nx, ix, iy];
}

/** The token holding pixel (t, x, y). */
export function tokenOfPixel(g: PatchGeometry, t: number, x: number, y: number): number {
  return tokenIndex(g, Math.floor(t / g.pt), Math.floor(x / g.px), Math.floor(y / g.py));
}

/**
 * Calls visit(windowOffset, tokenOffset) for every value of one window: the offset of the value
 * in [T, X, Y, C] and in the patchified [N, D]. The one place the layout is written in JS.
 */
function forEachValue(g: PatchGeometry, visit: (window: number, token: number) => void): void {
  const [, X, Y, C] = g.window;
  const { pt, px, py, nx, ny, tokenSize } = g;
  for (let t = 0; t < g.window[0]; t++) {
    const it = Math.floor(t / pt);
    const ft = t - it * pt;
    for (let x = 0; x < X; x++) {
      const ix = Math.floor(x / px);
      const fx = x - ix * px;
      for (let y = 0; y < Y; y++) {
        const iy = Math.floor(y / py);
        const fy = y - iy * py;
        const token = (it * nx + ix) * ny + iy;
        const inner = ((fx * py + fy) * pt + ft) * C;
        const tokenBase = token * tokenSize + inner;
        const windowBase = ((t * X + x) * Y + y) * C;
        for (let c = 0; c < C; c++) visit(windowBase + c, tokenBase + c);
      }
    }
  }
}

function batchCount(length: number, unit: number, what: string): number {
  if (length % unit !== 0 || length === 0) {
    throw new RangeError(`${what} holds ${length} values, not a whole number of ${unit}.`);
  }
  return length / unit;
}

/**
 * [B, T, X, Y, C] → [B, N, D] (N = tokens, D = tokenSize); B is inferred from the length
 * (a single window gives B = 1).
 */
export function patchifyArray(windows: Float32Array, g: PatchGeometry): Float32Array {
  const count = batchCount(windows.length, g.windowSize, 'The window array');
  const out = new Float32Array(windows.length);
  for (let b = 0; b < count; b++) {
    const base = b * g.windowSize;
    forEachValue(g, (w, k) => {
      out[base + k] = windows[base + w]!;
    });
  }
  return out;
}

/** [B, N, D] → [B, T, X, Y, C], the inverse of patchifyArray. */
export function unpatchifyArray(tokens: Float32Array, g: PatchGeometry): Float32Array {
  const count = batchCount(tokens.length, g.windowSize, 'The token array');
  const out = new Float32Array(tokens.length);
  for (let b = 0; b < count; b++) {
    const base = b * g.windowSize;
    forEachValue(g, (w, k) => {
      out[base + w] = tokens[base + k]!;
    });
  }
  return out;
}

/** Expands one flag per token to one flag per pixel [T, X, Y] (for drawing and metrics). */
export function tokenMaskToPixels(g: PatchGeometry, tokenMask: ArrayLike<number>): Uint8Array {
  if (tokenMask.length !== g.tokens) {
    throw new RangeError(`The token mask has ${tokenMask.length} entries, not ${g.tokens}.`);
  }
  const [T, X, Y] = g.window;
  const out = new Uint8Array(T * X * Y);
  let i = 0;
  for (let t = 0; t < T; t++) {
    for (let x = 0; x < X; x++) {
      for (let y = 0; y < Y; y++) out[i++] = tokenMask[tokenOfPixel(g, t, x, y)] ? 1 : 0;
    }
  }
  return out;
}
