import * as tf from '@tensorflow/tfjs';

/**
 * Per-trajectory weights [B, 1, 1, 2] that pick the advecting velocities out of a state (u, v):
 * Σ_c state·(cx, 0) = cx·u and Σ_c state·(0, cy) = cy·v (a product and a sum are cheap on every
 * backend, unlike slicing the innermost axis on the CPU).
 */
export interface AdvectionWeights {
  x: tf.Tensor4D;
  y: tf.Tensor4D;
}

export function createAdvectionWeights(cx: Float32Array, cy: Float32Array): AdvectionWeights {
  const b = cx.length;
  const x = new Float32Array(2 * b);
  const y = new Float32Array(2 * b);
  for (let i = 0; i < b; i++) {
    x[2 * i] = cx[i]!;
    y[2 * i + 1] = cy[i]!;
  }
  return { x: tf.tensor4d(x, [b, 1, 1, 2]), y: tf.tensor4d(y, [b, 1, 1, 2]) };
}

/** (cx·u, cy·v), each [B, N, N, 1]. */
export function advectingVelocity(
  state: tf.Tensor4D,
  weights: AdvectionWeights,
): [tf.Tensor4D, tf.Tensor4D] {
  return [state.mul(weights.x).sum(3, true), state.mul(weights.y).sum(3, true)];
}

/** Per trajectory, the largest |cx·u| + |cy·v| over the grid (reads back B numbers). */
export async function maxAdvectionSpeed(
  state: tf.Tensor4D,
  weights: AdvectionWeights,
): Promise<Float32Array> {
  const speed = tf.tidy(() => {
    const [a, b] = advectingVelocity(state, weights);
    return a.abs().add(b.abs()).max([1, 2, 3]);
  });
  const values = (await speed.data()) as Float32Array;
  speed.dispose();
  return values;
}
