/** Test helpers: isolated databases and raw access that bypasses the repository. */
import { openDB, type IDBPDatabase } from 'idb';
import type { LabStorage } from './labStorage';

export function uniqueDbName(): string {
  return `pde-lab-test-${crypto.randomUUID()}`;
}

/** An untyped connection to an existing database, for planting rows the repository would refuse. */
export function openRawDb(name: string): Promise<IDBPDatabase> {
  return openDB(name);
}

/** Runs `work` on a freshly opened storage and closes it afterwards, whatever happens. */
export async function withOpenStorage<R>(
  open: () => Promise<LabStorage>,
  work: (storage: LabStorage) => Promise<R>,
): Promise<R> {
  const storage = await open();
  try {
    return await work(storage);
  } finally {
    storage.close();
  }
}
