import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from '../nn/adamw';
import { maxAbs, relativeError, seededTensor } from '../nn/testing';
import { DPOT_PRESETS, type DpotConfig } from './config';
import { aggregateTime, createDpot, dpotForward, type DpotModel } from './model';
import { finiteDifferences, probeEntries, translatingWindows } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('DPOT model', () => {
  it('maps [B, T_in, H, W, C] to the next frame [B, H, W, C] for every preset (small grids)', () => {
    const start = tf.memory().numTensors;
    for (const [id, { config: preset }] of Object.entries(DPOT_PRESETS)) {
      // A 4 × 4 patch grid: the preset's architecture, on a grid small enough for the cpu.
      const config = { ...preset, size: 4 * preset.patchSize };
      const model = createDpot(config, { seed: 1, channels: 2 });
      const before = tf.memory().numTensors;
      const shape = tf.tidy(() => {
        const x = seededTensor([2, config.inputFrames, config.size, config.size, 2], 3);
        const y = dpotForward(model, x as tf.Tensor5D);
        expect(Number.isFinite(maxAbs(y.dataSync())), id).toBe(true);
        return y.shape;
      });
      expect(shape, id).toEqual([2, config.size, config.size, 2]);
      expect(tf.memory().numTensors, id).toBe(before);
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(start);
  });

  it('aggregates time as DPOT’s einsum tij,…ti→…j over x_t ⊙ cos(τ_t·γ)', () => {
    const config = { ...DPOT_PRESETS.tiny.config, width: 8, inputFrames: 3 };
    const model = createDpot(config, { seed: 2, channels: 1 });
    const [b, t, h, w, d] = [2, 3, 2, 2, 8];
    const tokens = seededTensor([b, t, h, w, d], 6) as tf.Tensor5D;
    const got = tf.tidy(() => aggregateTime(model, tokens).dataSync());
    const x = tokens.dataSync();
    const weight = model.params.get('time.weight').dataSync();
    const gamma = model.params.get('time.gamma').dataSync();
    const expected = new Float64Array(b * h * w * d);
    for (let n = 0; n < b; n++)
      for (let p = 0; p < h * w; p++)
        for (let j = 0; j < d; j++) {
          let sum = 0;
          for (let s = 0; s < t; s++) {
            const tau = s / (t - 1);
            for (let i = 0; i < d; i++) {
              const token = x[((n * t + s) * h * w + p) * d + i]!;
              sum += weight[(s * d + i) * d + j]! * token * Math.cos(tau * gamma[i]!);
            }
          }
          expected[(n * h * w + p) * d + j] = sum;
        }
    expect(relativeError(got, expected)).toBeLessThan(1e-5);
    tokens.dispose();
    model.dispose();
  });

  it('refuses windows of the wrong shape', () => {
    const model = createDpot(DPOT_PRESETS.tiny.config, { channels: 1 });
    const x = tf.zeros([1, 2, 16, 16, 1]) as tf.Tensor5D;
    expect(() => dpotForward(model, x)).toThrow(/reads windows \[B, 3, 16, 16, 1\]/);
    x.dispose();
    model.dispose();
  });

  it('gives the same output for the same seed, another for another seed', () => {
    const run = (seed: number) => {
      const model = createDpot(DPOT_PRESETS.tiny.config, { seed, channels: 1 });
      const y = tf.tidy(() =>
        dpotForward(model, seededTensor([1, 3, 16, 16, 1], 2) as tf.Tensor5D),
      );
      const data = y.dataSync().slice();
      y.dispose();
      model.dispose();
      return data;
    };
    expect(relativeError(run(4), run(4))).toBe(0);
    expect(relativeError(run(5), run(4))).toBeGreaterThan(0.01);
  });
});

/**
 * The whole model's gradients, entry by entry on a sample of each tensor (its largest-gradient
 * entry and seeded others), against float32 central differences. Through the norms, the mixer
 * and the head, float32 rounding of the loss limits them: the error falls as 1/h down to
 * h ≈ 1e-2, then curvature takes over. At h = 1.5e-2 the worst tensor measures ~8e-3; the
 * tolerance is 2e-2, while a gradient 10 % off fails it. The config drops modes (3 of a 4 × 4
 * patch grid) so that the spectrum's slicing and zero-padding are covered.
 */
const H = 1.5e-2;
const TOLERANCE = 2e-2;

describe('DPOT gradients', () => {
  const config: DpotConfig = {
    ...DPOT_PRESETS.tiny.config,
    size: 8,
    patchSize: 2,
    inputFrames: 2,
    // Two channels per GroupNorm group: with one, a per-channel shift is removed exactly by the
    // next norm, and norm1's bias gets no gradient at all.
    width: 16,
    blocks: 2,
    modes: 3,
    outLayerDim: 4,
  };

  for (const timeAggregation of ['exp_mlp', 'mlp'] as const) {
    it(`agree with central differences (time aggregation ${timeAggregation})`, () => {
      const model = createDpot({ ...config, timeAggregation }, { seed: 11, channels: 2 });
      // At init the mixer is nearly its skip and norm2 undoes norm1's scale: its gradient is
      // ~1e-5, below what float32 differences resolve. O(1) mixer weights make every path count.
      model.params.trainable().forEach(([name, variable], k) => {
        if (!name.includes('.afno.')) return;
        tf.tidy(() => variable.assign(seededTensor(variable.shape, 200 + k, 0.5)));
      });
      const x = seededTensor([2, 2, 8, 8, 2], 12) as tf.Tensor5D;
      const target = seededTensor([2, 8, 8, 2], 13);
      const loss = () =>
        tf.tidy(() => dpotForward(model, x).sub(target).square().mean() as tf.Scalar);
      const before = tf.memory().numTensors;
      const { value, grads } = tf.variableGrads(loss);
      const errors: Record<string, number> = {};
      model.params.trainable().forEach(([name, variable], k) => {
        const grad = grads[variable.name]!.dataSync() as Float32Array;
        expect(maxAbs(grad), name).toBeGreaterThan(1e-5);
        const entries = probeEntries(grad, 8, 100 + k);
        const numeric = finiteDifferences(variable, loss, entries, H);
        errors[name] = relativeError(
          entries.map((i) => grad[i]!),
          numeric,
        );
      });
      for (const [name, error] of Object.entries(errors))
        expect(error, name).toBeLessThan(TOLERANCE);
      tf.dispose([value, ...Object.values(grads), x, target]);
      expect(tf.memory().numTensors).toBe(before - 2);
      model.dispose();
    });
  }
});

function trainStep(model: DpotModel, optimizer: AdamW, x: tf.Tensor5D, y: tf.Tensor4D, lr: number) {
  const trainable = model.params.trainable();
  const { value, grads } = tf.variableGrads(
    () => tf.tidy(() => dpotForward(model, x).sub(y).square().mean() as tf.Scalar),
    trainable.map(([, v]) => v),
  );
  const byName = Object.fromEntries(trainable.map(([name, v]) => [name, grads[v.name]!]));
  optimizer.apply(byName, lr);
  tf.dispose(Object.values(grads));
  return value;
}

describe('DPOT training', () => {
  it('learns a translating pattern: MSE falls ≥ 5× in 100 Adam steps, beats persistence, tensors flat', () => {
    const start = tf.memory().numTensors;
    const config = DPOT_PRESETS.tiny.config;
    const model = createDpot(config, { seed: 3, channels: 1 });
    const { x, y } = translatingWindows(4, config.inputFrames, config.size, 1, 4);
    // DPOT's Adam: betas (0.9, 0.9), coupled L2 decay 1e-6.
    const optimizer = new AdamW(model.params, {
      beta2: 0.9,
      weightDecay: 1e-6,
      weightDecayMode: 'l2',
    });
    const losses: number[] = [];
    let tensors = 0;
    for (let step = 0; step < 100; step++) {
      if (step === 2) tensors = tf.memory().numTensors;
      const loss = trainStep(model, optimizer, x, y, 3e-3);
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
    }
    expect(tf.memory().numTensors).toBe(tensors);
    const first = losses[0]!;
    const last = Math.min(...losses.slice(-5));
    expect(last).toBeLessThan(first / 5);
    // Copying the last input frame scores ≈ 0.34 here: the model has learnt the motion.
    const persistence = tf.tidy(() => {
      const lastFrame = x.slice([0, config.inputFrames - 1], [-1, 1]).reshape(y.shape);
      return lastFrame.sub(y).square().mean().dataSync()[0]!;
    });
    expect(last).toBeLessThan(persistence / 2);
    optimizer.dispose();
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
