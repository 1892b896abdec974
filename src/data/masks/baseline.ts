/**
 * Classical baselines that fill the hidden patches of one window [T, X, Y, C] from the visible
 * ones (what an MAE reconstruction must beat), and masked-region error metrics.
 *
 * Distances are measured in patch units, d² = (Δt/pt)² + (Δx/px)² + (Δy/py)², periodic in x and
 * y, not in t: one patch length costs the same along every axis, which is how the patch shape
 * already weighs time against space. Every method visits, for each hidden pixel, the nearest
 * pixel of each visible patch: O(hidden pixels × visible patches).
 */
import type { PatchGeometry } from './patches';

/** For coordinate u and patch block i (index u·blocks + i): the nearest point of the block. */
interface AxisTable {
  readonly blocks: number;
  /** That point minus u, in patch units (the signed, shortest way round when periodic). */
  readonly offset: Float64Array;
  readonly point: Int32Array;
}

function axisTable(size: number, patch: number, periodic: boolean): AxisTable {
  const blocks = size / patch;
  const offset = new Float64Array(size * blocks);
  const point = new Int32Array(size * blocks);
  for (let u = 0; u < size; u++) {
    for (let i = 0; i < blocks; i++) {
      const lo = i * patch;
      const hi = lo + patch - 1;
      let p = u;
      if (periodic && (u < lo || u > hi)) {
        const down = (u - hi + size) % size;
        const up = (lo - u + size) % size;
        p = up < down ? lo : hi;
        offset[u * blocks + i] = (up < down ? up : -down) / patch;
      } else if (u < lo || u > hi) {
        p = u < lo ? lo : hi;
        offset[u * blocks + i] = (p - u) / patch;
      }
      point[u * blocks + i] = p;
    }
  }
  return { blocks, offset, point };
}

/** The nearest pixel of every visible patch, seen from one hidden pixel. */
interface Sources {
  readonly count: number;
  /** Offsets source − pixel along t, x, y in patch units, and their squared length. */
  readonly ot: Float64Array;
  readonly ox: Float64Array;
  readonly oy: Float64Array;
  readonly d2: Float64Array;
  /** Where the source's C channel values start in the window. */
  readonly at: Int32Array;
}

/** Writes one hidden pixel's C channel values at out[at…], from its sources. */
type Estimate = (sources: Sources, out: Float32Array, at: number) => void;

function checkInputs(window: Float32Array, g: PatchGeometry, tokenMask: ArrayLike<number>): void {
  if (window.length !== g.windowSize) {
    throw new RangeError(`The window holds ${window.length} values, not ${g.windowSize}.`);
  }
  if (tokenMask.length !== g.tokens) {
    throw new RangeError(`The token mask has ${tokenMask.length} entries, not ${g.tokens}.`);
  }
}

/** Copies the window and overwrites every hidden pixel with its estimate. */
function fillHidden(
  window: Float32Array,
  g: PatchGeometry,
  tokenMask: ArrayLike<number>,
  estimate: Estimate,
): Float32Array {
  checkInputs(window, g, tokenMask);
  const [T, X, Y, C] = g.window;
  const visible: number[] = [];
  const hidden: number[] = [];
  for (let j = 0; j < g.tokens; j++) (tokenMask[j] ? hidden : visible).push(j);
  const out = Float32Array.from(window);
  if (hidden.length === 0) return out;
  if (visible.length === 0) {
    throw new RangeError('Every patch is hidden: nothing to interpolate from.');
  }

  const tt = axisTable(T, g.pt, false);
  const tx = axisTable(X, g.px, true);
  const ty = axisTable(Y, g.py, true);
  const vt = Int32Array.from(visible, (j) => Math.floor(j / (g.nx * g.ny)));
  const vx = Int32Array.from(visible, (j) => Math.floor(j / g.ny) % g.nx);
  const vy = Int32Array.from(visible, (j) => j % g.ny);
  const n = visible.length;
  const sources: Sources = {
    count: n,
    ot: new Float64Array(n),
    ox: new Float64Array(n),
    oy: new Float64Array(n),
    d2: new Float64Array(n),
    at: new Int32Array(n),
  };
  const { ot, ox, oy, d2, at } = sources;

  for (const token of hidden) {
    const iy = token % g.ny;
    const ix = Math.floor(token / g.ny) % g.nx;
    const it = Math.floor(token / (g.nx * g.ny));
    for (let t = it * g.pt; t < (it + 1) * g.pt; t++) {
      for (let x = ix * g.px; x < (ix + 1) * g.px; x++) {
        for (let y = iy * g.py; y < (iy + 1) * g.py; y++) {
          for (let v = 0; v < n; v++) {
            const kt = t * tt.blocks + vt[v]!;
            const kx = x * tx.blocks + vx[v]!;
            const ky = y * ty.blocks + vy[v]!;
            const a = tt.offset[kt]!;
            const b = tx.offset[kx]!;
            const c = ty.offset[ky]!;
            ot[v] = a;
            ox[v] = b;
            oy[v] = c;
            d2[v] = a * a + b * b + c * c;
            at[v] = ((tt.point[kt]! * X + tx.point[kx]!) * Y + ty.point[ky]!) * C;
          }
          estimate(sources, out, ((t * X + x) * Y + y) * C);
        }
      }
    }
  }
  return out;
}

