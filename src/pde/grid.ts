/**
 * The periodic square grid every equation lives on. Points are x_i = origin + i·L/N (endpoint
 * excluded); arrays are indexed [batch, ix, iy, channel] — axis 1 is x, axis 2 is y, as in FNO's
 * and PDEBench's files.
 */
export interface Grid {
  /** Points per side. */
  n: number;
  /** Side length L of the periodic box. */
  length: number;
  /** Coordinate of the first point. */
  origin: number;
}

export function gridSpacing(grid: Grid): number {
  return grid.length / grid.n;
}

/** Coordinates of the points along one axis. */
export function gridPoints(grid: Grid): Float64Array {
  const h = gridSpacing(grid);
  return Float64Array.from({ length: grid.n }, (_, i) => grid.origin + i * h);
}

/** Integer wavenumbers in DFT order: 0, 1, …, N/2−1, −N/2, …, −1 (Nyquist stored as −N/2, like numpy and FNO). */
export function integerWavenumbers(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => (i < n / 2 ? i : i - n));
}
