/**
 * A few Gaussian blobs of dye at random places: u = Σ_b p_b·exp(−|x − c_b|²/(2r_b²)), periodic.
 * Sizes are fractions of the box side, so the blobs look the same on any domain. Each blob's
 * field sums its 3 × 3 nearest periodic images, so it is smooth across the boundary (the images
 * left out are ≥ 1.5 L away: below e^{-12} of the peak for r ≤ 0.3 L). The field is analytic:
 * blobsAt evaluates it anywhere, e.g. at the foot of a characteristic.
 */
import { defineSchema, type SchemaValues } from '../../schema/params';
import { gridPoints, type Grid } from '../grid';
import { createRng, type Rng } from '../random';
import { assembleBatch } from './layout';

export const gaussianBlobsParams = defineSchema({
  count: {
    kind: 'number',
    key: 'blobs.n',
    label: 'Blobs',
    min: 1,
    max: 16,
    default: 4,
    integer: true,
    help: 'How many blobs each trajectory starts with, at random places.',
  },
  radius: {
    kind: 'number',
    key: 'blobs.r',
    label: 'Smallest radius',
    unit: 'box sides',
    min: 0.02,
    max: 0.2,
    default: 0.06,
    help:
      'The size of the smallest blob, as a fraction of the box side (0.06 is about 4 grid cells ' +
      'at 64 × 64). Keep blobs at least 2 cells wide or the grid cannot draw them smoothly.',
  },
  radiusSpread: {
    kind: 'number',
    key: 'blobs.dr',
    label: 'Radius spread',
    unit: 'box sides',
    min: 0,
    max: 0.1,
    default: 0.04,
    help: 'Each radius is drawn uniformly from [r, r + spread).',
  },
});

export type GaussianBlobsParams = SchemaValues<typeof gaussianBlobsParams>;

export interface Blob {
  /** Centre in the grid's coordinates, inside [origin, origin + L). */
  cx: number;
  cy: number;
  /** Radius r in length units. */
  radius: number;
  /** Peak height, in [0.5, 1). */
  peak: number;
}

/** Draws the blobs in the order: per blob, centre x, centre y, radius, peak. */
export function drawBlobs(
  rng: Rng,
  box: Pick<Grid, 'length' | 'origin'>,
  params: GaussianBlobsParams,
): Blob[] {
  return Array.from({ length: params.count }, () => {
    const cx = box.origin + box.length * rng.uniform();
    const cy = box.origin + box.length * rng.uniform();
    const radius = box.length * (params.radius + params.radiusSpread * rng.uniform());
    const peak = 0.5 + 0.5 * rng.uniform();
    return { cx, cy, radius, peak };
  });
}

/** The blobs' field at any point (x, y) of the periodic box. */
export function blobsAt(
  blobs: readonly Blob[],
  box: Pick<Grid, 'length' | 'origin'>,
  x: number,
  y: number,
): number {
  const { length } = box;
  let value = 0;
  for (const blob of blobs) {
    // The nearest-image offset, then its 3 × 3 neighbours.
    const dx0 = x - blob.cx - length * Math.round((x - blob.cx) / length);
    const dy0 = y - blob.cy - length * Math.round((y - blob.cy) / length);
    const twoR2 = 2 * blob.radius * blob.radius;
    let gx = 0;
    let gy = 0;
    for (const k of [-1, 0, 1]) {
      gx += Math.exp(-((dx0 + k * length) ** 2) / twoR2);
      gy += Math.exp(-((dy0 + k * length) ** 2) / twoR2);
    }
    value += blob.peak * gx * gy;
  }
  return value;
}

/** The blobs' field on the grid (x-major, float64). */
export function blobsField(grid: Grid, blobs: readonly Blob[]): Float64Array {
  const { n } = grid;
  const xs = gridPoints(grid);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) out[i * n + j] = blobsAt(blobs, grid, xs[i]!, xs[j]!);
  return out;
}

/** One set of blobs per seed, [B, N, N, 1]. */
export function gaussianBlobs(
  grid: Grid,
  seeds: readonly number[],
  params: GaussianBlobsParams,
): Float32Array {
  return assembleBatch(grid, seeds.length, 1, (b) => [
    blobsField(grid, drawBlobs(createRng(seeds[b]!), grid, params)),
  ]);
}
