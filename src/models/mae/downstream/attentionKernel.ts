/**
 * Attention as a learned integral kernel (Cao, Xu & Clifton, "How to Understand Masked
 * Autoencoders", 2022): one query patch's attention row κ(x_i, ·) on the token grid, its mass
 * against periodic distance, and the same summaries for nearest-neighbour and inverse-distance
 * weights on the same mask. Plain numbers, no tfjs: the worker, the UI and Node share it.
 *
 * Distance between patches is in patch units: x and y offsets wrap around (the domain is
 * periodic), the time offset counts one unit per temporal block and does not wrap (time is not
 * periodic); the three combine as a Euclidean length.
 */
import { tokenCoords, type TokenGrid } from '../../../data/masks/patches';

/** Decoder attention of one window: per layer [heads, tokens, tokens], rows are queries. */
export interface AttentionWeights {
  layers: number;
  heads: number;
  tokens: number;
  weights: Float32Array[];
}

/** Which head's row: one head by index, or the mean over the heads. */
export type HeadChoice = number | 'mean';

/** How many nearest visible patches count as "neighbours" for the non-local mass. */
export const NEIGHBOURS = 8;

/** The lab's inverse-distance baseline weighs by 1/d⁴ (see data/masks/baseline.ts). */
export const INVERSE_DISTANCE_POWER = 4;

/** Distances closer than this are the same distance (ties). */
const TIE = 1e-9;

/** The shorter way round between two positions on a ring of n. */
export function ringOffset(a: number, b: number, n: number): number {
  const d = Math.abs(a - b) % n;
  return Math.min(d, n - d);
}

/** Distance between tokens i and j in patch units: periodic in x and y, plain in time. */
export function patchDistance(grid: TokenGrid, i: number, j: number): number {
  const [ti, xi, yi] = tokenCoords(grid, i);
  const [tj, xj, yj] = tokenCoords(grid, j);
  const dx = ringOffset(xi, xj, grid.nx);
  const dy = ringOffset(yi, yj, grid.ny);
  const dt = ti - tj;
  return Math.sqrt(dx * dx + dy * dy + dt * dt);
}

/** Distance from `query` to every token. */
export function distanceRow(grid: TokenGrid, query: number): Float64Array {
  const tokens = grid.nt * grid.nx * grid.ny;
  return Float64Array.from({ length: tokens }, (_, j) => patchDistance(grid, query, j));
}

/** Row `query` of one layer's attention, for one head or averaged over the heads. */
export function kernelRow(
  attention: AttentionWeights,
  layer: number,
  head: HeadChoice,
  query: number,
): Float64Array {
  const { heads, tokens } = attention;
  const weights = attention.weights[layer];
  if (!weights) throw new RangeError(`There is no decoder layer ${layer}.`);
  if (weights.length !== heads * tokens * tokens) {
    throw new RangeError(`Layer ${layer} holds ${weights.length} weights, not heads × N × N.`);
  }
  if (!Number.isInteger(query) || query < 0 || query >= tokens) {
    throw new RangeError(`Query ${query} is not a token from 0 to ${tokens - 1}.`);
  }
  const chosen = head === 'mean' ? Array.from({ length: heads }, (_, h) => h) : [head];
  if (chosen.some((h) => !Number.isInteger(h) || h < 0 || h >= heads)) {
    throw new RangeError(`Head ${String(head)} is not one of the ${heads} heads.`);
  }
  const row = new Float64Array(tokens);
  for (const h of chosen) {
    const base = (h * tokens + query) * tokens;
    for (let j = 0; j < tokens; j++) row[j]! += weights[base + j]! / chosen.length;
  }
  return row;
}

/** The row's weight on visible keys only (mask: 1 hidden), rescaled to sum to 1. */
export function visibleRow(row: ArrayLike<number>, mask: ArrayLike<number>): Float64Array {
  const out = Float64Array.from({ length: row.length }, (_, j) => (mask[j] ? 0 : row[j]!));
  const total = out.reduce((a, b) => a + b, 0);
  return total > 0 ? out.map((w) => w / total) : out;
}

/** The row's total weight on visible keys. */
export function visibleShare(row: ArrayLike<number>, mask: ArrayLike<number>): number {
  let share = 0;
  for (let j = 0; j < row.length; j++) if (!mask[j]) share += row[j]!;
  return share;
}

function visibleKeys(mask: ArrayLike<number>): number[] {
  return Array.from({ length: mask.length }, (_, j) => j).filter((j) => !mask[j]);
}

/** Nearest-neighbour interpolation as a kernel: all weight on the nearest visible patches, ties split. */
export function nearestWeights(
  distances: ArrayLike<number>,
  mask: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(distances.length);
  const keys = visibleKeys(mask);
  if (keys.length === 0) return out;
  const nearest = Math.min(...keys.map((j) => distances[j]!));
  const tied = keys.filter((j) => distances[j]! - nearest <= TIE);
  for (const j of tied) out[j] = 1 / tied.length;
  return out;
}

/**
 * Inverse-distance weighting as a kernel: weight ∝ 1/d^power over the visible patches. A visible
 * patch at distance 0 (the query itself) takes all the weight.
 */
