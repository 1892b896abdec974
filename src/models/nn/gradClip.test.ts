import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, globalNorm } from './gradClip';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('global-norm clipping', () => {
  it('scales all gradients by maxNorm/(norm + 1e-6) and returns the norm before clipping', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0], [4]]) }; // ‖·‖ = 5
    const before = tf.memory().numTensors;
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
    expect(norm.dataSync()[0]).toBeCloseTo(5, 6);
    const k = 1 / (5 + 1e-6);
    expect(clipped.a!.dataSync()[0]).toBeCloseTo(3 * k, 7);
    expect(clipped.b!.shape).toEqual([2, 1]);
    expect(clipped.b!.dataSync()[1]).toBeCloseTo(4 * k, 7);
    const after = globalNorm(clipped);
    expect(after.dataSync()[0]).toBeCloseTo(1, 5);
    tf.dispose([norm, after, ...Object.values(clipped)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(grads));
  });

  it('leaves gradients within the limit unchanged', () => {
    const grads = { a: tf.tensor1d([0.3, -0.4]) };
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 10);
    expect(norm.dataSync()[0]).toBeCloseTo(0.5, 6);
    expect(Array.from(clipped.a!.dataSync())).toEqual(Array.from(grads.a.dataSync()));
    tf.dispose([norm, grads.a, clipped.a!]);
    expect(() => clipByGlobalNorm({}, 0)).toThrow(/positive/);
  });
});
