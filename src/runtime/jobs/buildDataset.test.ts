import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../data/generate';
import type { MixRequest } from '../../data/generateMix';
import { openLabStorage } from '../../storage/labStorage';
import { JobRunner } from '../jobRunner';
import { buildDataset } from './buildDataset';
import { datasetRecipe } from './datasetRecipe';

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

const mixRequest: MixRequest = {
  components: [
    { ...request(1), weight: 2 },
    {
      pde: 'burgers',
      dt: 1e-3,
      recordInterval: 0.05,
      scheme: 'spectral',
      coefficients: { nu: 0.01, cx: [0.5, 1], cy: 0.75 },
      options: {},
      initialCondition: 'random-sines',
      weight: 1,
    },
  ],
  count: 6,
  n: 8,
  frames: 3,
  seed: 3,
  batchSize: 4,
};

async function build(batchSize: number, seed?: number) {
  return run({ kind: 'single', single: request(batchSize, seed) }, `heat ${batchSize}`);
}

async function run(jobRequest: Parameters<typeof buildDataset>[0]['request'], name: string) {
  const before = tf.memory().numTensors;
  const result = await new JobRunner().run(
    name,
    buildDataset,
    { name, request: jobRequest, split: { val: 0.2, test: 0.2 } },
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

  it('keeps its recipe: the same recipe gives the same numbers, another seed another recipe', async () => {
    const first = await build(2, 11);
    const again = await build(4, 11);
    const other = await build(2, 12);
    const recipe = datasetRecipe({
      name: 'any',
      request: { kind: 'single', single: request(2, 11) },
      split: { val: 0.2, test: 0.2 },
    });
    expect(first.record.summary.meta.recipe).toBe(recipe);
    expect(again.record.summary.meta.recipe).toBe(recipe);
    expect(again.record.payload.data).toEqual(first.record.payload.data);
    expect(other.record.summary.meta.recipe).not.toBe(recipe);
  });

  it('gives different data for a different seed', async () => {
    const a = await build(5, 1);
    const b = await build(5, 2);
    expect(b.record.payload.data).not.toEqual(a.record.payload.data);
  });

  it('stores a mix with per-trajectory equations, padded channels and NaN for absent coefficients', async () => {
    const { result, record } = await run({ kind: 'mix', mix: mixRequest }, 'mix');
    expect(result.shape).toEqual([6, 3, 8, 8, 2]);
    const meta = record.summary.meta;
    expect(meta.equation).toBe('mix');
    expect(meta.channels).toEqual(['u', 'v']);
    expect(meta.mix!.components.map((c) => c.equation)).toEqual(['heat', 'burgers']);
    const index = meta.mix!.index;
    expect(index.filter((k) => k === 0)).toHaveLength(4);
    expect(index.filter((k) => k === 1)).toHaveLength(2);
    const data = record.payload.data;
    const perTrajectory = 3 * 8 * 8 * 2;
    index.forEach((k, i) => {
      const slice = data.subarray(i * perTrajectory, (i + 1) * perTrajectory);
      const second = slice.filter((_, j) => j % 2 === 1);
      // Heat has one channel: its second is padding; Burgers starts with v = u, so it is not.
      if (k === 0) expect(second.every((v) => v === 0)).toBe(true);
      else expect(second.some((v) => v !== 0)).toBe(true);
      expect(Number.isNaN(meta.coefficients.cx![i])).toBe(k === 0);
      expect(Number.isNaN(meta.coefficients.nu![i])).toBe(false);
    });
  });
});
