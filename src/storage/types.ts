/** Shared shapes of the lab's persisted records; the per-kind meta and payload types live elsewhere. */

export const RECORD_KINDS = ['datasets', 'checkpoints', 'runs'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The small, cheap-to-list part of a record. `meta` is whatever the kind's parser accepts. */
export interface Summary<Meta> {
  id: string;
  name: string;
  /** Milliseconds since the epoch, stamped on every put. */
  createdAt: number;
  /** Estimated stored size of meta + payload (typed arrays exactly, the rest roughly). */
  sizeBytes: number;
  /** The kind's record schema version this record was written with. */
  schemaVersion: number;
  meta: Meta;
}

/** A stored record this version cannot read; listing reports it instead of failing. */
export interface SkippedRecord {
  id: string;
  kind: RecordKind;
  reason: string;
}

/** A summary row as written to a kind's store, before its meta has been validated. */
export type SummaryRow = Summary<unknown>;

/** A heavy payload, kept apart from its summary so listing never loads it. */
export interface PayloadRow {
  kind: RecordKind;
  id: string;
  payload: unknown;
}
