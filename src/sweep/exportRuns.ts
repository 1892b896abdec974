/**
 * Runs as a table for export: one row per run with its name, model, dataset, status, steps, final
 * loss and validation metrics, its sweep, and every training option and config value in columns
 * of their own (`options.peakLr`, `config.maskRatio`); as CSV (RFC 4180 quoting) or JSON.
 */
import type { RunRecordMeta } from '../storage/runRecords';

export interface ExportableRun {
  id: string;
  name: string;
  meta: RunRecordMeta;
}

export type Cell = string | number | boolean | undefined;

export interface RunTable {
  columns: string[];
  rows: Cell[][];
}

const FIXED = ['id', 'name', 'model', 'dataset', 'status', 'step', 'startedAt', 'sweepId', 'sweep'];

/** Every run in one table; a column appears when any run has a value for it. */
export function runTable(runs: readonly ExportableRun[]): RunTable {
  const union = (pick: (meta: RunRecordMeta) => object | undefined) =>
    [...new Set(runs.flatMap((r) => Object.keys(pick(r.meta) ?? {})))].sort();
  const metrics = union((m) => m.finalMetrics);
  const options = union((m) => m.options);
  const config = union((m) => m.config);
  const columns = [
    ...FIXED,
    'finalLoss',
    ...metrics.map((m) => `metric.${m}`),
    ...options.map((o) => `options.${o}`),
    ...config.map((c) => `config.${c}`),
  ];
  const rows = runs.map(({ id, name, meta }): Cell[] => {
    const runOptions = meta.options as Readonly<Record<string, Cell>>;
    return [
      id,
      name,
      meta.modelId,
      meta.datasetName,
      meta.status,
      meta.step,
      new Date(meta.startedAt).toISOString(),
      meta.sweep?.id,
      meta.sweep?.name,
      meta.finalLoss,
      ...metrics.map((m) => meta.finalMetrics?.[m]),
      ...options.map((o) => runOptions[o]),
      ...config.map((c) => meta.config[c]),
    ];
  });
  return { columns, rows };
}

/** One CSV field: quoted when it holds a comma, quote, or line break; quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === undefined) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: a header line, then one line per run, CRLF-separated. */
export function toCsv(table: RunTable): string {
  return (
    [table.columns, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
  );
}

/** The runs as JSON: an array of `{ id, name, meta }` exactly as stored. */
export function toJson(runs: readonly ExportableRun[]): string {
  return JSON.stringify(
    runs.map(({ id, name, meta }) => ({ id, name, meta })),
    null,
    2,
  );
}
