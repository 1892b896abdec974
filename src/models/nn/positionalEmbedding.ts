/**
 * Fixed sin-cos positional embeddings as in MAE (facebookresearch/mae, util/pos_embed.py), in 1-D
 * and factorized over the axes of a grid (frames × rows × columns for video-like patches).
 */
import * as tf from '@tensorflow/tfjs';

export interface SinCosOptions {
  /** Prepend an all-zero row for a CLS token, as MAE's `cls_token=True`. */
  clsToken?: boolean;
  /** Width given to each grid axis (each even, summing to dim); default near-equal shares. */
  split?: readonly number[];
}

/**
 * MAE's 1-D table for positions p: row p is [sin(p·ω₀ … p·ω_{h−1}), cos(p·ω₀ … p·ω_{h−1})] with
 * h = dim/2 and ω_i = 10000^(−i/h). Computed in float64; [positions.length × dim] row-major.
 */
export function sinCos1dTable(dim: number, positions: ArrayLike<number>): Float64Array {
  if (dim <= 0 || dim % 2 !== 0) throw new RangeError(`sin-cos width must be even, got ${dim}`);
  const half = dim / 2;
  const table = new Float64Array(positions.length * dim);
  for (let p = 0; p < positions.length; p++) {
    for (let i = 0; i < half; i++) {
      const angle = positions[p]! * 10000 ** (-i / half);
      table[p * dim + i] = Math.sin(angle);
      table[p * dim + half + i] = Math.cos(angle);
    }
  }
  return table;
}

/** Near-equal even widths for each of `axes` axes, the remainder going to the last one. */
export function defaultSplit(dim: number, axes: number): number[] {
  const share = 2 * Math.floor(dim / (2 * axes));
  return Array.from({ length: axes }, (_, i) => (i + 1 < axes ? share : dim - share * (axes - 1)));
}

/**
 * Factorized table for a row-major grid (first axis slowest, as patch tokens are ordered): the
 * token at grid index (i₀, i₁, …) is the concatenation of each axis's 1-D table row iₐ, in axis
 * order. Float32 [tokens (+1 for CLS) × dim]. (MAE's own 2-D table puts the column code first;
 * here codes always follow the axis order, so a 2-D table equals MAE's with its halves swapped.)
 */
export function sinCosEmbeddingData(
  dim: number,
  gridShape: readonly number[],
  options: SinCosOptions = {},
): Float32Array {
  const split = options.split ?? defaultSplit(dim, gridShape.length);
  if (split.length !== gridShape.length || split.reduce((a, b) => a + b, 0) !== dim) {
    throw new RangeError(
      `split [${split.join(', ')}] must give one width per axis summing to ${dim}`,
    );
  }
  const tables = gridShape.map((n, a) => sinCos1dTable(split[a]!, range(n)));
  const tokens = gridShape.reduce((a, b) => a * b, 1);
  const offsetRows = options.clsToken ? 1 : 0;
  const out = new Float32Array((tokens + offsetRows) * dim);
  for (let token = 0; token < tokens; token++) {
    let rest = token;
    let column = dim;
    // Peel indices off from the fastest axis (the last one), filling columns from the right.
    for (let a = gridShape.length - 1; a >= 0; a--) {
      const index = rest % gridShape[a]!;
      rest = Math.floor(rest / gridShape[a]!);
      const width = split[a]!;
      column -= width;
      const row = tables[a]!.subarray(index * width, (index + 1) * width);
      out.set(row, (token + offsetRows) * dim + column);
    }
  }
  return out;
}

/** The embedding as a constant tensor [tokens (+1), dim]; the caller disposes it. */
export function sinCosPositionalEmbedding(
  dim: number,
  gridShape: readonly number[],
  options: SinCosOptions = {},
): tf.Tensor2D {
  const rows = gridShape.reduce((a, b) => a * b, 1) + (options.clsToken ? 1 : 0);
  return tf.tensor2d(sinCosEmbeddingData(dim, gridShape, options), [rows, dim]);
}

export function sinCosPositionalEmbedding1d(dim: number, length: number, options?: SinCosOptions) {
  return sinCosPositionalEmbedding(dim, [length], options);
}

/** Frames × rows × columns, frames slowest (MAE-PDE's `(f h w)` token order). */
export function sinCosPositionalEmbedding3d(
  dim: number,
  grid: readonly [number, number, number],
  options?: SinCosOptions,
) {
  return sinCosPositionalEmbedding(dim, grid, options);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
