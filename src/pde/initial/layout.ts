/** Helpers shared by the generators: batch layout and periodic geometry on the grid. */
import type { Grid } from '../grid';

/**
 * Builds [B, N, N, C] from one field per trajectory: `fieldsFor(b)` returns the trajectory's
 * channels, each N·N values with x-major order (index ix·N + iy); missing channels stay zero.
 */
export function assembleBatch(
  grid: Grid,
  batch: number,
  channels: number,
  fieldsFor: (b: number) => readonly ArrayLike<number>[],
): Float32Array {
  const cells = grid.n * grid.n;
  const out = new Float32Array(batch * cells * channels);
  for (let b = 0; b < batch; b++) {
    const fields = fieldsFor(b);
    if (fields.length > channels) throw new RangeError('more fields than channels');
    fields.forEach((field, c) => {
      const base = b * cells * channels + c;
      for (let p = 0; p < cells; p++) out[base + p * channels] = field[p]!;
    });
  }
  return out;
}

/**
 * Converts [B, N, N, from] to [B, N, N, to]: extra channels are zeros (e.g. the wave's u_t) or
 * copies of channel 0 (e.g. Burgers' v = u); when `to` < `from` the leading channels are kept.
 */
export function fitChannels(
  data: Float32Array,
  grid: Grid,
  from: number,
  to: number,
  fill: 'zeros' | 'repeat' = 'zeros',
): Float32Array {
  if (data.length % (grid.n * grid.n * from) !== 0) {
    throw new RangeError('data does not match the grid');
  }
  if (from === to) return data;
  const points = data.length / from;
  const out = new Float32Array(points * to);
  for (let p = 0; p < points; p++) {
    for (let c = 0; c < to; c++) {
      if (c < from) out[p * to + c] = data[p * from + c]!;
      else if (fill === 'repeat') out[p * to + c] = data[p * from]!;
    }
  }
  return out;
}

/**
 * Fills an N·N field (x-major) with f(dx, dy), where (dx, dy) is the offset of each point from
 * the nearest periodic image of a centre given in grid-index units (ci, cj may be fractional;
 * the point (ci, cj) sits at origin + (ci, cj)·h). Offsets are in the grid's length units.
 * Working in index units keeps integer shifts exact: moving the centre by whole cells rolls the
 * field bit for bit.
 */
export function fieldAround(
  grid: Grid,
  ci: number,
  cj: number,
  f: (dx: number, dy: number) => number,
): Float64Array {
  const { n } = grid;
  const h = grid.length / n;
  const wrap = (d: number) => (d - n * Math.floor(d / n + 0.5)) * h;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const dx = wrap(i - ci);
    for (let j = 0; j < n; j++) out[i * n + j] = f(dx, wrap(j - cj));
  }
  return out;
}

/** Index of the box centre (a grid point when N is even). */
export function centreIndex(grid: Grid): number {
  return grid.n / 2;
}
