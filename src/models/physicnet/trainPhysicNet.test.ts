import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCheckpoint, decodeCheckpoint, encodeCheckpoint } from '../nn/checkpoint';
import {
  PHYSICNET_MODEL_ID,
  PHYSICNET_MODEL_VERSION,
  physicnetCheckpointConfig,
  physicnetFromCheckpoint,
} from './checkpoint';
import { PHYSICNET_PRESETS } from './config';
import {
  createPhysicNet,
  physicnetForward,
  normalize,
  tiledPlacements,
  type PhysicNetModel,
} from './model';
import { swirlDataset, trajectorySlice } from './swirlTesting';
import { createPhysicNetTrainer } from './train';
import { trainPhysicNet } from './trainPhysicNet';
import { firstWindows, gatherWindows } from './windows';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = { ...PHYSICNET_PRESETS.tiny.config, crops: 2 };

/** The fused forecast of every trajectory's first window, read back. */
async function forecast(model: PhysicNetModel, set: ReturnType<typeof trajectorySlice>) {
  const windows = firstWindows(set);
  const { input } = gatherWindows(set, config, windows);
  const [, , X, Y, C] = set.shape;
  const out = tf.tidy(() => {
    const x = normalize(model, tf.tensor5d(input, [windows.length, config.inputFrames, X, Y, C]));
    return physicnetForward(model, x as tf.Tensor5D, tiledPlacements(X, config.crops)).forecast;
  });
  const values = await out.data<'float32'>();
  out.dispose();
  return values;
}

/** Whether two float arrays hold the same bits (NaN included). */
function bitwiseEqual(a: Float32Array, b: Float32Array): boolean {
  const [x, y] = [
    new Uint32Array(a.buffer, a.byteOffset, a.length),
    new Uint32Array(b.buffer, b.byteOffset, b.length),
  ];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

describe('PhysicNet-style training and checkpoints', () => {
  it('reloads a trained model from the generic checkpoint with bitwise the same forecast', async () => {
    const data = await swirlDataset(4, 4, 8, 16, 2);
    const model = createPhysicNet(config, { seed: 3, channels: 1 });
    const trainer = createPhysicNetTrainer({ model, train: data, seed: 3, batchSize: 2 });
    for (let i = 0; i < 4; i++) {
      const { loss, gradNorm } = trainer.update(i, 1e-3);
      tf.dispose([loss, gradNorm]);
    }
    const checkpoint = await captureCheckpoint({
      modelId: PHYSICNET_MODEL_ID,
      modelVersion: PHYSICNET_MODEL_VERSION,
      config: physicnetCheckpointConfig(model),
      step: 4,
      params: model.params,
      optimizer: trainer.optimizer,
    });
    const reloaded = physicnetFromCheckpoint(decodeCheckpoint(encodeCheckpoint(checkpoint)));
    try {
      // The codebook and the normalization (non-trainable) travel too.
      for (const name of ['codebook.codebook', 'codebook.clusterSize', 'norm.mean', 'norm.std']) {
        expect(reloaded.params.get(name).dataSync()).toEqual(model.params.get(name).dataSync());
      }
      expect(model.params.get('norm.std').dataSync()[0]).not.toBe(1);
      const set = trajectorySlice(data, 0, 4);
      const [a, b] = [await forecast(model, set), await forecast(reloaded, set)];
      expect(b.length).toBe(a.length);
      expect(bitwiseEqual(a, b)).toBe(true);
    } finally {
      reloaded.dispose();
      trainer.dispose();
      model.dispose();
    }
  }, 60_000);

  it('trains through the runtime and generic training, returning the checkpoint and its model', async () => {
    const data = await swirlDataset(6, 4, 8, 16, 4);
    const train = trajectorySlice(data, 0, 4);
    const run = await trainPhysicNet({
      config,
      train,
      validation: trajectorySlice(data, 4, 2),
      meta: data.meta,
      steps: 4,
      batchSize: 2,
      seed: 1,
      validateEvery: 2,
    });
    try {
      expect(run.checkpoint.step).toBe(4);
      expect(run.checkpoint.optimizers?.adam).toBeDefined();
      expect(Number.isFinite(run.finalLoss)).toBe(true);
      expect(run.validations.map((v) => v.step)).toEqual([2, 4]);
      expect(run.validations[1]!.flowEndPointError).toBeGreaterThan(0);
      const again = physicnetFromCheckpoint(decodeCheckpoint(encodeCheckpoint(run.checkpoint)));
      const [a, b] = [await forecast(run.model, train), await forecast(again, train)];
      again.dispose();
      expect(bitwiseEqual(a, b)).toBe(true);
    } finally {
      run.model.dispose();
    }
  }, 60_000);
});
