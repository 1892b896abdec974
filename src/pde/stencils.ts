/**
 * Finite-difference building blocks on the periodic grid, for fields [B, N, N] or [B, N, N, C]
 * (axis 1 = x, axis 2 = y). Rolls are slice + concat, which every tfjs backend runs natively.
 */
import * as tf from '@tensorflow/tfjs';
import { gridSpacing, integerWavenumbers, type Grid } from './grid';

/**
 * Periodic shift along one axis, like numpy.roll: out[i] = t[(i − shift) mod n]. A negative
 * axis counts from the end.
 */
export function roll<T extends tf.Tensor>(t: T, shift: number, axis: number): T {
  const ax = axis < 0 ? t.rank + axis : axis;
  const n = t.shape[ax];
  if (n === undefined) throw new Error(`roll: axis ${axis} is out of range for rank ${t.rank}.`);
  const s = ((shift % n) + n) % n;
  if (s === 0) return t.clone();
  return tf.tidy(() => {
    const begin = t.shape.map(() => 0);
    const size = t.shape.map(() => -1);
    const tailBegin = [...begin];
    tailBegin[ax] = n - s;
    const headSize = [...size];
    headSize[ax] = n - s;
    return tf.concat([tf.slice(t, tailBegin, size), tf.slice(t, begin, headSize)], ax) as T;
  });
}

/**
 * The 5-point Laplacian (u_{i+1,j} + u_{i−1,j} + u_{i,j+1} + u_{i,j−1} − 4u_{i,j}) / h² over axes 1
 * and 2 of a [B, N, N] or [B, N, N, C] field, with periodic wrap-around.
 */
export function laplacian5<T extends tf.Tensor3D | tf.Tensor4D>(u: T, spacing: number): T {
  return tf.tidy(() => {
    const neighbours = tf.addN([roll(u, 1, 1), roll(u, -1, 1), roll(u, 1, 2), roll(u, -1, 2)]);
    return neighbours.sub(u.mul(4)).div(spacing * spacing) as T;
  });
}

/**
 * The symbol of −Δ_h for the 5-point Laplacian, (4/h²)[sin²(πm/N) + sin²(πn/N)], in float64 and
 * DFT order (entry [i·N + j] for integer wavenumbers m_i along x and n_j along y). It tends to
 * |k|² for smooth modes; e^{−ν·symbol·t} is the exact-in-time solution of the semi-discrete heat
 * equation.
 */
export function laplacian5Symbol(grid: Grid): Float64Array {
  const { n } = grid;
  const h = gridSpacing(grid);
  const m = integerWavenumbers(n);
  const perAxis = Float64Array.from(m, (mi) => (4 / (h * h)) * Math.sin((Math.PI * mi) / n) ** 2);
  const symbol = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) symbol[i * n + j] = perAxis[i]! + perAxis[j]!;
  return symbol;
}
