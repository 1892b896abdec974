/**
 * Periodic finite-difference stencils on [B, N, N, C] states. Shifts are gathers with constant
 * indices: one kernel on every backend, and on the CPU backend far faster than slice + concat
 * along the inner axes.
 */
import * as tf from '@tensorflow/tfjs';

/** Index tables for periodic shifts on an N-point axis; dispose when done. */
export interface PeriodicShifts {
  /** i − 1 mod N: gathering with it gives u[i − 1] at i (numpy.roll by +1). */
  previous: tf.Tensor1D;
  /** i + 1 mod N. */
  next: tf.Tensor1D;
}

export function createPeriodicShifts(n: number): PeriodicShifts {
  return {
    previous: tf.tensor1d(
      Array.from({ length: n }, (_, i) => (i + n - 1) % n),
      'int32',
    ),
    next: tf.tensor1d(
      Array.from({ length: n }, (_, i) => (i + 1) % n),
      'int32',
    ),
  };
}

export function disposeShifts(shifts: PeriodicShifts): void {
  tf.dispose([shifts.previous, shifts.next]);
}

/** u shifted along axis 1 (x) or 2 (y) by one of the index tables. */
export function roll(u: tf.Tensor4D, indices: tf.Tensor1D, axis: 1 | 2): tf.Tensor4D {
  return tf.gather(u, indices, axis);
}

/** The 5-point Laplacian on square cells of side h. */
export function laplacian5(u: tf.Tensor4D, shifts: PeriodicShifts, h: number): tf.Tensor4D {
  return tf.tidy(() =>
    tf
      .addN([
        roll(u, shifts.previous, 1),
        roll(u, shifts.next, 1),
        roll(u, shifts.previous, 2),
        roll(u, shifts.next, 2),
      ])
      .sub(u.mul(4))
      .div(h * h),
  );
}

/**
 * First-order upwind a·∂x u + b·∂y u: backward differences where the advecting velocity is
 * positive, forward where it is negative. a and b broadcast against u.
 */
export function upwindAdvection(
  u: tf.Tensor4D,
  a: tf.Tensor,
  b: tf.Tensor,
  shifts: PeriodicShifts,
  h: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const along = (velocity: tf.Tensor, axis: 1 | 2) => {
      const backward = u.sub(roll(u, shifts.previous, axis));
      const forward = roll(u, shifts.next, axis).sub(u);
      return tf.maximum(velocity, 0).mul(backward).add(tf.minimum(velocity, 0).mul(forward));
    };
    return along(a, 1).add(along(b, 2)).div(h);
  });
}
