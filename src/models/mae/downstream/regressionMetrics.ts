/**
 * Scores of a coefficient regression on scaled targets: the masked MSE over the coefficients each
 * trajectory has (MAE-PDE's test metric) and, per equation's coefficient, R² and MSE.
 */
import type { CoefficientColumn, CoefficientTargets } from './coefficients';

export interface ColumnScore {
  label: string;
  equation: string;
  name: string;
  /** Trajectories scored. */
  count: number;
  mse: number;
  /** 1 − SS_res / SS_tot; NaN when every true value is the same. */
  r2: number;
}

/** Mean squared error over the present entries of [rows, slots] arrays. */
export function maskedMse(
  predictions: ArrayLike<number>,
  values: ArrayLike<number>,
  present: ArrayLike<number>,
): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < present.length; i++) {
    if (!present[i]) continue;
    const d = predictions[i]! - values[i]!;
    sum += d * d;
    count += 1;
  }
  return count > 0 ? sum / count : NaN;
}

/**
 * R² and MSE of one column over the rows `rows` of the targets whose equation is the column's;
 * `predictions` is [rows.length, slots], row k predicting trajectory rows[k].
 */
export function scoreColumn(
  predictions: ArrayLike<number>,
  targets: CoefficientTargets,
  rows: readonly number[],
  column: CoefficientColumn,
): ColumnScore {
  const slots = targets.slots.length;
  const truth: number[] = [];
  const guess: number[] = [];
  rows.forEach((n, k) => {
    if (targets.equations[n] !== column.equation || !targets.present[n * slots + column.slot])
      return;
    truth.push(targets.values[n * slots + column.slot]!);
    guess.push(predictions[k * slots + column.slot]!);
  });
  const count = truth.length;
  const mean = truth.reduce((s, v) => s + v, 0) / Math.max(1, count);
  let residual = 0;
  let total = 0;
  truth.forEach((v, i) => {
    residual += (guess[i]! - v) ** 2;
    total += (v - mean) ** 2;
  });
  return {
    label: column.label,
    equation: column.equation,
    name: column.name,
    count,
    mse: count > 0 ? residual / count : NaN,
    r2: count > 1 && total > 1e-12 ? 1 - residual / total : NaN,
  };
}

/** Mean and sample standard deviation (0 for one value). */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, std: 0 };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, std: Math.sqrt(variance) };
}
