/**
 * The Results panel's words and numbers: equation titles, the all-equations row, a plain-words
 * verdict of MAE against the best baseline, the sweep's series, and reading a list of ratios.
 */
import { MAX_MASK_RATIO } from '../../../data/masks/strategies';
import { PDE_CATALOG } from '../../../pde/catalog';
import type {
  EquationErrors,
  EvaluateModelResult,
} from '../../../runtime/jobs/evaluateModelConfig';

/** The id of the row (and sweep choice) that averages every equation. */
export const ALL_EQUATIONS = 'all';

export const BASELINE_NAMES = {
  linear: 'Linear interpolation',
  nearest: 'Nearest visible patch',
} as const;

/** The catalogue's title of a known equation id, else the id itself. */
export function equationTitle(id: string): string {
  if (id === ALL_EQUATIONS) return 'All equations (mean)';
  return Object.hasOwn(PDE_CATALOG, id) ? PDE_CATALOG[id as keyof typeof PDE_CATALOG].title : id;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The mean of the equations' errors (each equation counts once), their trajectories summed. */
export function allEquationsRow(rows: readonly EquationErrors[]): EquationErrors {
  return {
    id: ALL_EQUATIONS,
    trajectories: rows.reduce((sum, r) => sum + r.trajectories, 0),
    windows: rows.reduce((sum, r) => sum + r.windows, 0),
    relL2: mean(rows.map((r) => r.relL2)),
    relL2Linear: mean(rows.map((r) => r.relL2Linear)),
    relL2Nearest: mean(rows.map((r) => r.relL2Nearest)),
  };
}

/**
 * "MAE 38% lower than the best baseline (linear interpolation)", "Linear interpolation wins by
 * 12%" (its error is 12% below the MAE's), or "About even with …" when they round to the same.
 */
export function verdict(
  row: Pick<EquationErrors, 'relL2' | 'relL2Linear' | 'relL2Nearest'>,
): string {
  const { relL2: mae, relL2Linear: linear, relL2Nearest: nearest } = row;
  if (![mae, linear, nearest].every(Number.isFinite)) return 'No verdict: an error is not a number';
  const [name, best] =
    linear <= nearest ? [BASELINE_NAMES.linear, linear] : [BASELINE_NAMES.nearest, nearest];
  if (mae < best) {
    const percent = Math.round((100 * (best - mae)) / best);
    if (percent > 0) return `MAE ${percent}% lower than the best baseline (${name.toLowerCase()})`;
  } else if (mae > best) {
    const percent = Math.round((100 * (mae - best)) / mae);
    if (percent > 0) return `${name} wins by ${percent}%`;
  }
  return `About even with the best baseline (${name.toLowerCase()})`;
}

/** True when the MAE's error is below both baselines'. */
export function maeWins(row: Pick<EquationErrors, 'relL2' | 'relL2Linear' | 'relL2Nearest'>) {
  return row.relL2 < Math.min(row.relL2Linear, row.relL2Nearest);
}

export interface SweepSeries {
  ratios: number[];
  mae: number[];
  linear: number[];
  nearest: number[];
}

/** Error against ratio for one equation, or the mean of equations for ALL_EQUATIONS. */
export function sweepSeries(result: EvaluateModelResult, equation: string): SweepSeries {
  const series: SweepSeries = { ratios: [], mae: [], linear: [], nearest: [] };
  for (const row of result.rows) {
    const errors =
      equation === ALL_EQUATIONS
        ? allEquationsRow(row.equations)
        : row.equations.find((e) => e.id === equation);
    if (!errors) continue;
    series.ratios.push(row.ratio);
    series.mae.push(errors.relL2);
    series.linear.push(errors.relL2Linear);
    series.nearest.push(errors.relL2Nearest);
  }
  return series;
}

/** "0.1, 0.25 0.5" → [0.1, 0.25, 0.5] (sorted, without repeats), or what is wrong with it. */
export function parseRatios(text: string): { ratios: number[] } | { problem: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { problem: 'Give at least one mask ratio.' };
  const values = parts.map(Number);
  const bad = parts.find((_, i) => {
    const v = values[i]!;
    return !Number.isFinite(v) || v <= 0 || v > MAX_MASK_RATIO;
  });
  if (bad !== undefined) {
    return { problem: `“${bad}” is not a mask ratio between 0 and ${MAX_MASK_RATIO}.` };
  }
  return { ratios: [...new Set(values)].sort((a, b) => a - b) };
}
