/**
 * Checkpoint files in the worker: a run exported as one `.ckpt` file and such a file imported
 * back. Importing builds the file's model once, to check that the lab knows it and that every
 * weight fits its config, then frees it; only then is anything stored (storage/checkpointFile).
 */
import { MAE_MODEL_ID, maeFromCheckpoint } from '../models/mae/checkpoint';
import { CheckpointError, type Checkpoint } from '../models/nn/checkpoint';
import {
  exportRunFile,
  importRunFile,
  type CheckpointFileExport,
  type ImportedRun,
} from '../storage/checkpointFile';
import type { LabStorage } from '../storage/labStorage';

/** Per model id: builds the checkpoint's model (throwing, in words, when it cannot) and frees it. */
const MODEL_CHECKS: Readonly<Record<string, (checkpoint: Checkpoint) => void>> = {
  [MAE_MODEL_ID]: (checkpoint) => maeFromCheckpoint(checkpoint).dispose(),
};

/** Throws a CheckpointError unless the lab can build the checkpoint's model with its weights. */
export function checkModelCheckpoint(checkpoint: Checkpoint): void {
  const check = Object.hasOwn(MODEL_CHECKS, checkpoint.modelId)
    ? MODEL_CHECKS[checkpoint.modelId]
    : undefined;
  if (!check) {
    const known = Object.keys(MODEL_CHECKS)
      .map((id) => `"${id}"`)
      .join(', ');
    throw new CheckpointError(
      `This file holds a model of kind "${checkpoint.modelId}", which this lab cannot load (it knows ${known}).`,
    );
  }
  check(checkpoint);
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
