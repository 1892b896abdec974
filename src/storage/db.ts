/**
 * The lab's IndexedDB database: one summary store per record kind plus one shared `payloads`
 * store, so listing a kind reads only small rows.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { RECORD_KINDS, type PayloadRow, type RecordKind, type SummaryRow } from './types';

export const LAB_DB_NAME = 'pde-lab';
/** Version of the store layout (stores and indexes), not of the records inside them. */
export const LAB_DB_VERSION = 1;
export const PAYLOADS_STORE = 'payloads';

export type PayloadKey = [kind: RecordKind, id: string];

interface SummaryStore {
  key: string;
  value: SummaryRow;
  indexes: { createdAt: number };
}

export interface LabDbSchema extends DBSchema {
  datasets: SummaryStore;
  checkpoints: SummaryStore;
  runs: SummaryStore;
  payloads: { key: PayloadKey; value: PayloadRow };
}

export type LabDb = IDBPDatabase<LabDbSchema>;

export function openLabDb(name: string = LAB_DB_NAME): Promise<LabDb> {
  const opening = openDB<LabDbSchema>(name, LAB_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        for (const kind of RECORD_KINDS) {
          db.createObjectStore(kind, { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
        }
        db.createObjectStore(PAYLOADS_STORE, { keyPath: ['kind', 'id'] });
      }
    },
    blocking() {
      // Another tab (or a test) wants to upgrade or delete the database; holding this connection
      // open would block it indefinitely. This connection becomes unusable, as upgrades require.
      void opening.then((db) => db.close());
    },
  });
  return opening;
}

export function closeLabDb(db: LabDb): void {
  db.close();
}

/** Deletes the whole database. Waits for connections elsewhere to close first. */
export function deleteLabDb(name: string = LAB_DB_NAME): Promise<void> {
  return deleteDB(name);
}

export function payloadKey(kind: RecordKind, id: string): PayloadKey {
  return [kind, id];
}

/**
 * All payload keys of one kind. Arrays sort after strings in IndexedDB key order, so `[kind, []]`
 * is above every `[kind, id]`, and the one-element `[kind]` is below all of them.
 */
export function payloadRangeOfKind(kind: RecordKind): IDBKeyRange {
  return IDBKeyRange.bound([kind], [kind, []]);
}

/** Empties every store in one transaction: all or nothing. */
export async function clearLabDb(db: LabDb): Promise<void> {
  const storeNames = [...RECORD_KINDS, PAYLOADS_STORE] as const;
  const tx = db.transaction(storeNames, 'readwrite');
  await Promise.all([...storeNames.map((store) => tx.objectStore(store).clear()), tx.done]);
}
