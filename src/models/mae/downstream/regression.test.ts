import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../config';
import { createMae } from '../model';
import { Params } from '../../nn/params';
import type { CoefficientTargets } from './coefficients';
import {
  pretrainedInputs,
  regressionSet,
  trainRegressionArm,
  type RegressionSet,
} from './regression';
import { initRegressionHead, regressionHead, regressionHeadWidth } from './regressionHead';
import { labelCounts, labelOrder, runRegressionExperiment } from './regressionExperiment';

const CONFIG = MAE_PRESETS.tiny.config;
const WINDOW = 4 * 16 * 16;
const TRAINING = { steps: 40, batchSize: 8, lr: 3e-3, minLr: 3e-4, weightDecay: 0.01 };

/** N windows c·sin(x + y) with target c: a coefficient readable from the amplitude. */
function amplitudeSet(count: number): RegressionSet {
  const windows = new Float32Array(count * WINDOW);
  const values = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    const c = (n % 8) / 7;
    values[n] = c;
    for (let i = 0; i < WINDOW; i++) {
      const x = (i >> 4) % 16;
      const y = i % 16;
      windows[n * WINDOW + i] = (0.2 + c) * Math.sin((2 * Math.PI * (x + y)) / 16);
    }
  }
  const targets: CoefficientTargets = {
    slots: ['c'],
    values,
    present: new Float32Array(count).fill(1),
    columns: [{ equation: 'toy', name: 'c', slot: 0, label: 'toy c', range: [0, 1] }],
    equations: Array.from({ length: count }, () => 'toy'),
  };
  return { windows, targets };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('regression head', () => {
  it('maps [B, width] to [B, outputs] with MAE-PDE’s layers', () => {
    const params = new Params(1);
    initRegressionHead(params, 32, 5);
    expect(regressionHeadWidth(256)).toBe(128);
    expect(regressionHeadWidth(32)).toBe(32);
    expect(params.shapes().get('head.linear0.weight')).toEqual([32, 32]);
    const out = tf.tidy(() => regressionHead(params, tf.ones([3, 32]) as tf.Tensor2D));
    expect(out.shape).toEqual([3, 5]);
    out.dispose();
    params.dispose();
  });
});

describe('regression set', () => {
  it('takes each trajectory’s first window on the model grid, with its targets', () => {
    // 3 trajectories of 6 frames at 32², 2 channels: resampled to 16², first channel kept.
    const data = new Float32Array(3 * 6 * 32 * 32 * 2).map((_, i) => Math.sin(i));
    const set = regressionSet(
      { config: CONFIG, channels: 1 },
      { data, shape: [3, 6, 32, 32, 2] },
      { equation: 'heat', coefficients: { nu: [2e-3, 1.1e-2, 2e-2] } },
    );
    expect(set.windows.length).toBe(3 * WINDOW);
    expect(Array.from(set.targets.values).map((v) => Number(v.toFixed(6)))).toEqual([0, 0.5, 1]);
  });
});

describe('training an arm', () => {
  it('lowers the loss, keeps the pretrained model, repeats with the seed, and leaks nothing', async () => {
    const set = amplitudeSet(24);
    const pretrained = createMae(CONFIG, { seed: 3 });
    const inputs = await pretrainedInputs(pretrained, set);
    const before = await pretrained.params.snapshot();
    const request = { train: [...Array(16).keys()], test: [16, 17, 18, 19], seed: 5 };
    const tensors = tf.memory().numTensors;
    const finetuned = await trainRegressionArm(
      inputs,
      set,
      { ...request, arm: 'finetuned' },
      TRAINING,
    );
    expect(tf.memory().numTensors).toBe(tensors);
    const early = finetuned.losses.slice(0, 5).reduce((a, b) => a + b) / 5;
    const late = finetuned.losses.slice(-5).reduce((a, b) => a + b) / 5;
    expect(late).toBeLessThan(early * 0.5);
    expect(finetuned.predictions.length).toBe(4);

    const again = await trainRegressionArm(inputs, set, { ...request, arm: 'finetuned' }, TRAINING);
    expect(Array.from(again.predictions)).toEqual(Array.from(finetuned.predictions));
    const scratch = await trainRegressionArm(inputs, set, { ...request, arm: 'scratch' }, TRAINING);
    expect(Array.from(scratch.predictions)).not.toEqual(Array.from(finetuned.predictions));
    const frozen = await trainRegressionArm(inputs, set, { ...request, arm: 'frozen' }, TRAINING);
    expect(frozen.losses.at(-1)!).toBeLessThan(frozen.losses[0]!);
    expect(tf.memory().numTensors).toBe(tensors);

    const after = await pretrained.params.snapshot();
    expect(after.map((p) => Array.from(p.data))).toEqual(before.map((p) => Array.from(p.data)));
    pretrained.dispose();
  });
});

describe('the protocol', () => {
  it('clips budgets to the pool and nests each seed’s label sets', () => {
    expect(labelCounts([32, 'all', 8, 100], 40)).toEqual({ counts: [8, 32, 40], clipped: [100] });
    expect(() => labelCounts([0], 10)).toThrow(/whole number/);
    const order = labelOrder([...Array(10).keys()], 2);
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(labelOrder([...Array(10).keys()], 2)).toEqual(order);
    expect(labelOrder([...Array(10).keys()], 3)).not.toEqual(order);
  });

  it('trains every arm on every budget and seed, and summarises mean ± std', async () => {
    const set = amplitudeSet(20);
    const pretrained = createMae(CONFIG, { seed: 3 });
    const tensors = tf.memory().numTensors;
    const result = await runRegressionExperiment(
      pretrained,
      set,
      [...Array(14).keys()],
      [14, 15, 16, 17, 18, 19],
      {
        arms: ['frozen', 'scratch'],
        budgets: [4, 'all'],
        seeds: [0, 1],
        training: { ...TRAINING, steps: 6 },
      },
    );
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result.labelCounts).toEqual([4, 14]);
    expect(result.runs).toHaveLength(8);
    expect(result.summary).toHaveLength(4);
    for (const row of result.summary) {
      expect(row.runs).toBe(2);
      expect(Number.isFinite(row.mean) && row.std >= 0).toBe(true);
    }
    expect(result.runs[0]!.columns[0]!.label).toBe('toy c');
    pretrained.dispose();
  });
});
