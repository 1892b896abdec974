/** A job's first step: the chosen dataset read from lab storage, or a message that it is gone. */
import { nonFiniteTrainingProblem } from '../../data/io/nonFinite';
import type { DatasetRecordMeta } from '../../storage/datasetRecords';
import type { LabStorage } from '../../storage/labStorage';

export async function readSavedDataset(openStorage: () => Promise<LabStorage>, id: string) {
  const storage = await openStorage();
  try {
    const dataset = await storage.datasets.get(id);
    if (!dataset) throw new Error('The chosen dataset is no longer saved in this browser.');
    return dataset;
  } finally {
    storage.close();
  }
}

/** Throws, in words, when no model may train on the dataset (it holds NaN or ±Infinity). */
export function checkTrainable(meta: DatasetRecordMeta): void {
  const problem = nonFiniteTrainingProblem(meta);
  if (problem) throw new Error(problem);
}
