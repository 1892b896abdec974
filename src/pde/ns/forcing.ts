/** The static vorticity forcings f(x, y) offered for Navier–Stokes. */
import { gridPoints, type Grid } from '../grid';

export const NS_FORCINGS = ['fno', 'kolmogorov', 'none'] as const;
export type NsForcing = (typeof NS_FORCINGS)[number];

/** Kolmogorov flow: body force (F sin(2πny/L), 0). */
export const KOLMOGOROV_WAVENUMBER = 4;
export const KOLMOGOROV_AMPLITUDE = 1;

export function isNsForcing(value: unknown): value is NsForcing {
  return typeof value === 'string' && (NS_FORCINGS as readonly string[]).includes(value);
}

/**
 * The forcing on the grid as N×N values (index ix·N + iy), or null for none. Written with 2π/L so
 * that it stays periodic on any box; on the unit torus these are exactly the papers' formulas.
 */
export function forcingValues(forcing: NsForcing, grid: Grid): Float32Array | null {
  if (forcing === 'none') return null;
  const { n, length } = grid;
  const points = gridPoints(grid);
  const k = (2 * Math.PI) / length;
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = points[i]!;
      const y = points[j]!;
      out[i * n + j] =
        forcing === 'fno'
          ? 0.1 * (Math.sin(k * (x + y)) + Math.cos(k * (x + y)))
          : kolmogorovVorticityForcing(k * KOLMOGOROV_WAVENUMBER, y);
    }
  }
  return out;
}

/** curl of (F sin(κy), 0) = −∂_y(F sin κy) = −κF cos(κy). */
function kolmogorovVorticityForcing(kappa: number, y: number): number {
  return -kappa * KOLMOGOROV_AMPLITUDE * Math.cos(kappa * y);
}
