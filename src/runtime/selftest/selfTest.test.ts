import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaults } from '../../schema/params';
import { JobCancelledError, JobRunner } from '../jobRunner';
import type { JobEvent } from '../protocol';
import { selfTestSchema, type SelfTestParams } from './config';
import { runSelfTest, sampledMatmulError } from './selfTest';

const tiny: SelfTestParams = {
  ...defaults(selfTestSchema),
  size: 48,
  batch: 2,
  repeats: 2,
  fitSteps: 150,
  fitGrid: 16,
  learningRate: 0.01,
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GPU self-test job (cpu backend)', () => {
  it('measures matmuls, checks them, and its fit lowers the loss without leaking tensors', async () => {
    const events: JobEvent[] = [];
    const result = await new JobRunner().run('t', runSelfTest, tiny, (e) => events.push(e));

    expect(result.backend).toBe('cpu');
    expect(result.matmul.msPerRepeat).toHaveLength(2);
    expect(result.matmul.gflopsMedian).toBeGreaterThan(0);
    expect(result.matmul.maxRelativeError).toBeLessThan(1e-5);
    expect(result.fit.losses).toHaveLength(150);
    expect(result.fit.finalLoss).toBeLessThan(result.fit.initialLoss / 10);
    expect(result.fit.prediction).toHaveLength(16 * 16);
    expect(result.fit.parameterCount).toBe(64 * 64 + 64 + 64 + 1);
    expect(result.tensorsAfter).toBe(result.tensorsBefore);

    const fractions = events.flatMap((e) => (e.type === 'progress' ? [e.progress.fraction] : []));
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((x, y) => x - y)).toEqual(fractions);
    expect(events.filter((e) => e.type === 'metric')).toHaveLength(150);
  });

  it('stops within one step and frees every tensor it made', async () => {
    const runner = new JobRunner();
    const before = tf.memory().numTensors;
    let metrics = 0;
    const job = runner.run('s', runSelfTest, { ...tiny, fitSteps: 5000 }, (e) => {
      if (e.type === 'metric' && ++metrics === 10) runner.cancel('s');
    });
    await expect(job).rejects.toBeInstanceOf(JobCancelledError);
    expect(metrics).toBeLessThanOrEqual(11);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a diverging fit as a clear error', async () => {
    const runner = new JobRunner();
    const before = tf.memory().numTensors;
    const job = runner.run('d', runSelfTest, { ...tiny, learningRate: 1e30 }, () => {});
    await expect(job).rejects.toThrow(/diverged at step \d+.*smaller learning rate/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('sampledMatmulError', () => {
  it('is zero for an exact product and catches a wrong entry', () => {
    const n = 4;
    const a = Float32Array.from({ length: n * n }, (_, i) => (i % 5) - 2);
    const b = Float32Array.from({ length: n * n }, (_, i) => (i % 3) - 1);
    const c = new Float32Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++) c[i * n + j]! += a[i * n + k]! * b[k * n + j]!;
    expect(sampledMatmulError(a, b, c, n, n)).toBe(0);
    const broken = c.map((v) => v + 1);
    expect(sampledMatmulError(a, b, broken, n, n)).toBeGreaterThan(0.05);
  });
});
