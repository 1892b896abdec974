/**
 * The automatic backend choice from a calibration table, and the words that explain it. Pure (no
 * tfjs, no browser), shared by the worker and the UI.
 *
 * Rules: the backend with the least time for one training step plus one solver step wins; a GPU
 * that is really a software renderer never beats WebAssembly, whatever the timings say (its speed
 * swings with the load on the CPU it emulates on, and it blocks the CPU that WebAssembly would use).
 */
import type { BackendChoice, BackendName, Calibration, CalibrationEntry } from './protocol';
import { BACKENDS } from './protocol';

/** Bump when the probe workloads change, so stored timings of the old ones are not reused. */
export const CALIBRATION_VERSION = 1;

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'JavaScript',
};

/** Milliseconds for one training step plus one solver step; undefined unless fully measured. */
export function entryCost(entry: CalibrationEntry): number | undefined {
  if (entry.outcome !== 'measured' || entry.trainMs === undefined || entry.solverMs === undefined)
    return undefined;
  return entry.trainMs + entry.solverMs;
}

/**
 * At least how many milliseconds the entry costs: its time or, when a timed step was cut off, the
 * steps it finished plus the time the unfinished one had run. A cut-off warm-up step includes
 * one-off compilation, so it bounds nothing and gives undefined.
 */
function costAtLeast(entry: CalibrationEntry): number | undefined {
  const cost = entryCost(entry);
  if (cost !== undefined) return cost;
  if (entry.outcome !== 'cut-off' || entry.cutOffDuring === 'warm-up') return undefined;
  return (entry.trainMs ?? 0) + (entry.solverMs ?? 0) + (entry.budgetMs ?? 0);
}

/** The fastest backend by the rules above; undefined when none was measured. */
export function chooseFromCalibration(
  entries: readonly CalibrationEntry[],
): BackendName | undefined {
  const wasmRuns = entries.some((e) => e.backend === 'wasm' && entryCost(e) !== undefined);
  const eligible = entries.filter(
    (e) => entryCost(e) !== undefined && !(wasmRuns && e.software !== undefined),
  );
  // Ties go to the usual order (GPU first).
  const ranked = [...eligible].sort(
    (a, b) =>
      entryCost(a)! - entryCost(b)! || BACKENDS.indexOf(a.backend) - BACKENDS.indexOf(b.backend),
  );
  return ranked[0]?.backend;
}

/** The key stored calibrations are filed under: the same browser, adapter and probes. */
export function calibrationKey(parts: {
  userAgent: string;
  adapter: string;
  webglRenderer: string;
}): string {
  return [`v${CALIBRATION_VERSION}`, parts.userAgent, parts.adapter, parts.webglRenderer].join(
    ' || ',
  );
}

/**
 * The backend worth comparing the choice with: the one the plain order (GPU first) would have
 * used, or, when that is the choice itself, the runner-up.
 */
