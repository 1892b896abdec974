import { formatBytes } from './formatBytes';
import type { RecordKind } from './types';

/** A stored record exists but this version cannot read it (schema mismatch or invalid data). */
export class StorageRecordError extends Error {
  override name = 'StorageRecordError';
  readonly kind: RecordKind;
  readonly recordId: string;
  readonly reason: string;

  constructor(kind: RecordKind, recordId: string, reason: string) {
    super(`Cannot read ${kind} record "${recordId}": ${reason}`);
    this.kind = kind;
    this.recordId = recordId;
    this.reason = reason;
  }
}

/** The browser refused a write for lack of space; nothing of the write was kept. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  readonly kind: RecordKind;
  readonly requestedBytes: number;

  constructor(
    kind: RecordKind,
    recordName: string,
    requestedBytes: number,
    options?: ErrorOptions,
  ) {
    super(
      `Browser storage is full: could not save ${kind} "${recordName}" ` +
        `(about ${formatBytes(requestedBytes)}). ` +
        'Delete old datasets or checkpoints to free space, then try again.',
      options,
    );
    this.kind = kind;
    this.requestedBytes = requestedBytes;
  }
}

/** Firefox used its own name before adopting the standard one. */
const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

export function isQuotaExceededError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    typeof error.name === 'string' &&
    QUOTA_ERROR_NAMES.has(error.name)
  );
}
