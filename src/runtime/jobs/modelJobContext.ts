/**
 * What a model's own job gets from the worker (models/runtime.ts's ModelJobContext): the job
 * runner's progress, metrics and stops, and saved datasets and checkpoints read from lab storage
 * as plain data.
 */
import type { ModelJobContext, SavedCheckpoint, SavedDataset } from '../../models/runtime';
import type { LabStorage } from '../../storage/labStorage';
import { errorMessage } from '../../util/errorMessage';
import type { JobContext } from '../jobRunner';
import { readSavedDataset } from './readSavedDataset';

export function modelJobContext(
  ctx: JobContext,
  openStorage: () => Promise<LabStorage>,
): ModelJobContext {
  return {
    progress: (fraction, message) => ctx.progress(fraction, message),
    metric: (name, step, value) => ctx.metric(name, step, value),
    step: () => ctx.step(),
    readDataset: async (id): Promise<SavedDataset> => {
      const { summary, payload } = await readSavedDataset(openStorage, id);
      return { meta: summary.meta, payload };
    },
    readCheckpoint: (id) => readSavedCheckpoint(openStorage, id),
  };
}

async function readSavedCheckpoint(
  openStorage: () => Promise<LabStorage>,
  id: string,
): Promise<SavedCheckpoint | undefined> {
  const storage = await openStorage();
  try {
    let record;
    try {
      record = await storage.checkpoints.get(id);
    } catch (error) {
      throw new Error(`The chosen model's checkpoint cannot be read: ${errorMessage(error)}.`);
    }
    if (!record) return undefined;
    const { meta, name } = record.summary;
    const runs = await storage.runs.list().catch(() => undefined);
    const runName =
      runs?.records.find((r) => r.id === meta.runId)?.name ?? name.replace(/ · step \d+$/, '');
    return { bytes: record.payload.bytes, meta, name, runName };
  } finally {
    storage.close();
  }
}
