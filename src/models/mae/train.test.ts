import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maskBatch } from '../../data/masks/strategies';
import { createRng } from '../../pde/random';
import { AdamW } from '../nn/adamw';
import { decodeCheckpoint, encodeCheckpoint } from '../nn/checkpoint';
import { constantSchedule } from '../nn/schedules';
import { trainLoop, type StepMetrics } from '../nn/trainLoop';
import { maeFromCheckpoint } from './checkpoint';
import { MAE_PRESETS, type MaeConfig } from './config';
import { createMae, maeLoss, maeReconstruct } from './model';
import { createMaeTraining, maeBatch, type MaeTraining } from './train';
import type { TrajectoryArray } from './windows';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));

const tiny = MAE_PRESETS.tiny.config;
const BATCH = 2;
const LR = 1e-2;
/** Measured: 14.5× by step 100 (5.3× by step 60). */
const STEPS = 100;

/**
 * Smooth periodic trajectories [count, frames, n, n, 1]: a few travelling plane waves of mode ≤ 2
 * with random amplitudes, phases and velocities.
 */
function wavesDataset(count: number, frames: number, n: number, seed: number): TrajectoryArray {
  const rng = createRng(seed);
  const data = new Float32Array(count * frames * n * n);
  let i = 0;
  for (let k = 0; k < count; k++) {
    const waves = Array.from({ length: 3 }, () => ({
      a: rng.uniformIn(-1, 1),
      mx: rng.integer(0, 2),
      my: rng.integer(1, 2),
      phase: rng.uniformIn(0, 2 * Math.PI),
      speed: rng.uniformIn(-0.3, 0.3),
    }));
    for (let t = 0; t < frames; t++) {
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          data[i++] = waves.reduce(
            (sum, w) =>
              sum +
              w.a * Math.sin((2 * Math.PI * (w.mx * x + w.my * y)) / n + w.phase + w.speed * t),
            0,
          );
        }
      }
    }
  }
  return { data, shape: [count, frames, n, n, 1] };
}

function training(overrides: Partial<Parameters<typeof createMaeTraining>[0]> = {}): MaeTraining {
  const t = createMaeTraining({
    config: tiny,
    train: wavesDataset(6, 8, 16, 1),
    steps: 20,
    batchSize: 4,
    validationWindows: 4,
    seed: 3,
    ...overrides,
  });
  disposables.push(t);
  return t;
}

