/**
 * A typed repository for one record kind. Kind-specific shapes enter only through the parsers, so
 * new record types need no change here.
 */
import { PAYLOADS_STORE, payloadKey, payloadRangeOfKind, type LabDb } from './db';
import { StorageFullError, StorageRecordError, isQuotaExceededError } from './errors';
import { newRecordId } from './recordId';
import { estimateSizeBytes } from './sizeEstimate';
import { checkSummaryRow } from './summaryRow';
import type { PayloadRow, RecordKind, SkippedRecord, Summary } from './types';
import { errorMessage } from '../util/errorMessage';

export interface RepositoryOptions<Meta, Payload> {
  kind: RecordKind;
  /** The record schema version this code writes and the only one it reads. */
  schemaVersion: number;
  /** Validates stored or incoming meta; throws an Error describing what is wrong. */
  parseMeta: (value: unknown) => Meta;
  /** Validates stored or incoming payload; throws an Error describing what is wrong. */
  parsePayload: (value: unknown) => Payload;
  /** Clock for `createdAt`; defaults to `Date.now`. */
  now?: () => number;
}

export interface PutInput<Meta, Payload> {
  /** Omit for a new random id; an existing id replaces that record. */
  id?: string;
  name: string;
  meta: Meta;
  payload: Payload;
}

export interface ListResult<Meta> {
  /** Newest first. */
  records: Summary<Meta>[];
  /** Records present but unreadable by this version, with the reason. */
  skipped: SkippedRecord[];
}

export interface StoredRecord<Meta, Payload> {
  summary: Summary<Meta>;
  payload: Payload;
}

export interface KindStats {
  /** All stored records of the kind, readable or not. */
  count: number;
  bytes: number;
}

export interface RecordRepository<Meta, Payload> {
  readonly kind: RecordKind;
  readonly schemaVersion: number;
  /** Validates, then writes summary and payload atomically. Throws StorageFullError on quota. */
  put(input: PutInput<Meta, Payload>): Promise<Summary<Meta>>;
  /** Reads summaries only, never payloads. Unreadable records are skipped, not thrown. */
  list(): Promise<ListResult<Meta>>;
  /** Undefined when absent; throws StorageRecordError when present but unreadable. */
  get(id: string): Promise<StoredRecord<Meta, Payload> | undefined>;
  /** Deletes readable and unreadable records alike; a missing id is not an error. */
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
  /** Count and summed sizeBytes, from summaries only. */
  stats(): Promise<KindStats>;
}

type SummaryRead<Meta> =
  { ok: true; summary: Summary<Meta> } | { ok: false; id: string; reason: string };

export function createRepository<Meta, Payload>(
  db: LabDb,
  options: RepositoryOptions<Meta, Payload>,
): RecordRepository<Meta, Payload> {
  const { kind, schemaVersion, parseMeta, parsePayload, now = Date.now } = options;

  const readSummary = (raw: unknown): SummaryRead<Meta> => {
    const checked = checkSummaryRow(raw);
    if (!checked.ok) return checked;
    const { row } = checked;
    if (row.schemaVersion !== schemaVersion) {
      const reason = `written by schema v${row.schemaVersion}, this version reads v${schemaVersion}`;
      return { ok: false, id: row.id, reason };
    }
    try {
      return { ok: true, summary: { ...row, meta: parseMeta(row.meta) } };
    } catch (error) {
      return { ok: false, id: row.id, reason: `invalid meta: ${errorMessage(error)}` };
    }
  };

  return {
    kind,
    schemaVersion,

    async put(input) {
      const meta = validateForWrite(kind, input.name, 'meta', () => parseMeta(input.meta));
      const payload = validateForWrite(kind, input.name, 'payload', () =>
        parsePayload(input.payload),
      );
      const summary: Summary<Meta> = {
        id: input.id ?? newRecordId(),
        name: input.name,
        createdAt: now(),
        sizeBytes: estimateSizeBytes({ meta, payload }),
        schemaVersion,
        meta,
      };
      const payloadRow: PayloadRow = { kind, id: summary.id, payload };

      const tx = db.transaction([kind, PAYLOADS_STORE], 'readwrite');
      const pending: Promise<unknown>[] = [tx.done];
      try {
        pending.push(tx.objectStore(kind).put(summary));
        pending.push(tx.objectStore(PAYLOADS_STORE).put(payloadRow));
        await Promise.all(pending);
      } catch (error) {
        // A put that throws synchronously (e.g. DataCloneError) does not abort the transaction by
        // itself, and the summary write may already be queued: abort so neither half is kept.
        abortQuietly(tx);
        await Promise.allSettled(pending);
        // Browsers report quota either on the failing request or only on the aborted transaction.
        if (isQuotaExceededError(error) || isQuotaExceededError(tx.error)) {
          throw new StorageFullError(kind, input.name, summary.sizeBytes, { cause: error });
        }
        throw error;
      }
      return summary;
    },

    async list() {
      const rows: unknown[] = await db.getAll(kind);
      const records: Summary<Meta>[] = [];
      const skipped: SkippedRecord[] = [];
      for (const raw of rows) {
        const read = readSummary(raw);
        if (read.ok) records.push(read.summary);
        else skipped.push({ id: read.id, kind, reason: read.reason });
      }
      records.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
      return { records, skipped };
    },

    async get(id) {
      const tx = db.transaction([kind, PAYLOADS_STORE], 'readonly');
      const [rawSummary, rawPayload] = await Promise.all([
        tx.objectStore(kind).get(id) as Promise<unknown>,
        tx.objectStore(PAYLOADS_STORE).get(payloadKey(kind, id)) as Promise<unknown>,
        tx.done,
      ]);
      if (rawSummary === undefined) return undefined;
      const read = readSummary(rawSummary);
      if (!read.ok) throw new StorageRecordError(kind, id, read.reason);
      if (typeof rawPayload !== 'object' || rawPayload === null || !('payload' in rawPayload)) {
        throw new StorageRecordError(kind, id, 'its payload is missing');
      }
      try {
        return { summary: read.summary, payload: parsePayload(rawPayload.payload) };
      } catch (error) {
        throw new StorageRecordError(kind, id, `invalid payload: ${errorMessage(error)}`);
      }
    },

    async delete(id) {
      const tx = db.transaction([kind, PAYLOADS_STORE], 'readwrite');
      await Promise.all([
        tx.objectStore(kind).delete(id),
        tx.objectStore(PAYLOADS_STORE).delete(payloadKey(kind, id)),
        tx.done,
      ]);
    },

    async clear() {
      const tx = db.transaction([kind, PAYLOADS_STORE], 'readwrite');
      await Promise.all([
        tx.objectStore(kind).clear(),
        tx.objectStore(PAYLOADS_STORE).delete(payloadRangeOfKind(kind)),
        tx.done,
      ]);
    },

    async stats() {
      const rows: unknown[] = await db.getAll(kind);
      let bytes = 0;
      for (const raw of rows) {
        const checked = checkSummaryRow(raw);
        if (checked.ok) bytes += Math.max(0, checked.row.sizeBytes);
      }
      return { count: rows.length, bytes };
    },
  };
}

/** Refuses to store what this version could not read back. */
function validateForWrite<T>(
  kind: RecordKind,
  name: string,
  part: 'meta' | 'payload',
  parse: () => T,
): T {
  try {
    return parse();
  } catch (error) {
    throw new Error(`Refusing to save ${kind} "${name}": invalid ${part}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already aborted or finished.
  }
}
