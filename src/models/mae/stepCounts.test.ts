import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureStepCounts } from './stepCounts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('measureStepCounts', () => {
  it('counts the same kernels every step, and one readback per readEvery steps', async () => {
    const before = tf.memory().numTensors;
    const r = await measureStepCounts('tiny', { batchSize: 2, steps: 10, readEvery: 5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.perStep).toHaveLength(10);
    expect(r.perStep.map((c) => c.readbacks)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(r.readbacksPerStep).toBeLessThanOrEqual(1 / 5);
    expect(r.syncReadbacksPerStep).toBe(0);
    expect(r.gpuProgramsPerStep).toBeNull(); // cpu
    // Steps 2–10 launch the same kernels, but for the read's one stack on the read steps
    // (the first step is left out: at a learning rate of 0 AdamW skips its decay products).
    const plain = r.perStep.filter((c) => c.readbacks === 0).slice(1);
    expect(new Set(plain.map((c) => c.kernels)).size).toBe(1);
    const withRead = r.perStep[4]!;
    expect(withRead.kernels - plain[0]!.kernels).toBe(1);
    expect(withRead.byName.Pack! - plain[0]!.byName.Pack!).toBe(1);
    expect(r.kernelsPerStep).toBeGreaterThan(r.parameterTensors * 10);
  });

  it('reads back every step with readEvery 1, as the loop used to', async () => {
    const r = await measureStepCounts('tiny', { batchSize: 2, steps: 3, readEvery: 1 });
    expect(r.perStep.map((c) => c.readbacks)).toEqual([1, 1, 1]);
  });
});
