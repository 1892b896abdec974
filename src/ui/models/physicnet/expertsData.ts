/**
 * What PhysicNet-style's live picture shows, computed from one ExpertsSnapshot: how the last input
 * frame uses the codebook (counts, the most used codes, perplexity, unused codes), the true
 * velocity averaged to the latent grid and the flow's end-point error there, and where the
 * crops and the latent cells lie on the pictures. Plain functions, no React.
 */
import { interpolateSinebow } from 'd3-scale-chromatic';

export interface CodeCount {
  code: number;
  count: number;
}

export interface CodeUsage {
  /** How many latent cells use each code, by code index. */
  counts: Uint32Array;
  /** The codes in use, the most used first (ties: the lower index first). */
  ranked: CodeCount[];
  /** Latent cells counted. */
  cells: number;
  /** exp(entropy) of the code use: how many equally used codes would spread as widely. */
  perplexity: number;
  /** Codes no cell uses. */
  unused: number;
}

export function codeUsage(codes: ArrayLike<number>, codebookSize: number): CodeUsage {
  const counts = new Uint32Array(codebookSize);
  let cells = 0;
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!;
    if (k >= 0 && k < codebookSize) {
      counts[k]!++;
      cells++;
    }
  }
  const ranked: CodeCount[] = [];
  let entropy = 0;
  counts.forEach((count, code) => {
    if (count === 0) return;
    ranked.push({ code, count });
    const p = count / cells;
    entropy -= p * Math.log(p);
  });
  ranked.sort((a, b) => b.count - a.count || a.code - b.code);
  return {
    counts,
    ranked,
    cells,
    perplexity: cells > 0 ? Math.exp(entropy) : Number.NaN,
    unused: codebookSize - ranked.length,
  };
}

/**
 * A colour per code index, the same for a code in every snapshot: hues a golden ratio apart round
 * the sinebow, so codes with neighbouring indices look unlike and any codebook size has colours.
 */
export function codeColour(code: number): string {
  return interpolateSinebow((code * 0.618033988749895) % 1);
}

/**
 * A field [X, Y, 2] in grid cells per frame averaged over the grid cells under each latent cell:
 * [h, w, 2], as the end-point error compares it.
 */
export function blockMeanFlow(
  flow: Float32Array,
  grid: [number, number],
  latent: [number, number],
): Float32Array {
  const [X, Y] = grid;
  const [h, w] = latent;
  const sx = X / h;
  const sy = Y / w;
  const out = new Float32Array(h * w * 2);
  for (let x = 0; x < X; x++) {
    for (let y = 0; y < Y; y++) {
      const at = (Math.floor(x / sx) * w + Math.floor(y / sy)) * 2;
      out[at]! += flow[(x * Y + y) * 2]!;
      out[at + 1]! += flow[(x * Y + y) * 2 + 1]!;
    }
  }
  return out.map((v) => v / (sx * sy));
}

/** Mean |a − b| over the cells of two flows [h, w, 2]. */
export function endPointError(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) sum += Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!);
  return sum / (a.length / 2);
}

/** Mean |v| over the cells of a flow [h, w, 2]. */
export function meanSpeed(flow: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < flow.length; i += 2) sum += Math.hypot(flow[i]!, flow[i + 1]!);
  return sum / (flow.length / 2);
}

/** The largest |v| over the cells of some flows [h, w, 2]. */
export function largestSpeed(...flows: Float32Array[]): number {
  let largest = 0;
  for (const flow of flows) {
    for (let i = 0; i < flow.length; i += 2) {
      largest = Math.max(largest, Math.hypot(flow[i]!, flow[i + 1]!));
    }
  }
  return largest;
}

/** A box on a picture, as fractions of its side (y = 0 the top edge). */
export interface PictureBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where a crop (row along X, column along Y, in grid cells) lies on the pictures, whose x runs
 * along X and whose top row is the largest Y.
 */
export function cropBox(
  crop: { row: number; col: number; size: number },
  grid: [number, number],
): PictureBox {
  const [X, Y] = grid;
  return {
    left: crop.row / X,
    top: (Y - crop.col - crop.size) / Y,
    width: crop.size / X,
    height: crop.size / Y,
  };
}

/** Latent cell (i along X, j along Y) of an h × w grid as a box on the pictures. */
export function latentCellBox(i: number, j: number, [h, w]: [number, number]): PictureBox {
  return { left: i / h, top: (w - 1 - j) / w, width: 1 / h, height: 1 / w };
}

/** The latent cell (i, j) under a point of the picture given as fractions (y = 0 the top). */
export function latentCellAt(
  fx: number,
  fy: number,
  [h, w]: [number, number],
): { i: number; j: number } {
  const i = Math.min(h - 1, Math.max(0, Math.floor(fx * h)));
  const j = Math.min(w - 1, Math.max(0, w - 1 - Math.floor(fy * w)));
  return { i, j };
}

/**
 * Where the content of a cell moves in one frame, on the picture (x right, y down, in grid
 * cells): the flows hold how far it comes from, so the motion is the opposite, and the picture's
 * y runs against Y.
 */
export function screenMotion(flow: Float32Array, at: number): [number, number] {
  return [-flow[at]!, flow[at + 1]!];
}