function comparedWith(
  chosen: BackendName,
  entries: readonly CalibrationEntry[],
): CalibrationEntry | undefined {
  const others = entries
    .filter((e) => e.backend !== chosen && e.outcome !== 'failed')
    .sort((a, b) => BACKENDS.indexOf(a.backend) - BACKENDS.indexOf(b.backend));
  const chosenRank = BACKENDS.indexOf(chosen);
  const preferredByOrder = others.find((e) => BACKENDS.indexOf(e.backend) < chosenRank);
  if (preferredByOrder) return preferredByOrder;
  return [...others].sort((a, b) => (costAtLeast(a) ?? Infinity) - (costAtLeast(b) ?? Infinity))[0];
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}` : ratio.toFixed(1);
}

function describeOther(entry: CalibrationEntry): string {
  return entry.software ? 'software GPU' : BACKEND_LABELS[entry.backend];
}

function describeOtherFully(entry: CalibrationEntry): string {
  const label = BACKEND_LABELS[entry.backend];
  return entry.software ? `${label} on this software GPU (${entry.software})` : label;
}

/** Why the calibration's choice won, in a few words and in a full sentence. */
export function explainCalibratedChoice(
  chosen: BackendName,
  calibration: Calibration,
  reason: 'measured' | 'remembered',
): BackendChoice {
  const label = BACKEND_LABELS[chosen];
  const chosenEntry = calibration.entries.find((e) => e.backend === chosen);
  const chosenCost = chosenEntry ? entryCost(chosenEntry) : undefined;
  const other = comparedWith(chosen, calibration.entries);
  const when = reason === 'measured' ? 'Measured just now' : 'Measured earlier in this browser';
  const own =
    chosenEntry?.trainMs !== undefined && chosenEntry.solverMs !== undefined
      ? ` ${label} takes ${formatMs(chosenEntry.trainMs)} ms per training step and ${formatMs(chosenEntry.solverMs)} ms per solver step.`
      : '';
  let summary = 'measured fastest here';
  let comparison = 'the only backend that could run here';
  const otherCost = other && costAtLeast(other);
  if (other?.outcome === 'skipped' && other.software) {
    summary = 'preferred over software GPU';
    comparison = `preferred over ${describeOtherFully(other)}, which emulates a GPU on the CPU and was not timed`;
  } else if (other?.outcome === 'skipped') {
    summary = `faster than ${describeOther(other)}`;
    comparison = `faster than ${describeOtherFully(other)}, which runs the same kernels without SIMD and was not timed`;
  } else if (other && otherCost === undefined) {
    summary = `faster than ${describeOther(other)}`;
    comparison = `faster than ${describeOtherFully(other)}, which had not finished its first steps after ${Math.round(other.budgetMs ?? 0)} ms`;
  } else if (other && otherCost !== undefined && chosenCost !== undefined && chosenCost > 0) {
    const cutOff = other.outcome === 'cut-off';
    const ratio = otherCost / chosenCost;
    if (ratio < 1.05 && other.software && !cutOff) {
      summary = 'preferred over software GPU';
      comparison = `preferred over ${describeOtherFully(other)}, which is emulated on the CPU`;
    } else if (ratio < 1.05) {
      summary = `as fast as ${describeOther(other)}`;
      comparison = `as fast as ${describeOtherFully(other)}`;
    } else {
      const times = `${cutOff ? 'over ' : ''}${formatRatio(ratio)}×`;
      summary = `${times} faster than ${describeOther(other)}`;
      comparison = `${times} faster than ${describeOtherFully(other)}`;
    }
  }
  return {
    reason,
    summary,
    sentence: `Automatic choice: ${label}, ${comparison}.${own} ${when}; re-run the calibration in Settings.`,
    calibration,
  };
}

/** The words for a backend the setting forces. */
export function explainForcedChoice(active: BackendName, asked: BackendName): BackendChoice {
  const label = BACKEND_LABELS[active];
  if (active === asked) {
    return {
      reason: 'forced',
      summary: 'chosen in Settings',
      sentence: `${label} runs the compute because the backend setting asks for it.`,
    };
  }
  return {
    reason: 'fallback',
    summary: `${BACKEND_LABELS[asked]} did not start`,
    sentence: `${label} runs the compute: the backend setting asks for ${BACKEND_LABELS[asked]}, which did not start.`,
  };
}

/** The words when the calibration's choice (or the calibration itself) did not work out. */
export function explainFallback(active: BackendName, calibration?: Calibration): BackendChoice {
  const label = BACKEND_LABELS[active];
  const planned = calibration?.chosen;
  const summary =
    planned && planned !== active
      ? `${BACKEND_LABELS[planned]} did not start`
      : 'first that started';
  const why =
    planned && planned !== active
      ? `the measured fastest, ${BACKEND_LABELS[planned]}, did not start this time`
      : 'no backend could run the calibration, so the first one that started is used';
  return {
    reason: 'fallback',
    summary,
    sentence: `Automatic choice: ${label}, because ${why}.`,
    ...(calibration ? { calibration } : {}),
  };
}
