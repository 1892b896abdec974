/**
 * The seven non-trivial elements of D4, the symmetries of the square grid, written as the matrix G
 * of the gather u'(x) = u(Gx). Vectors transform as v'(x) = Gᵀ v(Gx); the determinant is −1 for
 * reflections.
 */
import type { D4Matrix } from './gridMap';

export const D4_IDS = [
  'rot90',
  'rot180',
  'rot270',
  'flip-x',
  'flip-y',
  'transpose',
  'antitranspose',
] as const;
export type D4Id = (typeof D4_IDS)[number];

export const D4_ELEMENTS: Record<D4Id, { label: string; matrix: D4Matrix }> = {
  rot90: { label: 'Rotate 90° counter-clockwise', matrix: [0, 1, -1, 0] },
  rot180: { label: 'Rotate 180°', matrix: [-1, 0, 0, -1] },
  rot270: { label: 'Rotate 90° clockwise', matrix: [0, -1, 1, 0] },
  'flip-x': { label: 'Reflect x → −x', matrix: [-1, 0, 0, 1] },
  'flip-y': { label: 'Reflect y → −y', matrix: [1, 0, 0, -1] },
  transpose: { label: 'Transpose x ↔ y', matrix: [0, 1, 1, 0] },
  antitranspose: { label: 'Anti-transpose (x, y) → (−y, −x)', matrix: [0, -1, -1, 0] },
};

export function determinant(g: D4Matrix): number {
  return g[0] * g[3] - g[1] * g[2];
}

export function transposed(g: D4Matrix): D4Matrix {
  return [g[0], g[2], g[1], g[3]];
}

export function times(g: D4Matrix, v: readonly [number, number]): [number, number] {
  return [g[0] * v[0] + g[1] * v[1], g[2] * v[0] + g[3] * v[1]];
}

/** True when G exchanges the x and y axes (so anisotropic coefficients swap). */
export function swapsAxes(g: D4Matrix): boolean {
  return g[0] === 0;
}
