import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apportion, generateMix, interleave, type MixRequest } from './generateMix';
import { mixProblem } from './mixCompatibility';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const heat = {
  pde: 'heat' as const,
  dt: 1e-3,
  recordInterval: 0.05,
  scheme: 'spectral',
  coefficients: { nu: [2e-3, 2e-2] as const },
  options: {},
  initialCondition: 'random-sines',
};
const advection = {
  ...heat,
  pde: 'advection' as const,
  coefficients: { ax: [0.1, 2.5] as const, ay: [0.1, 2.5] as const },
};

const request = (seed: number, batchSize: number): MixRequest => ({
  components: [
    { ...heat, weight: 1 },
    { ...advection, weight: 1 },
    { ...heat, pde: 'wave', scheme: 'spectral', coefficients: {}, weight: 0 },
  ],
  count: 5,
  n: 8,
  frames: 2,
  seed,
  batchSize,
});

describe('apportion', () => {
  it('splits by weight with largest remainders and always sums to the total', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [3, 1])).toEqual([5, 2]);
    expect(apportion(2, [1, 1, 1])).toEqual([1, 1, 0]);
    for (const total of [1, 5, 17, 100]) {
      expect(apportion(total, [0.2, 5, 1.3]).reduce((a, b) => a + b)).toBe(total);
    }
  });
});

describe('interleave', () => {
  it('keeps the counts, is seeded, and mixes the order', () => {
    const a = interleave([5, 5], 1);
    expect(a.filter((k) => k === 0)).toHaveLength(5);
    expect(interleave([5, 5], 1)).toEqual(a);
    expect(interleave([5, 5], 2)).not.toEqual(a);
    expect(a).not.toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });
});

describe('mixProblem', () => {
  it('refuses different domains and different record times, in words', () => {
    expect(mixProblem([{ pde: 'heat', recordInterval: 0.02 }])).toBeUndefined();
    expect(
      mixProblem([
        { pde: 'heat', recordInterval: 0.02 },
        { pde: 'ns', recordInterval: 0.02 },
      ]),
    ).toMatch(/one domain.*\[0, 1\]²/);
    expect(
      mixProblem([
        { pde: 'heat', recordInterval: 0.02 },
        { pde: 'wave', recordInterval: 0.25 },
      ]),
    ).toMatch(/same times.*0\.25/);
    expect(mixProblem([])).toMatch(/at least one/);
  });
});

describe('generateMix', () => {
  it('is reproducible from the seed whatever the batch size, and leaves out zero weights', async () => {
    const before = tf.memory().numTensors;
    const a = await generateMix(request(4, 1));
    const b = await generateMix(request(4, 5));
    const c = await generateMix(request(5, 5));
    expect(tf.memory().numTensors).toBe(before);
    expect(a.shape).toEqual([5, 2, 8, 8, 1]);
    expect(b.data).toEqual(a.data);
    expect(b.mix).toEqual(a.mix);
    expect(c.data).not.toEqual(a.data);
    expect(a.mix.components.map((m) => m.equation)).toEqual(['heat', 'advection']);
    expect(Object.keys(a.coefficients).sort()).toEqual(['ax', 'ay', 'nu']);
    a.mix.index.forEach((k, i) => {
      expect(Number.isNaN(a.coefficients.nu![i])).toBe(k === 1);
      expect(Number.isNaN(a.coefficients.ax![i])).toBe(k === 0);
    });
  });

  it('refuses incompatible equations before simulating', async () => {
    const bad = request(0, 5);
    bad.components[1] = { ...advection, recordInterval: 0.1, weight: 1 };
    await expect(generateMix(bad)).rejects.toThrow(/same times/);
  });
});
