/**
 * A sweep's results read from the run records: the sweeps recorded (by their tag), each run's
 * value of a swept parameter (`options.peakLr` reads the run's options), the metrics to colour
 * and rank by (the final training loss and each final validation metric), and the best run:
 * the lowest value, since every metric the lab records is a loss or an error.
 */
import type { RunSweepTag } from '../storage/runRecords';
import type { ExportableRun } from './exportRuns';
import type { SweepValue } from './sweepParams';

export const FINAL_LOSS = 'finalLoss';

export interface RecordedSweep {
  tag: RunSweepTag;
  /** Its runs, oldest first. */
  runs: ExportableRun[];
}

/** Every sweep with runs, newest first. */
export function recordedSweeps(runs: readonly ExportableRun[]): RecordedSweep[] {
  const byId = new Map<string, RecordedSweep>();
  const newest = new Map<string, number>();
  for (const run of runs) {
    const tag = run.meta.sweep;
    if (!tag) continue;
    const sweep = byId.get(tag.id) ?? { tag, runs: [] };
    sweep.runs.push(run);
    byId.set(tag.id, sweep);
    newest.set(tag.id, Math.max(newest.get(tag.id) ?? 0, run.meta.startedAt));
  }
  for (const sweep of byId.values()) sweep.runs.sort((a, b) => a.meta.startedAt - b.meta.startedAt);
  return [...byId.values()].sort((a, b) => newest.get(b.tag.id)! - newest.get(a.tag.id)!);
}

/** A run's value of a parameter id, or undefined when its record lacks it. */
export function paramValue(run: ExportableRun, id: string): SweepValue | undefined {
  const dot = id.indexOf('.');
  const target = id.slice(0, dot);
  const name = id.slice(dot + 1);
  if (target === 'options') return (run.meta.options as Record<string, SweepValue>)[name];
  if (target === 'config') return run.meta.config[name];
  return undefined;
}

/** The metric ids the runs have: the final loss first, then the validation metrics. */
export function metricIds(runs: readonly ExportableRun[]): string[] {
  const validation = new Set(runs.flatMap((r) => Object.keys(r.meta.finalMetrics ?? {})));
  const loss = runs.some((r) => r.meta.finalLoss !== undefined) ? [FINAL_LOSS] : [];
  return [...loss, ...[...validation].sort()];
}

export function metricValue(run: ExportableRun, metricId: string): number | undefined {
  const value = metricId === FINAL_LOSS ? run.meta.finalLoss : run.meta.finalMetrics?.[metricId];
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** The run with the lowest value of the metric, among those that have it. */
export function bestRun(
  runs: readonly ExportableRun[],
  metricId: string,
): { run: ExportableRun; value: number } | undefined {
  let best: { run: ExportableRun; value: number } | undefined;
  for (const run of runs) {
    const value = metricValue(run, metricId);
    if (value !== undefined && (best === undefined || value < best.value)) best = { run, value };
  }
  return best;
}
