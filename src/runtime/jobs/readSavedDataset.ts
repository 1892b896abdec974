/** A job's first step: the chosen dataset read from lab storage, or a message that it is gone. */
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
