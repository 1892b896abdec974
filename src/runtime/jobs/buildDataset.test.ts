import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../data/generate';
import { openLabStorage } from '../../storage/labStorage';
import { JobRunner } from '../jobRunner';
import { buildDataset } from './buildDataset';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const request = (batchSize: number, seed = 7): GenerateRequest => ({
  pde: 'heat',
  count: 5,
  n: 8,
  frames: 3,
  dt: 1e-3,
  recordInterval: 0.05,
  scheme: 'spectral',
  coefficients: { nu: [2e-3, 2e-2] },
  options: {},
  initialCondition: 'random-sines',
  seed,
  batchSize,
});

async function build(batchSize: number, seed?: number) {
  const before = tf.memory().numTensors;
  const result = await new JobRunner().run(
    `b${batchSize}`,
    buildDataset,
    {
      name: `heat ${batchSize}`,
      request: request(batchSize, seed),
      split: { val: 0.2, test: 0.2 },
    },
    () => {},
  );
  expect(tf.memory().numTensors).toBe(before);
  const storage = await openLabStorage();
  const record = await storage.datasets.get(result.id);
  storage.close();
  return { result, record: record! };
}

describe('buildDataset job', () => {
  it('stores [N, T, X, Y, C] with its metadata, identical whatever the batch size', async () => {
    const one = await build(1);
    const three = await build(3);
    expect(one.result.shape).toEqual([5, 3, 8, 8, 1]);
    expect(one.record.summary.meta.split).toEqual({ train: 3, val: 1, test: 1 });
    expect(one.record.summary.meta.times).toEqual([0, 0.05, 0.1]);
    const nu = one.record.summary.meta.coefficients.nu!;
    expect(nu).toHaveLength(5);
    expect(nu.every((v) => v >= 2e-3 && v <= 2e-2)).toBe(true);
    expect(new Set(nu).size).toBe(5);
    expect(three.record.payload.data).toEqual(one.record.payload.data);
    expect(three.record.summary.meta.coefficients).toEqual(one.record.summary.meta.coefficients);
  });

  it('gives different data for a different seed', async () => {
    const a = await build(5, 1);
    const b = await build(5, 2);
    expect(b.record.payload.data).not.toEqual(a.record.payload.data);
  });
});
