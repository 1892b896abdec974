import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHYSICNET_PRESETS, physicnetParameterCount, type PhysicNetConfig } from './config';
import {
  createPhysicNet,
  cutCrops,
  normalize,
  pasteCrops,
  physicnetForward,
  tiledPlacements,
} from './model';
import { movingBlobs } from './testing';
import { createPhysicNetTrainer } from './train';
import { firstWindows, gatherWindows } from './windows';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = PHYSICNET_PRESETS.tiny.config;
const arms: Record<string, Partial<PhysicNetConfig>> = {
  full: {},
  'no-local': { local: false },
  'no-flow': { flow: false },
  'no-vq': { quantize: false },
};

describe('PhysicNet-style model', () => {
  it('counts its parameters as built, for every arm and preset', () => {
    for (const [arm, change] of Object.entries(arms)) {
      for (const channels of [1, 2]) {
        const config = { ...tiny, ...change };
        const model = createPhysicNet(config, { channels });
        expect(model.params.count('trainable'), arm).toBe(
          physicnetParameterCount(config, channels),
        );
        model.dispose();
      }
    }
    const small = physicnetParameterCount(PHYSICNET_PRESETS.small.config);
    expect(small).toBeGreaterThan(1e5);
    expect(small).toBeLessThan(6e5);
  });

  it('forecasts, quantizes and estimates flow with the documented shapes', () => {
    const config = { ...tiny, inputFrames: 3, outputFrames: 2 };
    const model = createPhysicNet(config, { seed: 1, channels: 2 });
    const placements = tiledPlacements(16, config.crops);
    const out = tf.tidy(() => {
      const x = tf.randomNormal([2, 3, 16, 16, 2], 0, 1, 'float32', 4) as tf.Tensor5D;
      const o = physicnetForward(model, x, placements);
      return {
        forecast: o.forecast.shape,
        indices: o.global.indices!.shape,
        flows: o.global.flows!.shape,
        local: o.local!.forecast.shape,
        gate: o.local!.gate.shape,
        reconstruction: o.global.reconstruction.shape,
      };
    });
    expect(out).toEqual({
      forecast: [2, 2, 16, 16, 2],
      indices: [2, 3, 4, 4],
      flows: [2, 2, 4, 4, 2],
      local: [2 * placements.length, 2, 8, 8, 2],
      gate: [2, 2, 16, 16, 2],
      reconstruction: [2, 3, 16, 16, 2],
    });
    model.dispose();
  });

  it('pastes crops back where they were cut, covering the grid when tiled', () => {
    const placements = tiledPlacements(16, 4);
    expect(placements).toEqual([
      { row: 0, col: 0 },
      { row: 0, col: 8 },
      { row: 8, col: 0 },
      { row: 8, col: 8 },
    ]);
    const [difference, covered] = tf.tidy(() => {
      const x = tf.randomNormal([2, 3, 16, 16, 1], 0, 1, 'float32', 5) as tf.Tensor5D;
      const { canvas, coverage } = pasteCrops(cutCrops(x, placements), placements, 16);
      return [canvas.sub(x).abs().max().dataSync()[0]!, coverage.mean().dataSync()[0]!];
    });
    expect(difference).toBe(0);
    expect(covered).toBe(1);
    // Overlapping crops (a 3 × 3 tiling) average to the same field.
    const nine = tiledPlacements(16, 9);
    const overlap = tf.tidy(() => {
      const x = tf.randomNormal([1, 1, 16, 16, 1], 0, 1, 'float32', 6) as tf.Tensor5D;
      return pasteCrops(cutCrops(x, nine), nine, 16).canvas.sub(x).abs().max().dataSync()[0]!;
    });
    expect(overlap).toBeLessThan(1e-6);
  });

  it('forecasts the change: the last input frame plus D(ẑ) − D(z_last)', () => {
    const frames = tf.randomNormal([2, tiny.inputFrames, 16, 16, 1], 0, 1, 'float32', 3);
    const placements = tiledPlacements(16, tiny.crops);
    const forward = (residual: boolean) => {
      const model = createPhysicNet({ ...tiny, residual }, { seed: 4, channels: 1 });
      const out = physicnetForward(model, frames as tf.Tensor5D, placements);
      const result = {
        forecast: out.global.forecast.arraySync(),
        last: out.global.reconstruction.slice([0, tiny.inputFrames - 1], [2, 1]).arraySync(),
      };
      model.dispose();
      return result;
    };
    tf.tidy(() => {
      const plain = forward(false);
      const residual = forward(true);
      const lastFrame = frames.slice([0, tiny.inputFrames - 1], [2, 1]);
      const expected = tf.tensor(plain.forecast).sub(tf.tensor(plain.last)).add(lastFrame);
      const gap = tf.tensor(residual.forecast).sub(expected).abs().max().dataSync()[0]!;
      expect(gap).toBeLessThan(1e-5);
    });
    frames.dispose();
  });

  it('learns moving blobs: the forecast error falls in 60 steps, tensors flat', () => {
    const data = movingBlobs(8, 8, 16);
    // Without the residual, an untrained forecast is far from the truth: room to show learning.
    const model = createPhysicNet({ ...tiny, residual: false }, { seed: 2, channels: 1 });
    const trainer = createPhysicNetTrainer({ model, train: data, seed: 1, batchSize: 4 });
    const windows = gatherWindows(data, tiny, firstWindows(data, 4));
    const placements = tiledPlacements(16, tiny.crops);
    const forecastError = () =>
      tf.tidy(() => {
        const x = tf.tensor5d(windows.input, [4, tiny.inputFrames, 16, 16, 1]);
        const y = tf.tensor5d(windows.target, [4, tiny.outputFrames, 16, 16, 1]);
        const out = physicnetForward(model, normalize(model, x) as tf.Tensor5D, placements);
        return tf.losses.meanSquaredError(normalize(model, y), out.forecast).dataSync()[0]!;
      });
    let tensors = 0;
    let before = Number.NaN;
    for (let i = 0; i < 60; i++) {
      if (i === 1) before = forecastError();
      if (i === 5) tensors = tf.memory().numTensors;
      const { loss, gradNorm } = trainer.update(i, 1e-2);
      expect(Number.isFinite(loss.dataSync()[0]!)).toBe(true);
      tf.dispose([loss, gradNorm]);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    const after = forecastError();
    expect(after, `${before} → ${after}`).toBeLessThan(before / 1.5);
    trainer.dispose();
    model.dispose();
  }, 180_000);
});
