/**
 * Checkpoint files in the worker: a run exported as one `.ckpt` file and such a file imported
 * back. Importing builds the file's model once, to check that the lab knows it and that every
 * weight fits its config, then frees it; only then is anything stored (storage/checkpointFile).
 */
import { CheckpointError, type Checkpoint } from '../models/nn/checkpoint';
import { modelRuntime } from '../models/registry';
import {
  exportRunFile,
  importRunFile,
  type CheckpointFileExport,
  type ImportedRun,
} from '../storage/checkpointFile';
import type { LabStorage } from '../storage/labStorage';
import { errorMessage } from '../util/errorMessage';

/** Throws a CheckpointError unless the lab can build the checkpoint's model with its weights. */
export function checkModelCheckpoint(checkpoint: Checkpoint): void {
  let runtime;
  try {
    runtime = modelRuntime(checkpoint.modelId);
  } catch (error) {
    throw new CheckpointError(
      `This file holds a model of kind "${checkpoint.modelId}", which this lab cannot load: ${errorMessage(error)}`,
    );
  }
  runtime.fromCheckpoint(checkpoint).dispose();
}

export async function exportCheckpointFile(
  runId: string,
  openStorage: () => Promise<LabStorage>,
): Promise<CheckpointFileExport> {
  const storage = await openStorage();
  try {
    return await exportRunFile(storage, runId);
  } finally {
    storage.close();
  }
}

export async function importCheckpointFile(
  bytes: Uint8Array,
  openStorage: () => Promise<LabStorage>,
): Promise<ImportedRun> {
  const storage = await openStorage();
  try {
    return await importRunFile(storage, bytes, checkModelCheckpoint);
  } finally {
    storage.close();
  }
}
