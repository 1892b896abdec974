import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  captureCheckpoint,
  CheckpointError,
  decodeCheckpoint,
  encodeCheckpoint,
  loadWeights,
  type Checkpoint,
} from '../nn/checkpoint';
import {
  DPOT_MODEL_ID,
  DPOT_MODEL_VERSION,
  dpotCheckpointConfig,
  dpotFromCheckpoint,
  readDpotCheckpointConfig,
} from './checkpoint';
import { DPOT_PRESETS } from './config';
import { createDpot, dpotForward, type DpotModel } from './model';
import { translatingTrajectories } from './testing';
import { createDpotTrainer, type DpotTrainer } from './train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = DPOT_PRESETS.tiny.config;
const data = translatingTrajectories(3, 6, config.size, 2, 5);

function newTrainer(): DpotTrainer {
  const model = createDpot(config, { seed: 3, channels: 2 });
  return createDpotTrainer({ model, train: data, seed: 4, batchSize: 2 });
}

async function capture(t: DpotTrainer, step: number): Promise<Checkpoint> {
  const checkpoint = await captureCheckpoint({
    modelId: DPOT_MODEL_ID,
    modelVersion: DPOT_MODEL_VERSION,
    config: dpotCheckpointConfig(t.model),
    step,
    params: t.model.params,
    optimizers: { adam: t.optimizer },
  });
  return decodeCheckpoint(encodeCheckpoint(checkpoint), { modelId: DPOT_MODEL_ID });
}

function nextFrame(model: DpotModel): Float32Array {
  return tf.tidy(() => {
    const [, , X, Y, C] = data.shape;
    const window = tf.tensor5d(data.data.slice(0, config.inputFrames * X * Y * C), [
      1,
      config.inputFrames,
      X,
      Y,
      C,
    ]);
    return dpotForward(model, window).dataSync() as Float32Array;
  });
}

describe('DPOT checkpoints', () => {
  it('reload a model that predicts exactly as the trained one', async () => {
    const t = newTrainer();
    for (let i = 0; i < 3; i++) tf.dispose(Object.values(t.update(i, 1e-2)));
    const checkpoint = await capture(t, 3);
    const restored = dpotFromCheckpoint(checkpoint);
    expect(restored.channels).toBe(2);
    expect(restored.config).toEqual(config);
    expect(restored.params.names).toEqual(t.model.params.names);
    expect(nextFrame(restored)).toEqual(nextFrame(t.model));
    restored.dispose();
    t.dispose();
    t.model.dispose();
  });

  it('resume a run exactly: weights and Adam’s moments come back', async () => {
    const a = newTrainer();
    for (let i = 0; i < 3; i++) tf.dispose(Object.values(a.update(i, 1e-2)));
    const checkpoint = await capture(a, 3);
    const b = newTrainer();
    loadWeights(b.model.params, checkpoint);
    b.optimizer.restore(checkpoint.optimizers!.adam!);
    for (const index of [3, 4]) {
      const [ra, rb] = [a.update(index, 1e-2), b.update(index, 1e-2)];
      expect(rb.loss.dataSync()[0]).toBe(ra.loss.dataSync()[0]);
      tf.dispose([...Object.values(ra), ...Object.values(rb)]);
    }
    expect(nextFrame(b.model)).toEqual(nextFrame(a.model));
    for (const t of [a, b]) {
      t.dispose();
      t.model.dispose();
    }
  });

  it('refuse checkpoints of other models, bad settings or missing weights, in words', async () => {
    const t = newTrainer();
    const checkpoint = await capture(t, 0);
    expect(() => readDpotCheckpointConfig({ ...checkpoint, modelId: 'mae' })).toThrow(
      /belongs to model "mae"/,
    );
    expect(() =>
      readDpotCheckpointConfig({ ...checkpoint, modelVersion: DPOT_MODEL_VERSION + 1 }),
    ).toThrow(CheckpointError);
    expect(() =>
      readDpotCheckpointConfig({
        ...checkpoint,
        config: { model: { ...config, depth: 0 }, channels: 2 },
      }),
    ).toThrow(/depth/);
    const partial = {
      ...checkpoint,
      weights: checkpoint.weights.filter((w) => !w.name.startsWith('block0.afno.w1')),
    };
    const before = tf.memory().numTensors;
    expect(() => dpotFromCheckpoint(partial)).toThrow(/block0\.afno\.w1/);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
    t.model.dispose();
  });
});
