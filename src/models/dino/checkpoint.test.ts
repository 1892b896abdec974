import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  captureCheckpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  loadWeights,
  CheckpointError,
  type Checkpoint,
} from '../nn/checkpoint';
import { seededTensor } from '../nn/testing';
import {
  dinoCheckpointConfig,
  dinoFromCheckpoint,
  readDinoCheckpointConfig,
  DINO_MODEL_ID,
  DINO_MODEL_VERSION,
} from './checkpoint';
import type { DinoConfig } from './config';
import { gridCoordinates } from './coordinates';
import { forecast, frameTimes } from './forecast';
import { createDino, type DinoModel } from './model';
import { tinyConfig, waveTrajectories } from './testing';
import { createDinoTrainer, GRADIENT_SUM_PREFIX, type DinoTrainer } from './train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: DinoConfig = { ...tinyConfig, trainFrames: 4, dt: 0.5, subsamplingRate: 0.3 };
const data = waveTrajectories(4, 6, 8, { channels: 2 });

function newTrainer(seed = 9): DinoTrainer {
  const model = createDino(config, { seed: 3, channels: 2 });
  return createDinoTrainer({ model, train: data, config, seed, batchSize: 2 });
}

async function capture(t: DinoTrainer, step: number): Promise<Checkpoint> {
  const checkpoint = await captureCheckpoint({
    modelId: DINO_MODEL_ID,
    modelVersion: DINO_MODEL_VERSION,
    config: dinoCheckpointConfig(t.model),
    step,
    params: t.params,
  });
  return decodeCheckpoint(encodeCheckpoint(checkpoint), { modelId: DINO_MODEL_ID });
}

function forecastValues(model: DinoModel): Float32Array {
  return tf.tidy(() => {
    const initial = seededTensor([2, model.codeSize], 77, 0.5) as tf.Tensor2D;
    return forecast(
      model,
      initial,
      frameTimes(8, 0.5),
      gridCoordinates(8),
    ).dataSync() as Float32Array;
  });
}

describe('DINo checkpoints', () => {
  it('reload a model that forecasts exactly as the trained one, leaving training state aside', async () => {
    const t = newTrainer();
    for (let i = 0; i < 3; i++) tf.dispose(Object.values(t.update(i, 1e-2)));
    const checkpoint = await capture(t, 3);
    const names = checkpoint.weights.map((w) => w.name);
    expect(names).toContain('codes.3');
    expect(names).toContain(`${GRADIENT_SUM_PREFIX}decoder.output.weight`);

    const restored = dinoFromCheckpoint(checkpoint);
    expect(restored.channels).toBe(2);
    expect(restored.config).toEqual(config);
    expect(restored.params.names).toEqual(t.model.params.names);
    expect(forecastValues(restored)).toEqual(forecastValues(t.model));
    restored.dispose();
    t.dispose();
    t.model.dispose();
  });

  it('resume a run exactly: codes, summed gradients and optimizer moments come back', async () => {
    const a = newTrainer();
    for (let i = 0; i < 3; i++) tf.dispose(Object.values(a.update(i, 1e-2)));
    const checkpoint = await capture(a, 3);
    const moments = Object.fromEntries(
      await Promise.all(
        Object.entries(a.optimizers).map(async ([k, o]) => [k, await o.snapshot()] as const),
      ),
    );

    const b = newTrainer();
    loadWeights(b.params, checkpoint);
    for (const [k, o] of Object.entries(b.optimizers)) o.restore(moments[k]!);
    // Update 3 opens the second epoch: the networks step on the sums carried over.
    for (const index of [3, 4]) {
      const [ra, rb] = [a.update(index, 1e-2), b.update(index, 1e-2)];
      expect(rb.loss.dataSync()[0]).toBe(ra.loss.dataSync()[0]);
      tf.dispose([...Object.values(ra), ...Object.values(rb)]);
    }
    expect(forecastValues(b.model)).toEqual(forecastValues(a.model));
    for (const t of [a, b]) {
      t.dispose();
      t.model.dispose();
    }
  });

  it('refuse checkpoints of other models, bad settings or missing weights, in words', async () => {
    const t = newTrainer();
    const checkpoint = await capture(t, 0);
    expect(() => readDinoCheckpointConfig({ ...checkpoint, modelId: 'mae' })).toThrow(
      /belongs to model "mae"/,
    );
    expect(() => readDinoCheckpointConfig({ ...checkpoint, modelVersion: 2 })).toThrow(
      CheckpointError,
    );
    expect(() =>
      readDinoCheckpointConfig({
        ...checkpoint,
        config: { model: { ...config, decoderLayers: 0 }, channels: 2 },
      }),
    ).toThrow(/decoderLayers/);
    expect(() =>
      readDinoCheckpointConfig({ ...checkpoint, config: { model: { ...config } } }),
    ).toThrow(/channels/);
    const partial = {
      ...checkpoint,
      weights: checkpoint.weights.filter((w) => w.name !== 'dynamics.fc0.bias'),
    };
    const before = tf.memory().numTensors;
    expect(() => dinoFromCheckpoint(partial)).toThrow(/dynamics\.fc0\.bias/);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
    t.model.dispose();
  });
});
