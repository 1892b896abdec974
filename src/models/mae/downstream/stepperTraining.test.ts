import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../pde/random';
import { windowAt } from '../windows';
import { createStepper } from '../../nn/fnoStepper';
import { coefficientCondition, noCondition } from './stepperConditioning';
import { travellingWaves } from './stepperTestData';
import { drawBatch, maxPairStart, relativeL2Loss, trainStepper } from './stepperTraining';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const source = travellingWaves([0.5, 1, 1.5, 2], 8, 8, 2);
const stepperConfig = {
  frames: 2,
  channels: 1,
  size: 8,
  width: 8,
  modes: 3,
  blocks: 2,
  embedDim: 4,
};

describe('time-stepper training', () => {
  it('draws input windows with their next window as target, repeatably', () => {
    expect(maxPairStart(source)).toBe(4);
    const batch = drawBatch(source, [1, 3], createRng(5), 6);
    expect(batch.trajectories.every((n) => n === 1 || n === 3)).toBe(true);
    const size = 2 * 8 * 8;
    for (let b = 0; b < 6; b++) {
      const input = batch.inputs.subarray(b * size, (b + 1) * size);
      const n = batch.trajectories[b]!;
      const start = [0, 1, 2, 3, 4].find((s) =>
        windowAt(source, n, s).every((v, i) => v === input[i]),
      );
      expect(start).toBeDefined();
      expect(batch.targets.subarray(b * size, (b + 1) * size)).toEqual(
        windowAt(source, n, start! + 2),
      );
    }
    expect(drawBatch(source, [1, 3], createRng(5), 6)).toEqual(batch);
    expect(() => drawBatch({ ...source, frames: 3 }, [0], createRng(1), 1)).toThrow(/4 needed/);
  });

  it('scores ‖pred − y‖ / ‖y‖ per sample, averaged over the batch', () => {
    const y = tf.tensor([
      [1, 2, 2],
      [0, 3, 4],
    ]);
    const pred = tf.tensor([
      [1.5, 3, 3],
      [0, 3, 4],
    ]);
    const loss = relativeL2Loss(pred, y);
    expect(loss.dataSync()[0]).toBeCloseTo((0.5 + 0) / 2, 6);
    tf.dispose([y, pred, loss]);
  });

  it('the loss falls on a tiny problem, with or without a condition, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const speeds = { data: new Float32Array([0, 1, 1 / 3, 1, 2 / 3, 1, 1, 1]), dim: 2 };
    for (const conditioner of [noCondition, coefficientCondition(speeds)]) {
      const model = createStepper({ ...stepperConfig, conditionDim: conditioner.dim }, 3);
      const losses = await trainStepper({
        model,
        conditioner,
        source,
        train: [0, 1, 2, 3],
        steps: 80,
        batchSize: 8,
        lr: 1e-2,
        seed: 1,
      });
      expect(losses).toHaveLength(80);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(losses.slice(-10))).toBeLessThan(0.7 * mean(losses.slice(0, 5)));
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
