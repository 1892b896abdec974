import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../jobRunner';
import { benchGenerate } from './benchGenerate';
import type { BenchGenerateParams } from './benchGenerateConfig';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const run = (params: BenchGenerateParams) =>
  new JobRunner().run('bench', benchGenerate, params, () => {});

describe('benchGenerate', () => {
  it('counts one step for an exact propagator, whatever steps are asked for', async () => {
    const before = tf.memory().numTensors;
    const r = await run({ pde: 'heat', count: 3, n: 8, steps: 5 });
    expect(r).toMatchObject({ pde: 'heat', scheme: 'spectral', exact: true, steps: 1 });
    expect(r.cellUpdates).toBe(3 * 8 * 8);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.cellUpdatesPerSecond).toBeCloseTo(r.cellUpdates / r.seconds);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('times the asked number of steps of a stepped scheme, or its default record interval', async () => {
    const short = await run({ pde: 'burgers', count: 2, n: 8, steps: 3 });
    expect(short).toMatchObject({ exact: false, steps: 3, cellUpdates: 2 * 8 * 8 * 3 });
    const full = await run({ pde: 'burgers', count: 1, n: 8 });
    // Burgers' default record interval (0.02) holds 20 default steps (1e-3).
    expect(full).toMatchObject({ exact: false, steps: 20, cellUpdates: 8 * 8 * 20 });
  });
});
