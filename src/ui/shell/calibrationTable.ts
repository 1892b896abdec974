/** The calibration as rows of words for the Settings table. Pure, so it is unit-tested. */
import { BACKEND_LABELS, formatMs } from '../../runtime/calibrationChoice';
import type { Calibration, CalibrationEntry } from '../../runtime/protocol';

export interface CalibrationRow {
  backend: string;
  trainMs: string;
  solverMs: string;
  chosen: boolean;
  note: string;
}

export { formatMs };

function note(entry: CalibrationEntry): string {
  const software = entry.software ? `software GPU (${entry.software})` : '';
  if (entry.outcome === 'skipped') {
    const skipped = entry.problem ?? 'not timed';
    return software ? `${software}; ${skipped}` : skipped;
  }
  if (entry.outcome === 'failed') {
    const failure = `did not start: ${entry.problem ?? 'unknown reason'}`;
    return software ? `${software}; ${failure}` : failure;
  }
  if (entry.outcome === 'cut-off') {
    const what = entry.cutOffDuring === 'warm-up' ? 'the warm-up step' : `a ${entry.cutOffDuring}`;
    const cut = `cut off: ${what} took over ${formatMs(entry.budgetMs)} ms`;
    return software ? `${software}; ${cut}` : cut;
  }
  return software;
}

/** A cut-off step is at least as slow as the time it ran. */
function lowerBound(entry: CalibrationEntry, during: CalibrationEntry['cutOffDuring']): string {
  return entry.outcome === 'cut-off' && entry.cutOffDuring === during
    ? `> ${formatMs(entry.budgetMs)}`
    : '—';
}

export function calibrationRows(calibration: Calibration): CalibrationRow[] {
  return calibration.entries.map((entry) => ({
    backend: BACKEND_LABELS[entry.backend],
    trainMs:
      entry.trainMs !== undefined ? formatMs(entry.trainMs) : lowerBound(entry, 'training step'),
    solverMs:
      entry.solverMs !== undefined ? formatMs(entry.solverMs) : lowerBound(entry, 'solver step'),
    chosen: entry.backend === calibration.chosen,
    note: note(entry),
  }));
}
