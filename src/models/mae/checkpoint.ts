/** MAE checkpoints: what the nn/checkpoint format carries for this model, and loading one back. */
import { restoreModelConfig } from '../catalog';
import { loadWeights, CheckpointError, type Checkpoint, type Json } from '../nn/checkpoint';
import type { MaeConfig } from './config';
import { maeInfo } from './info';
import { createMae, type MaeModel } from './model';

export const MAE_MODEL_ID = 'mae';
/** Bump when parameter names or their meaning change. */
export const MAE_MODEL_VERSION = 1;

/** The checkpoint's `config`: the model's settings and the channels it was built for. */
export interface MaeCheckpointConfig {
  model: MaeConfig;
  channels: number;
}

export function maeCheckpointConfig(model: Pick<MaeModel, 'config' | 'channels'>): Json {
  return { model: { ...model.config }, channels: model.channels };
}

/** Reads and checks the config a checkpoint was taken with. */
export function readMaeCheckpointConfig(checkpoint: Checkpoint): MaeCheckpointConfig {
  if (checkpoint.modelId !== MAE_MODEL_ID) {
    throw new CheckpointError(
      `This checkpoint belongs to model "${checkpoint.modelId}", not "${MAE_MODEL_ID}".`,
    );
  }
  if (checkpoint.modelVersion > MAE_MODEL_VERSION) {
    throw new CheckpointError(
      `This MAE checkpoint has version ${checkpoint.modelVersion}; this app reads up to ${MAE_MODEL_VERSION}.`,
    );
  }
  const restored = restoreModelConfig(maeInfo, checkpoint.config);
  if (!restored.ok)
    throw new CheckpointError(`This checkpoint cannot be read: ${restored.problem}.`);
  return { model: restored.value.model as MaeConfig, channels: restored.value.channels };
}

/** A fresh model with the checkpoint's config and weights. */
export function maeFromCheckpoint(checkpoint: Checkpoint): MaeModel {
  const { model: config, channels } = readMaeCheckpointConfig(checkpoint);
  const model = createMae(config, { channels });
  try {
    loadWeights(model.params, checkpoint);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