export function inverseDistanceWeights(
  distances: ArrayLike<number>,
  mask: ArrayLike<number>,
  power = INVERSE_DISTANCE_POWER,
): Float64Array {
  const keys = visibleKeys(mask);
  if (keys.some((j) => distances[j]! <= TIE)) return nearestWeights(distances, mask);
  const out = new Float64Array(distances.length);
  for (const j of keys) out[j] = Math.pow(distances[j]!, -power);
  const total = out.reduce((a, b) => a + b, 0);
  return total > 0 ? out.map((w) => w / total) : out;
}

/** r_eff = Σ_j a_j d_j: the mean distance the row reaches (the row should sum to 1). */
export function effectiveRadius(row: ArrayLike<number>, distances: ArrayLike<number>): number {
  let r = 0;
  for (let j = 0; j < row.length; j++) r += row[j]! * distances[j]!;
  return r;
}

/**
 * The distance of the k-th nearest visible patch: keys no farther count as neighbours (all of a
 * tie at the boundary are in). With fewer than k visible patches, the farthest one's distance.
 */
export function neighbourRadius(
  distances: ArrayLike<number>,
  mask: ArrayLike<number>,
  k = NEIGHBOURS,
): number {
  const sorted = visibleKeys(mask)
    .map((j) => distances[j]!)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(k, sorted.length) - 1]!;
}

/** Share of the row's weight on keys farther than `radius` (of the row's total). */
export function nonLocalMass(
  row: ArrayLike<number>,
  distances: ArrayLike<number>,
  radius: number,
): number {
  let far = 0;
  let total = 0;
  for (let j = 0; j < row.length; j++) {
    total += row[j]!;
    if (distances[j]! > radius + TIE) far += row[j]!;
  }
  return total > 0 ? far / total : 0;
}

/** The distinct distances in a row, ascending (ties merged). */
export function distanceLevels(distances: ArrayLike<number>): number[] {
  const levels: number[] = [];
  for (const d of Array.from(distances).sort((a, b) => a - b)) {
    if (levels.length === 0 || d - levels[levels.length - 1]! > TIE) levels.push(d);
  }
  return levels;
}

/** The row's weight summed over the keys at each distance level. */
export function massByDistance(
  row: ArrayLike<number>,
  distances: ArrayLike<number>,
  levels: readonly number[],
): number[] {
  const mass = levels.map(() => 0);
  for (let j = 0; j < row.length; j++) {
    const level = levels.findIndex((d) => Math.abs(d - distances[j]!) <= TIE);
    if (level < 0) throw new RangeError(`Distance ${distances[j]} is not one of the levels.`);
    mass[level]! += row[j]!;
  }
  return mass;
}

/** One kernel's row and its summaries. */
export interface KernelProfile {
  row: Float64Array;
  /** Weight per distance level (KernelComparison.levels). */
  mass: number[];
  rEff: number;
  /** Share of weight beyond the k nearest visible patches. */
  nonLocal: number;
}

/** The attention row of a query beside the classical interpolants on the same mask. */
export interface KernelComparison {
  query: number;
  distances: Float64Array;
  levels: number[];
  /** Distance of the NEIGHBOURS-th nearest visible patch. */
  radius: number;
  /** How many keys are visible (with NEIGHBOURS or fewer, no visible key is non-local). */
  visibleKeys: number;
  /** The decoder's row over every key (visible patches and mask tokens). */
  attentionAll: KernelProfile;
  /** The same row on visible keys only, rescaled to sum to 1. */
  attentionVisible: KernelProfile;
  /** The attention row's share on visible keys before rescaling. */
  visibleShare: number;
  inverseDistance: KernelProfile;
  nearest: KernelProfile;
}

function profile(
  row: Float64Array,
  distances: Float64Array,
  levels: number[],
  radius: number,
): KernelProfile {
  return {
    row,
    mass: massByDistance(row, distances, levels),
    rEff: effectiveRadius(row, distances),
    nonLocal: nonLocalMass(row, distances, radius),
  };
}

/** Everything the locality view needs for one query (mask: one flag per token, 1 hidden). */
export function compareKernels(
  attention: AttentionWeights,
  grid: TokenGrid,
  mask: ArrayLike<number>,
  query: number,
  layer: number,
  head: HeadChoice,
): KernelComparison {
  if (mask.length !== attention.tokens || grid.nt * grid.nx * grid.ny !== attention.tokens) {
    throw new RangeError('The mask, the token grid and the attention disagree on the tokens.');
  }
  const row = kernelRow(attention, layer, head, query);
  const distances = distanceRow(grid, query);
  const levels = distanceLevels(distances);
  const radius = neighbourRadius(distances, mask);
  const at = (r: Float64Array) => profile(r, distances, levels, radius);
  return {
    query,
    distances,
    levels,
    radius,
    visibleKeys: visibleKeys(mask).length,
    attentionAll: at(row),
    attentionVisible: at(visibleRow(row, mask)),
    visibleShare: visibleShare(row, mask),
    inverseDistance: at(inverseDistanceWeights(distances, mask)),
    nearest: at(nearestWeights(distances, mask)),
  };
}
