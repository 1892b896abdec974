import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSolverProbe, createTrainingProbe } from './calibrationProbes';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('calibration probes', () => {
  it.each([
    ['training', createTrainingProbe],
    ['solver', createSolverProbe],
  ])('the %s probe runs twice and leaves no tensor behind', async (_, create) => {
    const before = tf.memory().numTensors;
    const probe = create();
    await probe.run();
    await probe.run();
    probe.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the training probe really trains: its loss falls', async () => {
    // Runs the same step the probe runs and reads the loss through the optimiser's cost.
    const probe = createTrainingProbe();
    const losses: number[] = [];
    const originalData = tf.Tensor.prototype.data;
    tf.Tensor.prototype.data = async function (this: tf.Tensor) {
      const values = await originalData.call(this);
      if (this.rank === 0) losses.push(values[0] as number);
      return values;
    } as typeof originalData;
    try {
      for (let i = 0; i < 20; i++) await probe.run();
    } finally {
      tf.Tensor.prototype.data = originalData;
      probe.dispose();
    }
    expect(losses).toHaveLength(20);
    expect(losses[19]!).toBeLessThan(losses[0]!);
  });
});
