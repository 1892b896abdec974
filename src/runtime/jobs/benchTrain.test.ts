import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maeParameterCount, MAE_PRESETS } from '../../models/mae/config';
import { JobRunner } from '../jobRunner';
import { benchTrain } from './benchTrain';
import { smoothTrajectories } from './benchTrainData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('benchTrain', () => {
  it('times the asked steps of the tiny MAE after the warm-up, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const r = await new JobRunner().run(
      'bench',
      benchTrain,
      { modelId: 'mae', preset: 'tiny', batchSize: 4, steps: 2, warmupSteps: 1 },
      (event) => {
        if (event.type === 'progress') progress.push(event.progress.fraction);
      },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toMatchObject({ preset: 'tiny', batchSize: 4, steps: 2, backend: 'cpu' });
    expect(r.parameters).toBe(maeParameterCount(MAE_PRESETS.tiny.config));
    expect(r.stepMs).toHaveLength(2);
    for (const ms of [...r.stepMs, r.warmupMs, r.msPerStep]) {
      expect(Number.isFinite(ms)).toBe(true);
      expect(ms).toBeGreaterThan(0);
    }
    expect(r.msPerStep).toBeCloseTo((r.stepMs[0]! + r.stepMs[1]!) / 2);
    expect(r.samplesPerSecond).toBeCloseTo((1000 * 4) / r.msPerStep);
    expect(progress.at(-1)).toBe(1);
  });

  it('times any model of the registry: the tiny DINo, without a leak', async () => {
    const before = tf.memory().numTensors;
    const r = await new JobRunner().run(
      'bench',
      benchTrain,
      { modelId: 'dino', preset: 'tiny', batchSize: 2, steps: 1, warmupSteps: 1 },
      () => {},
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toMatchObject({ modelId: 'dino', preset: 'tiny', steps: 1 });
    expect(r.msPerStep).toBeGreaterThan(0);
    await expect(
      new JobRunner().run(
        'bench',
        benchTrain,
        { modelId: 'dino', preset: 'huge', batchSize: 2, steps: 1, warmupSteps: 0 },
        () => {},
      ),
    ).rejects.toThrow(/no preset "huge"/);
  });

  it('refuses a run without timed steps', async () => {
    await expect(
      new JobRunner().run(
        'bench',
        benchTrain,
        { modelId: 'mae', preset: 'tiny', batchSize: 2, steps: 0, warmupSteps: 1 },
        () => {},
      ),
    ).rejects.toThrow(RangeError);
  });
});

describe('smoothTrajectories', () => {
  it('is seeded, smooth in time and of order one', () => {
    const a = smoothTrajectories(2, 3, 8, 7);
    expect(a.shape).toEqual([2, 3, 8, 8, 1]);
    expect(smoothTrajectories(2, 3, 8, 7).data).toEqual(a.data);
    expect(smoothTrajectories(2, 3, 8, 8).data).not.toEqual(a.data);
    const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
    const frame = (t: number) => a.data.subarray(t * 64, (t + 1) * 64);
    const change = frame(1).map((v, i) => v - frame(0)[i]!);
    expect(rms(frame(0))).toBeGreaterThan(0.1);
    expect(rms(frame(0))).toBeLessThan(10);
    expect(rms(change)).toBeLessThan(rms(frame(0)));
  });
});
