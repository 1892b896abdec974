/** Test helpers for the two-channel wave state [B, N, N, 2] = (u, u_t). */
import * as tf from '@tensorflow/tfjs';
import type { Grid } from '../grid';

/** Packs per-trajectory u and u_t fields (float64, [i·N + j]) into a state tensor. */
export function waveState(
  grid: Grid,
  fields: readonly [Float64Array, Float64Array][],
): tf.Tensor4D {
  const size = grid.n * grid.n;
  const data = new Float32Array(fields.length * size * 2);
  fields.forEach(([u, v], b) => {
    for (let i = 0; i < size; i++) {
      data[(b * size + i) * 2] = u[i]!;
      data[(b * size + i) * 2 + 1] = v[i]!;
    }
  });
  return tf.tensor4d(data, [fields.length, grid.n, grid.n, 2]);
}

/** Applies `advance` `steps` times, disposing the intermediate states (not the initial one). */
export function run(
  advance: (state: tf.Tensor4D, dt: number) => tf.Tensor4D,
  initial: tf.Tensor4D,
  dt: number,
  steps: number,
): tf.Tensor4D {
  let state = initial;
  for (let s = 0; s < steps; s++) {
    const next = advance(state, dt);
    if (state !== initial) state.dispose();
    state = next;
  }
  return state === initial ? initial.clone() : state;
}
