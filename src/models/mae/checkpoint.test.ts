/** MAE checkpoints: settings added after a checkpoint was written load as the model then was. */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureCheckpoint, decodeCheckpoint, encodeCheckpoint, type Json } from '../nn/checkpoint';
import {
  MAE_MODEL_ID,
  MAE_MODEL_VERSION,
  maeCheckpointConfig,
  maeFromCheckpoint,
  readMaeCheckpointConfig,
} from './checkpoint';
import { MAE_PRESETS, type MaeConfig } from './config';
import { createMae, type MaeModel } from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const disposables: MaeModel[] = [];
afterEach(() => disposables.splice(0).forEach((m) => m.dispose()));

const tiny = MAE_PRESETS.tiny.config;

/** A checkpoint of `model` whose saved settings are edited by `edit`, through bytes. */
async function checkpointOf(model: MaeModel, edit: (saved: Record<string, Json>) => void) {
  const config = maeCheckpointConfig(model) as { model: Record<string, Json> };
  edit(config.model);
  const checkpoint = await captureCheckpoint({
    modelId: MAE_MODEL_ID,
    modelVersion: MAE_MODEL_VERSION,
    config,
    step: 0,
    params: model.params,
  });
  return decodeCheckpoint(encodeCheckpoint(checkpoint), { modelId: MAE_MODEL_ID });
}

function weights(model: MaeModel) {
  return model.params.names.map((name) => [name, [...model.params.get(name).dataSync()]]);
}

describe('MAE checkpoint config', () => {
  it('loads a checkpoint written before patchNorm existed with the per-patch norm on', async () => {
    const config: MaeConfig = { ...tiny, patchNorm: true };
    const model = createMae(config, { seed: 3 });
    disposables.push(model);
    const checkpoint = await checkpointOf(model, (saved) => delete saved.patchNorm);
    expect(checkpoint.config).not.toHaveProperty('model.patchNorm');
    expect(readMaeCheckpointConfig(checkpoint).model.patchNorm).toBe(true);
    const restored = maeFromCheckpoint(checkpoint);
    disposables.push(restored);
    expect(restored.config).toEqual(config);
    expect(weights(restored)).toEqual(weights(model));
  });

  it('keeps patchNorm off when the checkpoint says so', async () => {
    const config: MaeConfig = { ...tiny, patchNorm: false };
    const model = createMae(config, { seed: 4 });
    disposables.push(model);
    const restored = maeFromCheckpoint(await checkpointOf(model, () => {}));
    disposables.push(restored);
    expect(restored.config.patchNorm).toBe(false);
    expect(restored.params.has('encoder.patch.norm0.weight')).toBe(false);
    expect(weights(restored)).toEqual(weights(model));
  });

  it('still refuses a checkpoint that lacks a setting the app always had', async () => {
    const model = createMae(tiny);
    disposables.push(model);
    const checkpoint = await checkpointOf(model, (saved) => delete saved.width);
    expect(() => readMaeCheckpointConfig(checkpoint)).toThrow(/missing width/);
  });
});
