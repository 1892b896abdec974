/** DPOT checkpoints: the nn/checkpoint format's config for this model, and loading one back. */
import { restoreModelConfig } from '../catalog';
import { CheckpointError, loadWeights, type Checkpoint, type Json } from '../nn/checkpoint';
import type { DpotConfig } from './config';
import { dpotInfo } from './info';
import { createDpot, type DpotModel } from './model';

export const DPOT_MODEL_ID = 'dpot';
/** Bump when parameter names or their meaning change. */
export const DPOT_MODEL_VERSION = 1;

export interface DpotCheckpointConfig {
  model: DpotConfig;
  channels: number;
}

export function dpotCheckpointConfig(model: Pick<DpotModel, 'config' | 'channels'>): Json {
  return { model: { ...model.config }, channels: model.channels };
}

/** Reads and checks the config a checkpoint was taken with. */
export function readDpotCheckpointConfig(checkpoint: Checkpoint): DpotCheckpointConfig {
  if (checkpoint.modelId !== DPOT_MODEL_ID) {
    throw new CheckpointError(
      `This checkpoint belongs to model "${checkpoint.modelId}", not "${DPOT_MODEL_ID}".`,
    );
  }
  if (checkpoint.modelVersion > DPOT_MODEL_VERSION) {
    throw new CheckpointError(
      `This DPOT checkpoint has version ${checkpoint.modelVersion}; this app reads up to ${DPOT_MODEL_VERSION}.`,
    );
  }
  const restored = restoreModelConfig(dpotInfo, checkpoint.config);
  if (!restored.ok)
    throw new CheckpointError(`This checkpoint cannot be read: ${restored.problem}.`);
  return { model: restored.value.model as DpotConfig, channels: restored.value.channels };
}

/** A fresh model with the checkpoint's config and weights (the optimizer's state is not read). */
export function dpotFromCheckpoint(checkpoint: Checkpoint): DpotModel {
  const { model: config, channels } = readDpotCheckpointConfig(checkpoint);
  const model = createDpot(config, { channels });
  try {
    const names = new Set(model.params.names);
    loadWeights(model.params, { weights: checkpoint.weights.filter((w) => names.has(w.name)) });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
