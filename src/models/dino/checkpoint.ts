/** DINo checkpoints: what the nn/checkpoint format carries for this model, and loading one back. */
import { restoreModelConfig } from '../catalog';
import { loadWeights, CheckpointError, type Checkpoint, type Json } from '../nn/checkpoint';
import type { DinoConfig } from './config';
import { dinoInfo } from './info';
import { createDino, type DinoModel } from './model';

export const DINO_MODEL_ID = 'dino';
/** Bump when parameter names or their meaning change. */
export const DINO_MODEL_VERSION = 1;

/** The checkpoint's `config`: the model's settings and the channels it was built for. */
export interface DinoCheckpointConfig {
  model: DinoConfig;
  channels: number;
}

export function dinoCheckpointConfig(model: Pick<DinoModel, 'config' | 'channels'>): Json {
  return { model: { ...model.config }, channels: model.channels };
}

/** Reads and checks the config a checkpoint was taken with. */
export function readDinoCheckpointConfig(checkpoint: Checkpoint): DinoCheckpointConfig {
  if (checkpoint.modelId !== DINO_MODEL_ID) {
    throw new CheckpointError(
      `This checkpoint belongs to model "${checkpoint.modelId}", not "${DINO_MODEL_ID}".`,
    );
  }
  if (checkpoint.modelVersion > DINO_MODEL_VERSION) {
    throw new CheckpointError(
      `This DINo checkpoint has version ${checkpoint.modelVersion}; this app reads up to ${DINO_MODEL_VERSION}.`,
    );
  }
  const restored = restoreModelConfig(dinoInfo, checkpoint.config);
  if (!restored.ok)
    throw new CheckpointError(`This checkpoint cannot be read: ${restored.problem}.`);
  return { model: restored.value.model as DinoConfig, channels: restored.value.channels };
}

/**
 * A fresh model with the checkpoint's config and decoder and dynamics weights. The training
 * state a trainer's checkpoint also holds (codes, summed gradients) is left out; every model
 * weight must be there.
 */
export function dinoFromCheckpoint(checkpoint: Checkpoint): DinoModel {
  const { model: config, channels } = readDinoCheckpointConfig(checkpoint);
  const model = createDino(config, { channels });
  try {
    const names = new Set(model.params.names);
    loadWeights(model.params, { weights: checkpoint.weights.filter((w) => names.has(w.name)) });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
