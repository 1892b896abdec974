/**
 * What a stored checkpoint is: a summary a list can show (model, config, step, which run and
 * dataset) and the checkpoint itself, encoded by models/nn/checkpoint as one byte array.
 */
import { count, finite, plainObject, string, type Fields } from './recordFields';

export interface CheckpointRecordMeta {
  modelId: string;
  modelVersion: number;
  /** The config the checkpoint was taken with, as the model stores it (JSON). */
  config: Fields;
  /** Optimizer steps completed. */
  step: number;
  runId: string;
  datasetId: string;
  createdAt: number;
}

export interface CheckpointRecordPayload {
  /** encodeCheckpoint's bytes. */
  bytes: Uint8Array;
}

/** The id of a run's checkpoint: one per run, replaced by each newer one. */
export function checkpointIdOf(runId: string): string {
  return `${runId}:latest`;
}

export function parseCheckpointRecordMeta(value: unknown): CheckpointRecordMeta {
  const meta = plainObject(value, 'meta');
  return {
    modelId: string(meta, 'modelId'),
    modelVersion: count(meta, 'modelVersion'),
    config: plainObject(meta.config, '"config"'),
    step: count(meta, 'step'),
    runId: string(meta, 'runId'),
    datasetId: string(meta, 'datasetId'),
    createdAt: finite(meta, 'createdAt'),
  };
}

export function parseCheckpointRecordPayload(value: unknown): CheckpointRecordPayload {
  const payload = plainObject(value, 'payload');
  if (!(payload.bytes instanceof Uint8Array) || payload.bytes.length === 0) {
    throw new Error('the checkpoint payload has no bytes');
  }
  return { bytes: payload.bytes };
}
