/** Test helpers: isolated databases and raw access that bypasses the repository. */
import { openDB, type IDBPDatabase } from 'idb';

export function uniqueDbName(): string {
  return `pde-lab-test-${crypto.randomUUID()}`;
}

/** An untyped connection to an existing database, for planting rows the repository would refuse. */
export function openRawDb(name: string): Promise<IDBPDatabase> {
  return openDB(name);
}
