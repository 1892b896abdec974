import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchWasmBackend } from '../nn/wasmPatches';
import { PHYSICNET_PRESETS } from './config';
import { createPhysicNet } from './model';
import { movingBlobs } from './testing';
import { createPhysicNetTrainer } from './train';

// 200 steps on the cpu backend take minutes; the patched wasm backend (the one the Node commands
// train on) runs the same kernels' bookkeeping in seconds.
beforeAll(async () => {
  patchWasmBackend();
  await tf.setBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('PhysicNet-style training', () => {
  it('keeps the tensor count flat over 200 steps and frees everything when disposed', () => {
    const config = PHYSICNET_PRESETS.tiny.config;
    const model = createPhysicNet(config, { seed: 1, channels: 1 });
    const trainer = createPhysicNetTrainer({
      model,
      train: movingBlobs(4, 6, 16),
      seed: 2,
      batchSize: 2,
    });
    let tensors = 0;
    for (let i = 0; i < 200; i++) {
      if (i === 5) tensors = tf.memory().numTensors;
      const { loss, gradNorm } = trainer.update(i, 3e-3);
      expect(Number.isFinite(loss.dataSync()[0]!)).toBe(true);
      tf.dispose([loss, gradNorm]);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    trainer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(0);
  }, 120_000);
});
