/**
 * The app-facing storage facade: one database, one repository per record kind, and storage usage
 * for the UI. Works on the main thread and in workers.
 */
import { clearLabDb, closeLabDb, LAB_DB_NAME, openLabDb } from './db';
import {
  parseCheckpointRecordMeta,
  parseCheckpointRecordPayload,
  type CheckpointRecordMeta,
  type CheckpointRecordPayload,
} from './checkpointRecords';
import {
  parseDatasetRecordMeta,
  parseDatasetRecordPayload,
  type DatasetRecordMeta,
  type DatasetRecordPayload,
} from './datasetRecords';
import {
  parseRunRecordMeta,
  parseRunRecordPayload,
  type RunRecordMeta,
  type RunRecordPayload,
} from './runRecords';
import { createRepository, type KindStats, type RecordRepository } from './repository';
import type { RecordKind } from './types';

export { formatBytes } from './formatBytes';

/** Record schema version per kind: bump when a kind's stored meta or payload shape changes. */
export const RECORD_SCHEMA_VERSIONS = {
  datasets: 1,
  // v2: the real checkpoint and run records replaced v1's placeholders.
  checkpoints: 2,
  runs: 2,
} as const satisfies Record<RecordKind, number>;

export interface StorageUsage {
  /** What the browser reports for the whole origin; the lab's own estimate when it reports nothing. */
  usedBytes: number;
  /** The origin's quota; undefined when the browser does not say. */
  quotaBytes: number | undefined;
  /** Record counts and estimated sizes from the summaries. */
  perKind: Record<RecordKind, KindStats>;
}

export interface LabStorage {
  datasets: RecordRepository<DatasetRecordMeta, DatasetRecordPayload>;
  checkpoints: RecordRepository<CheckpointRecordMeta, CheckpointRecordPayload>;
  runs: RecordRepository<RunRecordMeta, RunRecordPayload>;
  usage(): Promise<StorageUsage>;
  /** Deletes every record of every kind in one transaction. */
  clearAll(): Promise<void>;
  close(): void;
}

export async function openLabStorage(name: string = LAB_DB_NAME): Promise<LabStorage> {
  const db = await openLabDb(name);
  const datasets = createRepository<DatasetRecordMeta, DatasetRecordPayload>(db, {
    kind: 'datasets',
    schemaVersion: RECORD_SCHEMA_VERSIONS.datasets,
    parseMeta: parseDatasetRecordMeta,
    parsePayload: parseDatasetRecordPayload,
  });
  const checkpoints = createRepository<CheckpointRecordMeta, CheckpointRecordPayload>(db, {
    kind: 'checkpoints',
    schemaVersion: RECORD_SCHEMA_VERSIONS.checkpoints,
    parseMeta: parseCheckpointRecordMeta,
    parsePayload: parseCheckpointRecordPayload,
  });
  const runs = createRepository<RunRecordMeta, RunRecordPayload>(db, {
    kind: 'runs',
    schemaVersion: RECORD_SCHEMA_VERSIONS.runs,
    parseMeta: parseRunRecordMeta,
    parsePayload: parseRunRecordPayload,
  });

  return {
    datasets,
    checkpoints,
    runs,
    async usage() {
      const [estimate, datasetStats, checkpointStats, runStats] = await Promise.all([
        estimateOriginStorage(),
        datasets.stats(),
        checkpoints.stats(),
        runs.stats(),
      ]);
      const perKind = { datasets: datasetStats, checkpoints: checkpointStats, runs: runStats };
      const ownBytes = datasetStats.bytes + checkpointStats.bytes + runStats.bytes;
      return { usedBytes: estimate?.usage ?? ownBytes, quotaBytes: estimate?.quota, perKind };
    },
    clearAll: () => clearLabDb(db),
    close: () => closeLabDb(db),
  };
}

/** `navigator.storage` is missing in Node, in older browsers and in some insecure contexts. */
async function estimateOriginStorage(): Promise<StorageEstimate | undefined> {
  const storage: StorageManager | undefined =
    typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.estimate !== 'function') return undefined;
  try {
    return await storage.estimate();
  } catch {
    return undefined;
  }
}
