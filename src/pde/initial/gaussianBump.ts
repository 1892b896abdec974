/**
 * DINo's wave initial condition: u = p·exp(−d²/(2r²)) with p = 2 + 2U and r = 0.25 + 0.05U',
 * centred in the box and then rolled by random whole cells (np.roll), with u_t = 0. Distances
 * are periodic on our grid. r is in length units (DINo's box is [−1, 1]²).
 */
import { defineSchema, type SchemaValues } from '../../schema/params';
import type { Grid } from '../grid';
import { createRng, type Rng } from '../random';
import { assembleBatch, centreIndex, fieldAround } from './layout';

export const gaussianBumpParams = defineSchema({
  peak: {
    kind: 'number',
    key: 'bump.p',
    label: 'Smallest peak',
    min: 0.01,
    max: 100,
    default: 2,
    help: 'The peak height is drawn uniformly from [p, 2p).',
  },
  radius: {
    kind: 'number',
    key: 'bump.r',
    label: 'Radius',
    min: 0.001,
    max: 10,
    default: 0.25,
    help: 'Smallest Gaussian radius r, in length units.',
  },
  radiusSpread: {
    kind: 'number',
    key: 'bump.dr',
    label: 'Radius spread',
    min: 0,
    max: 10,
    default: 0.05,
    help: 'The radius is drawn uniformly from [r, r + spread).',
  },
});

export type GaussianBumpParams = SchemaValues<typeof gaussianBumpParams>;

export interface BumpShape {
  peak: number;
  radius: number;
  /** The roll, in whole cells along x and y. */
  shiftX: number;
  shiftY: number;
}

/** Draws the shape in the order: peak, radius, shift x, shift y. */
export function drawBumpShape(rng: Rng, grid: Grid, params: GaussianBumpParams): BumpShape {
  return {
    peak: params.peak * (1 + rng.uniform()),
    radius: params.radius + params.radiusSpread * rng.uniform(),
    shiftX: rng.integer(0, grid.n - 1),
    shiftY: rng.integer(0, grid.n - 1),
  };
}

/** The bump's N·N field (x-major); its maximum is at cell (N/2 + shiftX, N/2 + shiftY) mod N. */
export function gaussianBumpField(grid: Grid, shape: BumpShape): Float64Array {
  const c = centreIndex(grid);
  const twoR2 = 2 * shape.radius * shape.radius;
  return fieldAround(
    grid,
    c + shape.shiftX,
    c + shape.shiftY,
    (dx, dy) => shape.peak * Math.exp(-(dx * dx + dy * dy) / twoR2),
  );
}

/** One bump per seed, [B, N, N, 2]: channel 0 is u, channel 1 is u_t = 0. */
export function gaussianBump(
  grid: Grid,
  seeds: readonly number[],
  params: GaussianBumpParams,
): Float32Array {
  return assembleBatch(grid, seeds.length, 2, (b) => [
    gaussianBumpField(grid, drawBumpShape(createRng(seeds[b]!), grid, params)),
  ]);
}
