/**
 * Where the decoder is asked for values. DINo's coordinates span [0, 0.5] (`get_mgrid(n, 0, 0.5)`);
 * here a point at fraction (u, v) of the periodic domain sits at 0.5·(u, v), so the grid of side n
 * is 0.5·i/n, i = 0…n−1: the same physical point has the same coordinate at every resolution
 * (DINo's linspace puts its last point on 0.5, which is the first again for periodic data).
 * Points are listed 'ij': the flat index of grid point (i, j) is i·ny + j, as frames [X, Y] are.
 */
import * as tf from '@tensorflow/tfjs';

export const COORDINATE_SPAN = 0.5;

/** [nx·ny, 2] coordinates of a grid, as plain numbers. */
export function gridCoordinateValues(nx: number, ny = nx): Float32Array {
  const values = new Float32Array(nx * ny * 2);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      values[2 * (i * ny + j)] = (COORDINATE_SPAN * i) / nx;
      values[2 * (i * ny + j) + 1] = (COORDINATE_SPAN * j) / ny;
    }
  }
  return values;
}

/** [nx·ny, 2]: every point of an nx × ny grid, 'ij'. */
export function gridCoordinates(nx: number, ny = nx): tf.Tensor2D {
  return tf.tensor2d(gridCoordinateValues(nx, ny), [nx * ny, 2]);
}

/** [P, 2]: the grid points with the given flat indices (i·ny + j), e.g. the observed ones. */
export function gridPointCoordinates(indices: ArrayLike<number>, nx: number, ny = nx): tf.Tensor2D {
  const values = new Float32Array(indices.length * 2);
  for (let p = 0; p < indices.length; p++) {
    const index = indices[p]!;
    values[2 * p] = (COORDINATE_SPAN * Math.floor(index / ny)) / nx;
    values[2 * p + 1] = (COORDINATE_SPAN * (index % ny)) / ny;
  }
  return tf.tensor2d(values, [indices.length, 2]);
}

/** [P, 2]: sensors anywhere, each (u, v) a position as a fraction of the domain's sides. */
export function pointCoordinates(points: readonly (readonly [number, number])[]): tf.Tensor2D {
  const values = new Float32Array(points.length * 2);
  points.forEach(([u, v], p) => {
    values[2 * p] = COORDINATE_SPAN * u;
    values[2 * p + 1] = COORDINATE_SPAN * v;
  });
  return tf.tensor2d(values, [points.length, 2]);
}