/**
 * Each hidden pixel takes the value of the nearest visible pixel (ties: the visible patch that
 * comes first in token order).
 */
export function nearestVisible(
  window: Float32Array,
  g: PatchGeometry,
  tokenMask: ArrayLike<number>,
): Float32Array {
  const C = g.window[3];
  return fillHidden(window, g, tokenMask, ({ count, d2, at }, out, to) => {
    let best = 0;
    for (let v = 1; v < count; v++) if (d2[v]! < d2[best]!) best = v;
    for (let c = 0; c < C; c++) out[to + c] = window[at[best]! + c]!;
  });
}

export interface InverseDistanceOptions {
  /**
   * Weights 1/d^power. In the 3-D space-time point cloud the weight must fall faster than d⁻³,
   * or far patches (whose number grows as d²) outweigh the near ones; default 4.
   */
  readonly power?: number;
}

const DEFAULT_POWER = 4;

function weightOf(d2: number, power: number): number {
  return power === 4 ? 1 / (d2 * d2) : Math.pow(d2, -power / 2);
}

/** Shepard's inverse-distance weighting: a weighted mean of the visible patches' nearest pixels. */
export function inverseDistance(
  window: Float32Array,
  g: PatchGeometry,
  tokenMask: ArrayLike<number>,
  { power = DEFAULT_POWER }: InverseDistanceOptions = {},
): Float32Array {
  const C = g.window[3];
  const sums = new Float64Array(C);
  return fillHidden(window, g, tokenMask, ({ count, d2, at }, out, to) => {
    sums.fill(0);
    let total = 0;
    for (let v = 0; v < count; v++) {
      const w = weightOf(d2[v]!, power);
      total += w;
      for (let c = 0; c < C; c++) sums[c]! += w * window[at[v]! + c]!;
    }
    for (let c = 0; c < C; c++) out[to + c] = sums[c]! / total;
  });
}

/**
 * Ridge on the three slopes, relative to the total weight: it only decides slopes the visible
 * patches leave undetermined (e.g. along t when a single time block is visible), setting them 0.
 */
const SLOPE_RIDGE = 1e-8;

/** Solves the 4×4 system a·s = b in place (Gaussian elimination, partial pivoting). */
function solve4(a: Float64Array, b: Float64Array, columns: number): void {
  for (let k = 0; k < 4; k++) {
    let pivot = k;
    for (let r = k + 1; r < 4; r++)
      if (Math.abs(a[r * 4 + k]!) > Math.abs(a[pivot * 4 + k]!)) pivot = r;
    if (pivot !== k) {
      for (let c = 0; c < 4; c++)
        [a[k * 4 + c], a[pivot * 4 + c]] = [a[pivot * 4 + c]!, a[k * 4 + c]!];
      for (let c = 0; c < columns; c++) {
        [b[k * columns + c], b[pivot * columns + c]] = [
          b[pivot * columns + c]!,
          b[k * columns + c]!,
        ];
      }
    }
    for (let r = k + 1; r < 4; r++) {
      const f = a[r * 4 + k]! / a[k * 4 + k]!;
      for (let c = k; c < 4; c++) a[r * 4 + c]! -= f * a[k * 4 + c]!;
      for (let c = 0; c < columns; c++) b[r * columns + c]! -= f * b[k * columns + c]!;
    }
  }
  for (let k = 3; k >= 0; k--) {
    for (let c = 0; c < columns; c++) {
      let s = b[k * columns + c]!;
      for (let r = k + 1; r < 4; r++) s -= a[k * 4 + r]! * b[r * columns + c]!;
      b[k * columns + c] = s / a[k * 4 + k]!;
    }
  }
}

