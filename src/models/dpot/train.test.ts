import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { relativeError } from '../nn/testing';
import { DPOT_PRESETS } from './config';
import { createDpot, dpotForward } from './model';
import { translatingTrajectories } from './testing';
import {
  createDpotTrainer,
  DPOT_BETAS,
  DPOT_GRAD_CLIP,
  DPOT_WEIGHT_DECAY,
  dpotSchedules,
  dpotTrainingBatch,
} from './train';
import { relativeL2PerSample } from './loss';
import { dpotStep, rolloutFrames } from './rollout';
import { asSources } from './windows';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = DPOT_PRESETS.tiny.config;

describe('DPOT training', () => {
  it('computes SimpleLpLoss: mean over channels of ‖ŷ − y‖/‖y‖ per sample', () => {
    const y = tf.tensor4d([3, 1, 4, 2, 0, 1, 0, 2], [2, 2, 1, 2]);
    const p = tf.tensor4d([3, 1, 4, 2, 0, 0, 0, 2], [2, 2, 1, 2]);
    const got = relativeL2PerSample(p, y).arraySync();
    // Sample 0 exact; sample 1: channel 0 (‖y‖ = 0) gives 0, channel 1 is off by 1 of ‖(1, 2)‖.
    expect(got[0]).toBe(0);
    expect(got[1]).toBeCloseTo((0 + 1 / Math.sqrt(5)) / 2, 6);
    const scaled = relativeL2PerSample(p.mul(2), y.mul(2)).arraySync();
    expect(scaled[1]).toBeCloseTo(got[1]!, 6);
    tf.dispose([y, p]);
  });

  it('uses the official optimiser: Adam (0.9, 0.9), coupled weight decay 1e-6, clip 1e4', () => {
    const model = createDpot(config, { seed: 1, channels: 1 });
    const trainer = createDpotTrainer({
      model,
      train: translatingTrajectories(2, 5, 16, 1, 1),
      seed: 1,
      batchSize: 1,
    });
    expect(trainer.optimizer.hyper).toMatchObject({
      ...DPOT_BETAS,
      weightDecay: DPOT_WEIGHT_DECAY,
      weightDecayMode: 'l2',
    });
    expect(DPOT_GRAD_CLIP).toBe(1e4);
    trainer.dispose();
    model.dispose();
  });

  it('schedules as the official OneCycleLR: 1e-7 → 1e-3 at 20 % → 1e-11, β₁ 0.95 ↔ 0.85', () => {
    const { schedule, momentumSchedule } = dpotSchedules(1000);
    expect(schedule(0)).toBeCloseTo(1e-7, 12);
    expect(schedule(199)).toBeCloseTo(1e-3, 9);
    expect(schedule(999)).toBeCloseTo(1e-11, 15);
    expect(momentumSchedule(0)).toBeCloseTo(0.95, 9);
    expect(momentumSchedule(199)).toBeCloseTo(0.85, 9);
    expect(momentumSchedule(999)).toBeCloseTo(0.95, 9);
  });

  it('adds fresh noise to the training inputs only, never to the targets', () => {
    const model = createDpot(config, { seed: 1, channels: 1 });
    const sources = asSources(translatingTrajectories(3, 6, 16, 1, 2));
    const options = { seed: 4, batchSize: 2 };
    const off = dpotTrainingBatch(model, sources, { ...options, noise: 0 }, 3);
    const on = dpotTrainingBatch(model, sources, { ...options, noise: 0.2 }, 3);
    const next = dpotTrainingBatch(model, sources, { ...options, noise: 0.2 }, 4);
    expect(relativeError(off.input.dataSync(), off.clean.dataSync())).toBe(0);
    expect(relativeError(on.clean.dataSync(), off.clean.dataSync())).toBe(0);
    expect(relativeError(on.target.dataSync(), off.target.dataSync())).toBe(0);
    const noise = relativeError(on.input.dataSync(), on.clean.dataSync());
    expect(noise).toBeGreaterThan(0.15);
    expect(noise).toBeLessThan(0.25);
    // A new step draws new windows and new noise.
    expect(relativeError(next.input.dataSync(), on.input.dataSync())).toBeGreaterThan(0.1);
    tf.dispose([off, on, next].flatMap((b) => [b.clean, b.input, b.target]));
    model.dispose();
  });

  it('pushes windows forward on the model’s own predictions before the step, with pushforward', () => {
    const pushed = { ...config, pushforward: 2 };
    const model = createDpot(pushed, { seed: 2, channels: 1 });
    const set = translatingTrajectories(1, 6, 16, 1, 3);
    const batch = dpotTrainingBatch(model, asSources(set), { seed: 1, batchSize: 1, noise: 0 }, 0);
    // One trajectory of 6 frames holds exactly one window of 3 + 2 + 1 frames.
    const frame = 16 * 16;
    const truth = (from: number, count: number) =>
      set.data.slice(from * frame, (from + count) * frame);
    const rolled = tf.tidy(() =>
      rolloutFrames(dpotStep(model), tf.tensor5d(truth(0, 3), [1, 3, 16, 16, 1]), 2).dataSync(),
    );
    const input = batch.input.dataSync();
    expect(Array.from(input.slice(0, frame))).toEqual(Array.from(truth(2, 1)));
    expect(relativeError(input.slice(frame), rolled)).toBeLessThan(1e-6);
    expect(Array.from(batch.target.dataSync())).toEqual(Array.from(truth(5, 1)));
    expect(() =>
      createDpotTrainer({
        model,
        train: translatingTrajectories(1, 5, 16, 1, 3),
        seed: 1,
        batchSize: 1,
      }),
    ).toThrow(/at least 6 frames/);
    tf.dispose([batch.clean, batch.input, batch.target]);
    model.dispose();
  });

  it('learns a translating pattern: the loss falls', () => {
    const model = createDpot(config, { seed: 3, channels: 1 });
    const train = translatingTrajectories(8, 8, 16, 1, 5);
    const trainer = createDpotTrainer({ model, train, seed: 6, batchSize: 4, noise: 0 });
    const losses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const { loss, gradNorm } = trainer.update(i, 3e-3);
      losses.push(loss.dataSync()[0]!);
      expect(Number.isFinite(gradNorm.dataSync()[0]!)).toBe(true);
      tf.dispose([loss, gradNorm]);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [first, last] = [mean(losses.slice(0, 5)), mean(losses.slice(-5))];
    // 1.00 → 0.52 on the cpu backend.
    expect(last).toBeLessThan(0.7 * first);
    // The reported loss is the per-sample relative L2 of the batch.
    const check = tf.tidy(() => {
      const { x, y } = {
        x: tf.tensor5d(train.data.slice(0, 3 * 256), [1, 3, 16, 16, 1]),
        y: tf.tensor4d(train.data.slice(3 * 256, 4 * 256), [1, 16, 16, 1]),
      };
      return relativeL2PerSample(dpotForward(model, x), y).dataSync()[0]!;
    });
    expect(check).toBeLessThan(first);
    trainer.dispose();
    model.dispose();
  }, 30_000);

  it('keeps the tensor count flat over 200 steps and frees everything when disposed', () => {
    const start = tf.memory().numTensors;
    // An 8² grid (2 × 2 patches): the bookkeeping of the 16² one at a quarter of the cpu time.
    const small = { ...config, size: 8 };
    const model = createDpot(small, { seed: 1, channels: 1 });
    const trainer = createDpotTrainer({
      model,
      train: [
        { set: translatingTrajectories(2, 5, 8, 1, 1), weight: 2 },
        { set: translatingTrajectories(3, 6, 8, 1, 2) },
      ],
      seed: 2,
      batchSize: 2,
      noise: 0.1,
    });
    const { schedule, momentumSchedule } = dpotSchedules(200);
    let tensors = 0;
    for (let i = 0; i < 200; i++) {
      if (i === 5) tensors = tf.memory().numTensors;
      const { loss, gradNorm } = trainer.update(i, schedule(i), momentumSchedule(i));
      tf.dispose([loss, gradNorm]);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    trainer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  }, 60_000);
});