describe('MAE training', () => {
  it('overfits a tiny fixed batch: the masked loss falls ≥ 10×', async () => {
    // Without the decoder's final LayerNorm: with it the first loss starts lower and this batch
    // needs more than twice the steps (measured: 1.27 → 0.46 at step 100, 0.26 at step 200).
    const model = createMae({ ...tiny, decoderNorm: false }, { seed: 1 });
    const optimizer = new AdamW(model.params, { beta2: 0.98 });
    disposables.push(model, optimizer);
    const data = wavesDataset(BATCH, 4, 16, 2);
    const windows = tf.tensor5d(data.data, [BATCH, 4, 16, 16, 1]);
    disposables.push(windows);
    const masks = maskBatch(
      model.geometry,
      { strategy: 'random', ratio: tiny.maskRatio },
      5,
      BATCH,
    );
    const losses: number[] = [];
    await trainLoop({
      params: model.params,
      optimizer,
      schedule: constantSchedule(LR),
      steps: STEPS,
      batchSize: BATCH,
      trainStep: () => maeLoss(model, windows, masks),
      onMetrics: (m) => losses.push(m.loss),
    });
    const first = losses[0]!;
    const last = Math.min(...losses.slice(-10));
    expect(last).toBeLessThan(first / 10);
  });

  it('keeps the tensor count flat over 50 steps with validation, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const t = training({ steps: 50, validateEvery: 20 });
    const counts: number[] = [];
    const metrics: StepMetrics[] = [];
    await t.run({
      // Metrics arrive in batches; at these steps every earlier read is in, so nothing waits.
      syncAt: (step) => step % 5 === 0,
      onMetrics: (m) => {
        if (m.step % 5 === 0) counts.push(tf.memory().numTensors);
        metrics.push(m);
      },
    });
    expect(counts).toHaveLength(10);
    expect(new Set(counts).size).toBe(1);
    expect(metrics.filter((m) => m.validation).map((m) => m.step)).toEqual([20, 40, 50]);
    expect(t.history.loss).toHaveLength(50);
    expect(t.history.validation.map((v) => v.step)).toEqual([20, 40, 50]);
    t.dispose();
    disposables.pop();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draws seeded batches, shifting about half of them', () => {
    const t = training();
    const batches = Array.from({ length: 40 }, (_, i) =>
      maeBatch(t.model, t.source, { batchSize: 4, seed: 3 }, i),
    );
    const again = maeBatch(t.model, t.source, { batchSize: 4, seed: 3 }, 7);
    expect(again.windows).toEqual(batches[7]!.windows);
    expect(again.masks.map((m) => [...m.keep])).toEqual(batches[7]!.masks.map((m) => [...m.keep]));
    const shifted = batches.filter((b) => b.augmented).length;
    expect(shifted).toBeGreaterThan(10);
    expect(shifted).toBeLessThan(30);
    const off = maeBatch(t.model, t.source, { batchSize: 4, seed: 3, augmentProbability: 0 }, 7);
    expect(off.augmented).toBe(false);
    // Every sample of a batch has its own mask.
    expect(batches[0]!.masks[0]!.keep).not.toEqual(batches[0]!.masks[1]!.keep);
  });

  it('uses MAE-PDE’s optimizer and OneCycle schedule by default', () => {
    const t = training({ steps: 100 });
    expect(t.optimizer.hyper).toMatchObject({ beta1: 0.9, beta2: 0.98, weightDecay: 0.01 });
    expect(t.schedule(0)).toBeCloseTo(1e-4, 12);
    expect(t.schedule(19)).toBeCloseTo(1e-3, 12);
    expect(t.schedule(99)).toBeCloseTo(1e-7, 12);
    expect(t.momentumSchedule!(0)).toBeCloseTo(0.95, 12);
    expect(t.momentumSchedule!(19)).toBeCloseTo(0.85, 12);
    const cosine = training({ steps: 100, schedule: 'warmup-cosine', warmupSteps: 10 });
    expect(cosine.schedule(10)).toBeCloseTo(1e-3, 12);
    expect(cosine.momentumSchedule).toBeUndefined();
    // PyTorch's OneCycleLR would divide by zero with a rise of one step or less.
    expect(() => training({ steps: 5 })).toThrow(/more than 5 steps or use warm-up/);
  });

  it('reports its error next to the baselines on fixed validation windows', async () => {
    const t = training();
    const first = await t.validate(0);
    const second = await t.validation.evaluate(t.model);
    expect(second).toEqual(first);
    expect(first.relL2Linear).toBe(t.validation.baselines.linear);
    expect(first.relL2Nearest).toBe(t.validation.baselines.nearest);
    for (const value of Object.values(first)) expect(Number.isFinite(value)).toBe(true);
  });

  it('saves a checkpoint that a fresh model loads to reproduce the outputs exactly', async () => {
    const t = training({ steps: 6 });
    await t.run();
    const bytes = encodeCheckpoint(await t.capture(6));
    const checkpoint = decodeCheckpoint(bytes, { modelId: 'mae' });
    expect(checkpoint.step).toBe(6);
    expect(checkpoint.optimizer?.step).toBe(6);
    expect((checkpoint.history as { loss: number[] }).loss).toHaveLength(6);
    const restored = maeFromCheckpoint(checkpoint);
    disposables.push(restored);
    expect(restored.config).toEqual(t.model.config);
    const [T, X, Y, C] = t.model.geometry.window;
    const windows = tf.tensor5d(t.validation.windows.subarray(0, 2 * T * X * Y * C), [
      2,
      T,
      X,
      Y,
      C,
    ]);
    const masks = t.validation.masks.slice(0, 2);
    const a = await maeReconstruct(t.model, windows, masks, { attention: true });
    const b = await maeReconstruct(restored, windows, masks, { attention: true });
    windows.dispose();
    expect(b.reconstruction).toEqual(a.reconstruction);
    expect(b.attention).toEqual(a.attention);
    // A fresh model with another seed differs, so the equality above is the checkpoint's doing.
    const fresh = createMae(tiny, { seed: 99 });
    disposables.push(fresh);
    expect(fresh.params.get('decoder.out.weight').dataSync()).not.toEqual(
      restored.params.get('decoder.out.weight').dataSync(),
    );
  });

  it('resumes from a checkpoint exactly where an uninterrupted run would be', async () => {
    const straight = training({ steps: 8 });
    await straight.run();
    const first = training({ steps: 8 });
    let saved: Uint8Array | undefined;
    const stop = new Error('stop');
    await expect(
      first.run({
        yieldStep: async () => {
          if (first.optimizer.step === 4) throw stop;
        },
        onCheckpoint: async (step) => {
          saved = encodeCheckpoint(await first.capture(step));
        },
      }),
    ).rejects.toBe(stop);
    const resumed = training({ steps: 8, resume: decodeCheckpoint(saved!) });
    expect(resumed.startStep).toBe(4);
    await resumed.run();
    expect(resumed.history.loss).toEqual(straight.history.loss);
    expect(resumed.model.params.get('encoder.cls').dataSync()).toEqual(
      straight.model.params.get('encoder.cls').dataSync(),
    );
    const other: MaeConfig = { ...tiny, maskRatio: 0.5 };
    expect(() => training({ config: other, resume: decodeCheckpoint(saved!) })).toThrow(
      /other model settings/,
    );
  });
});
