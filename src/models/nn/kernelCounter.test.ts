import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countsBetween, startKernelCounter } from './kernelCounter';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('kernel counter', () => {
  it('counts kernels by name and readbacks, sync ones apart, then restores the engine', async () => {
    const engine = tf.engine();
    const runKernel = engine.runKernel;
    const counter = startKernelCounter();
    const x = tf.tensor1d([1, 2, 3]);
    const y = x.square().sum();
    const mark = counter.read();
    await y.data();
    y.dataSync();
    const counts = counter.stop();
    tf.dispose([x, y]);
    expect(counts.byName).toMatchObject({ Square: 1, Sum: 1 });
    expect(mark.readbacks).toBe(0);
    expect(countsBetween(mark, counts)).toMatchObject({
      kernels: 0,
      readbacks: 2,
      syncReadbacks: 1,
    });
    expect(counts.gpuPrograms).toBeNull();
    expect(engine.runKernel).toBe(runKernel);
    expect(Object.prototype.hasOwnProperty.call(engine, 'runKernel')).toBe(false);
    tf.tidy(() => tf.scalar(1).add(1));
    expect(counter.read().kernels).toBe(counts.kernels);
  });

  it('refuses a second counter while one runs', () => {
    const counter = startKernelCounter();
    try {
      expect(() => startKernelCounter()).toThrow(/already running/);
    } finally {
      counter.stop();
    }
  });
});
