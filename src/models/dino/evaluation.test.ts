import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededTensor } from '../nn/testing';
import type { DinoConfig } from './config';
import { gridCoordinates } from './coordinates';
import { dinoMetrics, evaluateDino } from './evaluation';
import { forecast, frameTimes } from './forecast';
import { createDino, type DinoModel } from './model';
import { observationMask, type DinoTrajectories } from './observation';
import { tinyConfig } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: DinoConfig = {
  ...tinyConfig,
  trainFrames: 3,
  dt: 0.5,
  subsamplingRate: 0.5,
  fitSteps: 150,
};
const [N, T, n, C] = [3, 5, 8, 2];

/** Trajectories the model itself forecasts from known first codes: a perfect model's data. */
function selfForecast(model: DinoModel, initial: tf.Tensor2D): DinoTrajectories {
  const values = tf.tidy(() =>
    forecast(model, initial, frameTimes(T, config.dt), gridCoordinates(n)).dataSync(),
  );
  return { data: Float32Array.from(values), shape: [N, T, n, n, C] };
}

describe('evaluateDino', () => {
  const model = createDino(config, { seed: 8, channels: C });
  const initial = seededTensor([N, model.codeSize], 81, 0.5) as tf.Tensor2D;
  const data = selfForecast(model, initial);
  const mask = observationMask(n, n, config.subsamplingRate, config.maskSeed);
  afterAll(() => {
    initial.dispose();
    model.dispose();
  });

  it('finds no error when the data is the model’s own forecast from the codes given', async () => {
    const before = tf.memory().numTensors;
    const result = await evaluateDino(model, data, { initialCodes: initial, batchSize: 2 });
    expect(tf.memory().numTensors).toBe(before);
    for (const summary of Object.values(result)) {
      expect(summary.mse).toBeLessThan(1e-10);
      expect(summary.relativeL2).toBeLessThan(1e-4);
    }
  });

  it('puts each error in its group: later frames × unobserved points', async () => {
    const shifted = { ...data, data: data.data.slice() };
    const delta = 0.5;
    for (let i = 0; i < N; i++) {
      for (let t = config.trainFrames; t < T; t++) {
        for (let p = 0; p < n * n; p++) {
          if (mask[p]) continue;
          for (let c = 0; c < C; c++) shifted.data[((i * T + t) * n * n + p) * C + c]! += delta;
        }
      }
    }
    const result = await evaluateDino(model, shifted, { initialCodes: initial });
    expect(result.outTimeOutSpace.mse).toBeCloseTo(delta ** 2, 6);
    expect(result.outTimeOutSpace.relativeL2).toBeGreaterThan(0.1);
    for (const group of ['inTimeInSpace', 'inTimeOutSpace', 'outTimeInSpace'] as const) {
      expect(result[group].mse, group).toBeLessThan(1e-10);
    }
    const unobserved = mask.length - mask.reduce((a, b) => a + b, 0);
    const share = ((T - config.trainFrames) * unobserved) / (T * mask.length);
    expect(result.all.mse).toBeCloseTo(delta ** 2 * share, 6);
    expect(dinoMetrics(result).relL2OutTOutS).toBe(result.outTimeOutSpace.relativeL2);
  });

  it('fits the first codes to the observed points of frame 0 when none are given', async () => {
    const result = await evaluateDino(model, data);
    expect(result.inTimeInSpace.relativeL2).toBeLessThan(0.05);
    expect(result.all.relativeL2).toBeLessThan(0.1);
    // A different observation grid for the fit (DINo's "new grid" test) works as well.
    const other = observationMask(n, n, 0.5, 99);
    const moved = await evaluateDino(model, data, { fitMask: other });
    expect(moved.all.relativeL2).toBeLessThan(0.1);
  });

  it('reports empty groups as NaN: with the whole grid observed there is no Out-s', async () => {
    const full = createDino({ ...config, subsamplingRate: 1 }, { seed: 8, channels: C });
    const result = await evaluateDino(full, data, { initialCodes: initial });
    expect(result.inTimeOutSpace.mse).toBeNaN();
    expect(result.outTimeOutSpace.relativeL2).toBeNaN();
    expect(result.all.mse).toBeLessThan(1e-10);
    full.dispose();
  });
});
