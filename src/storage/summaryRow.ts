import type { SummaryRow } from './types';

export type SummaryRowCheck =
  { ok: true; row: SummaryRow } | { ok: false; id: string; reason: string };

/**
 * Checks the fixed fields of a summary row read back from the database. Rows are written only by
 * this code, but an older or newer app version (or a hand edit in dev tools) may have left
 * anything there, so nothing is assumed.
 */
export function checkSummaryRow(raw: unknown): SummaryRowCheck {
  if (typeof raw !== 'object' || raw === null) {
    return { ok: false, id: String(raw), reason: 'summary row is not an object' };
  }
  const row = raw as Record<string, unknown>;
  const id = typeof row.id === 'string' ? row.id : String(row.id);
  const problem =
    expectType(row, 'id', 'string') ??
    expectType(row, 'name', 'string') ??
    expectFiniteNumber(row, 'createdAt') ??
    expectFiniteNumber(row, 'sizeBytes') ??
    (Number.isInteger(row.schemaVersion)
      ? undefined
      : describeField(row, 'schemaVersion', 'an integer'));
  if (problem !== undefined)
    return { ok: false, id, reason: `summary row is malformed: ${problem}` };
  return { ok: true, row: row as unknown as SummaryRow };
}

function expectType(
  row: Record<string, unknown>,
  field: string,
  type: 'string',
): string | undefined {
  return typeof row[field] === type ? undefined : describeField(row, field, `a ${type}`);
}

function expectFiniteNumber(row: Record<string, unknown>, field: string): string | undefined {
  return Number.isFinite(row[field]) ? undefined : describeField(row, field, 'a finite number');
}

function describeField(row: Record<string, unknown>, field: string, expected: string): string {
  const value = row[field];
  const actual = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return `"${field}" should be ${expected}, got ${field in row ? actual : 'nothing'}`;
}
