import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DPOT_PRESETS } from './config';
import { createDpot, dpotForward } from './model';
import {
  dpotStep,
  errorHorizon,
  evaluateDpotRollout,
  relativeL2PerStep,
  rolloutFrames,
  rolloutProblem,
  type DpotStep,
} from './rollout';
import { translatingTrajectories } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = DPOT_PRESETS.tiny.config;

/** The translating pattern's exact next frame: the last frame moved one point along x. */
const shift: DpotStep = (window) =>
  tf.tidy(() => {
    const [b, t, h, w, c] = window.shape;
    const last = window.slice([0, t - 1, 0, 0, 0], [b, 1, h, w, c]).reshape([b, h, w, c]);
    return tf.concat(
      [last.slice([0, h - 1, 0, 0], [b, 1, w, c]), last.slice([0, 0, 0, 0], [b, h - 1, w, c])],
      1,
    ) as tf.Tensor4D;
  });

describe('DPOT rollout', () => {
  it('slides the window, feeding each prediction back as the newest frame', () => {
    // Frames are constants 1, 2, 4; the step returns newest + oldest: 5, 7, 11, 16.
    const initial = tf.tensor5d([1, 1, 2, 2, 4, 4], [1, 3, 1, 2, 1]);
    const step: DpotStep = (window) =>
      tf.tidy(() =>
        window
          .slice([0, 2, 0, 0, 0], [1, 1, 1, 2, 1])
          .add(window.slice([0, 0, 0, 0, 0], [1, 1, 1, 2, 1]))
          .reshape([1, 1, 2, 1]),
      ) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const out = rolloutFrames(step, initial, 4);
    expect(out.shape).toEqual([1, 4, 1, 2, 1]);
    expect(Array.from(out.dataSync())).toEqual([5, 5, 7, 7, 11, 11, 16, 16]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    initial.dispose();
  });

  it('an exact shift operator rolls the translating pattern out with zero error', () => {
    const model = createDpot(config, { seed: 1, channels: 1 });
    const set = translatingTrajectories(3, config.inputFrames + 6, config.size, 1, 4);
    const before = tf.memory().numTensors;
    const result = evaluateDpotRollout(model, set, { steps: 6, batchSize: 2 }, shift);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.count).toBe(3);
    expect(result.perStep).toHaveLength(6);
    for (const e of result.perStep) expect(e).toBeLessThan(1e-5);
    expect(result.full).toBeLessThan(1e-5);
    expect(result.horizon).toBeNull();
    // Doing nothing (repeating the last frame) is wrong from the first step on.
    const still: DpotStep = (w) =>
      tf.tidy(() => {
        const [b, t, h, ww, c] = w.shape;
        return w.slice([0, t - 1, 0, 0, 0], [b, 1, h, ww, c]).reshape([b, h, ww, c]) as tf.Tensor4D;
      });
    const stale = evaluateDpotRollout(model, set, { steps: 6 }, still);
    expect(stale.perStep[0]).toBeGreaterThan(0.1);
    expect(stale.perStep[5]).toBeGreaterThan(stale.perStep[0]!);
    model.dispose();
  });

  it('scores the truth as 0 and a step scaled by 1 + s as s', () => {
    const truth = tf.tensor5d(translatingTrajectories(2, 3, 4, 2, 1).data, [2, 3, 4, 4, 2]);
    expect(relativeL2PerStep(truth, truth)).toEqual([0, 0, 0]);
    const scale = tf.tensor([1.1, 0.7, 1.5]).reshape([1, 3, 1, 1, 1]);
    const errors = relativeL2PerStep(truth.mul(scale) as tf.Tensor5D, truth);
    [0.1, 0.3, 0.5].forEach((s, k) => expect(errors[k]).toBeCloseTo(s, 5));
    tf.dispose([truth, scale]);
  });

  it('finds the horizon: the first step whose error exceeds the threshold', () => {
    expect(errorHorizon([0.1, 0.4, 0.6, 0.3])).toBe(3);
    expect(errorHorizon([0.1, 0.5, 0.2])).toBeNull();
    expect(errorHorizon([])).toBeNull();
    expect(errorHorizon([0.1, 0.2], 0.15)).toBe(2);
    expect(errorHorizon([0.1, Number.NaN])).toBe(2);
  });

  it('rolls a real model out without noise and without leaking tensors', () => {
    const model = createDpot({ ...config, noise: 0.2 }, { seed: 2, channels: 1 });
    const set = translatingTrajectories(3, config.inputFrames + 3, config.size, 1, 5);
    const before = tf.memory().numTensors;
    const a = evaluateDpotRollout(model, set, { steps: 3, batchSize: 2 });
    const b = evaluateDpotRollout(model, set, { steps: 3, count: 3, batchSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
    a.perStep.forEach((e, k) => expect(e).toBeCloseTo(b.perStep[k]!, 5));
    // Step 1 is the plain forward pass on the true first window.
    const first = tf.tidy(() => {
      const T = set.shape[1];
      const f = 16 * 16;
      const x = tf.tensor5d(set.data.slice(0, 3 * f), [1, 3, 16, 16, 1]);
      const y = tf.tensor5d(set.data.slice(3 * f, 4 * f), [1, 1, 16, 16, 1]);
      expect(T).toBe(6);
      return relativeL2PerStep(dpotForward(model, x).reshape([1, 1, 16, 16, 1]), y)[0]!;
    });
    const only = evaluateDpotRollout(model, set, { steps: 1, count: 1 });
    expect(only.perStep[0]).toBeCloseTo(first, 5);
    expect(only.full).toBeCloseTo(first, 5);
    model.dispose();
  });

  it('reads a set with fewer channels padded with ones and scores its own channels only', () => {
    const model = createDpot(config, { seed: 4, channels: 2 });
    const set = translatingTrajectories(2, config.inputFrames + 3, config.size, 1, 6);
    const got = evaluateDpotRollout(model, set, { steps: 3 });
    const [, T, X, Y] = set.shape;
    const expected = tf.tidy(() => {
      const all = tf.tensor5d(set.data, [2, T, X, Y, 1]);
      const initial = tf.concat(
        [all.slice([0, 0], [2, config.inputFrames]), tf.ones([2, config.inputFrames, X, Y, 1])],
        4,
      ) as tf.Tensor5D;
      const predicted = rolloutFrames(dpotStep(model), initial, 3).slice(
        [0, 0, 0, 0, 0],
        [2, 3, X, Y, 1],
      ) as tf.Tensor5D;
      return relativeL2PerStep(
        predicted,
        all.slice([0, config.inputFrames], [2, 3]) as tf.Tensor5D,
      );
    });
    got.perStep.forEach((e, k) => expect(e).toBeCloseTo(expected[k]!, 5));
    expect(rolloutProblem(set, { ...config, channels: 2 }, 3)).toBeUndefined();
    expect(
      rolloutProblem(
        translatingTrajectories(1, 6, config.size, 2, 1),
        { ...config, channels: 1 },
        1,
      ),
    ).toMatch(/× 1 frames/);
    model.dispose();
  });

  it('says why a set cannot be rolled out', () => {
    const set = translatingTrajectories(1, 5, 4, 1, 1);
    const spec = { inputFrames: 3, size: 4, channels: 1 };
    expect(rolloutProblem(set, spec, 2)).toBeUndefined();
    expect(rolloutProblem(set, spec, 3)).toMatch(/6 frames/);
    expect(rolloutProblem(set, { ...spec, size: 8 }, 1)).toMatch(/8 × 8/);
  });
});
