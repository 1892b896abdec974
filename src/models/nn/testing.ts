/** Helpers for the nn tests: seeded inputs, comparisons and finite-difference gradients. */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../pde/random';
import type { Params } from './params';

/** `count` values U(−scale, scale) from a seeded JS generator. */
export function seededValues(count: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count }, () => rng.uniformIn(-scale, scale));
}

export function seededTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.tensor(
    seededValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
      scale,
    ),
    shape,
  );
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

export function maxAbs(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}

/** ‖a − b‖₂ / ‖b‖₂ */
export { relativeL2 as relativeError } from '../../pde/testing/fields';

/**
 * Central differences (L(p + h) − L(p − h)) / 2h of a scalar loss with respect to every entry of
 * a variable, restoring the variable afterwards.
 */
export function finiteDifferenceGradient(
  variable: tf.Variable,
  loss: () => tf.Scalar,
  h: number,
): Float64Array {
  const original = (variable.dataSync() as Float32Array).slice();
  const evaluate = (values: Float32Array) => {
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    return tf.tidy(() => loss().dataSync()[0]!);
  };
  const gradient = new Float64Array(original.length);
  const probe = original.slice();
  for (let i = 0; i < original.length; i++) {
    probe[i] = original[i]! + h;
    const up = evaluate(probe);
    probe[i] = original[i]! - h;
    const down = evaluate(probe);
    probe[i] = original[i]!;
    gradient[i] = (up - down) / (2 * h);
  }
  evaluate(original);
  return gradient;
}

/** Gradients from tfjs of `loss` for every trainable parameter, as plain arrays by name. */
export function tfGradients(params: Params, loss: () => tf.Scalar): Map<string, Float32Array> {
  const trainable = params.trainable();
  const { value, grads } = tf.variableGrads(
    loss,
    trainable.map(([, v]) => v),
  );
  const out = new Map<string, Float32Array>();
  for (const [name, v] of trainable) {
    const g = grads[v.name];
    out.set(name, g ? (g.dataSync() as Float32Array).slice() : new Float32Array(v.size));
  }
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}
