/** PhysicNet-style checkpoints: the nn/checkpoint format's config for this model, and loading one. */
import { restoreModelConfig } from '../catalog';
import { loadWeights, CheckpointError, type Checkpoint, type Json } from '../nn/checkpoint';
import type { PhysicNetConfig } from './config';
import { physicnetInfo } from './info';
import { createPhysicNet, type PhysicNetModel } from './model';

export const PHYSICNET_MODEL_ID = 'physicnet';
/** Bump when parameter names or their meaning change. */
export const PHYSICNET_MODEL_VERSION = 1;

export interface PhysicNetCheckpointConfig {
  model: PhysicNetConfig;
  channels: number;
}

export function physicnetCheckpointConfig(
  model: Pick<PhysicNetModel, 'config' | 'channels'>,
): Json {
  return { model: { ...model.config }, channels: model.channels };
}

/** Reads and checks the config a checkpoint was taken with. */
export function readPhysicNetCheckpointConfig(checkpoint: Checkpoint): PhysicNetCheckpointConfig {
  if (checkpoint.modelId !== PHYSICNET_MODEL_ID) {
    throw new CheckpointError(
      `This checkpoint belongs to model "${checkpoint.modelId}", not "${PHYSICNET_MODEL_ID}".`,
    );
  }
  if (checkpoint.modelVersion > PHYSICNET_MODEL_VERSION) {
    throw new CheckpointError(
      `This PhysicNet-style checkpoint has version ${checkpoint.modelVersion}; this app reads up to ${PHYSICNET_MODEL_VERSION}.`,
    );
  }
  const restored = restoreModelConfig(physicnetInfo, checkpoint.config);
  if (!restored.ok)
    throw new CheckpointError(`This checkpoint cannot be read: ${restored.problem}.`);
  return { model: restored.value.model as PhysicNetConfig, channels: restored.value.channels };
}

/** A fresh model with the checkpoint's config, weights, codebook and normalization. */
export function physicnetFromCheckpoint(checkpoint: Checkpoint): PhysicNetModel {
  const { model: config, channels } = readPhysicNetCheckpointConfig(checkpoint);
  const model = createPhysicNet(config, { channels });
  try {
    const names = new Set(model.params.names);
    loadWeights(model.params, { weights: checkpoint.weights.filter((w) => names.has(w.name)) });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