/**
 * Local linear fit (moving least squares): at each hidden pixel, fits v ≈ v₀ + s·offset to the
 * visible patches' nearest pixels with the inverse-distance weights and keeps v₀. It rebuilds any
 * field linear in (t, x, y) exactly, up to the periodic wrap in x and y.
 */
export function linear(
  window: Float32Array,
  g: PatchGeometry,
  tokenMask: ArrayLike<number>,
  { power = DEFAULT_POWER }: InverseDistanceOptions = {},
): Float32Array {
  const C = g.window[3];
  const normal = new Float64Array(16);
  const rhs = new Float64Array(4 * C);
  return fillHidden(window, g, tokenMask, ({ count, ot, ox, oy, d2, at }, out, to) => {
    normal.fill(0);
    rhs.fill(0);
    for (let v = 0; v < count; v++) {
      // Upper triangle of Σ w·b·bᵀ and Σ w·b·f for the basis b = (1, ot, ox, oy).
      const w = weightOf(d2[v]!, power);
      const a = ot[v]!;
      const b = ox[v]!;
      const c = oy[v]!;
      const wa = w * a;
      const wb = w * b;
      const wc = w * c;
      normal[0]! += w;
      normal[1]! += wa;
      normal[2]! += wb;
      normal[3]! += wc;
      normal[5]! += wa * a;
      normal[6]! += wa * b;
      normal[7]! += wa * c;
      normal[10]! += wb * b;
      normal[11]! += wb * c;
      normal[15]! += wc * c;
      for (let k = 0; k < C; k++) {
        const f = window[at[v]! + k]!;
        rhs[k]! += w * f;
        rhs[C + k]! += wa * f;
        rhs[2 * C + k]! += wb * f;
        rhs[3 * C + k]! += wc * f;
      }
    }
    for (let r = 1; r < 4; r++) {
      for (let c = 0; c < r; c++) normal[r * 4 + c] = normal[c * 4 + r]!;
      normal[r * 4 + r]! += SLOPE_RIDGE * normal[0]!;
    }
    solve4(normal, rhs, C);
    for (let k = 0; k < C; k++) out[to + k] = rhs[k]!;
  });
}

export type BaselineId = 'nearest' | 'inverse-distance' | 'linear';

export const BASELINES: Readonly<
  Record<
    BaselineId,
    (window: Float32Array, g: PatchGeometry, tokenMask: ArrayLike<number>) => Float32Array
  >
> = {
  nearest: nearestVisible,
  'inverse-distance': (window, g, mask) => inverseDistance(window, g, mask),
  linear: (window, g, mask) => linear(window, g, mask),
};

/** Sums over the masked pixels (`pixelMask`: one flag per pixel, shared by the C channels). */
function maskedSums(
  pred: ArrayLike<number>,
  truth: ArrayLike<number>,
  pixelMask: ArrayLike<number>,
): { error: number; norm: number; count: number } {
  if (pred.length !== truth.length) {
    throw new RangeError(`Prediction (${pred.length}) and truth (${truth.length}) differ in size.`);
  }
  const channels = truth.length / pixelMask.length;
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(
      `The pixel mask (${pixelMask.length}) does not divide the field (${truth.length}).`,
    );
  }
  let error = 0;
  let norm = 0;
  let count = 0;
  for (let p = 0; p < pixelMask.length; p++) {
    if (!pixelMask[p]) continue;
    for (let c = p * channels; c < (p + 1) * channels; c++) {
      const d = pred[c]! - truth[c]!;
      error += d * d;
      norm += truth[c]! * truth[c]!;
      count++;
    }
  }
  return { error, norm, count };
}

/**
 * ‖pred − truth‖₂ / ‖truth‖₂ over the masked pixels only. NaN when nothing is masked; Infinity
 * when the masked truth is zero but the prediction is not.
 */
export function maskedRelativeL2(
  pred: ArrayLike<number>,
  truth: ArrayLike<number>,
  pixelMask: ArrayLike<number>,
): number {
  const { error, norm, count } = maskedSums(pred, truth, pixelMask);
  if (count === 0) return NaN;
  if (error === 0) return 0;
  return Math.sqrt(error / norm);
}

/** Mean squared error over the masked pixels (all channels); NaN when nothing is masked. */
export function maskedMse(
  pred: ArrayLike<number>,
  truth: ArrayLike<number>,
  pixelMask: ArrayLike<number>,
): number {
  const { error, count } = maskedSums(pred, truth, pixelMask);
  return count === 0 ? NaN : error / count;
}
