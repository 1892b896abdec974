import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../nn/testing';
import { windowAt } from '../windows';
import { chunkErrorsByTrajectory, meanChunkErrors, rollout, rolloutChunks } from './rollout';
import { applyStepper, createStepper } from '../../nn/fnoStepper';
import type { Conditioner } from './stepperConditioning';
import { travellingWaves } from './stepperTestData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 3 trajectories of 7 frames, windows of 2: chunks [2,4), [4,6), [6,7). */
const source = travellingWaves([0.5, 1, 2], 7, 8, 2);
const FRAME = 8 * 8;

/** The true frames 2…6 of `trajectories`, times `factor`. */
function scaledTruth(trajectories: number[], factor: number): Float32Array {
  const out = new Float32Array(trajectories.length * 5 * FRAME);
  trajectories.forEach((n, i) => {
    const frames = source.data.subarray((n * 7 + 2) * FRAME, (n * 7 + 7) * FRAME);
    out.set(
      frames.map((v) => v * factor),
      i * 5 * FRAME,
    );
  });
  return out;
}

describe('autoregressive rollout', () => {
  it('splits the horizon into chunks of T frames, the last one cut short', () => {
    expect(rolloutChunks(7, 2)).toEqual([
      { start: 2, end: 4 },
      { start: 4, end: 6 },
      { start: 6, end: 7 },
    ]);
    expect(rolloutChunks(8, 4)).toEqual([{ start: 4, end: 8 }]);
    expect(rolloutChunks(4, 4)).toEqual([]);
  });

  it('scores each chunk by relative L2 against the truth', () => {
    const exact = chunkErrorsByTrajectory(source, [2, 0], scaledTruth([2, 0], 1));
    expect(exact).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const off = chunkErrorsByTrajectory(source, [2, 0], scaledTruth([2, 0], 1.25));
    for (const row of off) for (const e of row) expect(e).toBeCloseTo(0.25, 5);
    // Zero in one trajectory's last chunk only: error 1 there.
    const partial = scaledTruth([1], 1);
    partial.fill(0, 4 * FRAME);
    expect(chunkErrorsByTrajectory(source, [1], partial)[0]).toEqual([0, 0, 1]);
    expect(
      meanChunkErrors([
        [0, 0, 1],
        [0.5, 0.25, 0.25],
      ]),
    ).toEqual([0.25, 0.125, 0.625]);
    expect(() => chunkErrorsByTrajectory(source, [1, 2], partial)).toThrow(/do not cover/);
  });

  it('feeds every prediction back and conditions each step on its own input window', async () => {
    const model = createStepper(
      {
        frames: 2,
        channels: 1,
        size: 8,
        width: 4,
        modes: 2,
        blocks: 1,
        embedDim: 2,
        conditionDim: 1,
      },
      2,
    );
    const seen: Float32Array[] = [];
    // The window's mean as its one feature, recording what it was shown.
    const conditioner: Conditioner = {
      dim: 1,
      features: (windows) => {
        seen.push(windows.dataSync() as Float32Array);
        return tf.tidy(() => windows.reshape([windows.shape[0]!, -1]).mean(1, true)) as tf.Tensor2D;
      },
    };
    const before = tf.memory().numTensors;
    const trajectories = [2, 0, 1];
    const predicted = await rollout(model, conditioner, source, trajectories, { batchSize: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(predicted.length).toBe(3 * 5 * FRAME);
    // Two batches of three steps each.
    expect(seen).toHaveLength(6);

    // By hand for trajectory 0 (second in the first batch).
    const first = windowAt(source, 0, 0);
    const step = (w: Float32Array) =>
      tf.tidy(() => {
        const x = tf.tensor(w, [1, 2, 8, 8, 1]);
        return applyStepper(model, x, x.reshape([1, -1]).mean(1, true) as tf.Tensor2D).dataSync();
      }) as Float32Array;
    const p1 = step(first);
    const p2 = step(p1);
    const p3 = step(p2);
    const mine = predicted.subarray(5 * FRAME, 10 * FRAME);
    expect(maxAbsDiff(mine.subarray(0, 2 * FRAME), p1)).toBeLessThan(1e-5);
    expect(maxAbsDiff(mine.subarray(2 * FRAME, 4 * FRAME), p2)).toBeLessThan(1e-5);
    expect(maxAbsDiff(mine.subarray(4 * FRAME), p3.subarray(0, FRAME))).toBeLessThan(1e-5);
    // The second step was conditioned on the first prediction.
    expect(maxAbsDiff(seen[1]!.subarray(2 * FRAME), p1)).toBeLessThan(1e-5);
    model.dispose();
  });
});
