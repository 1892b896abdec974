/**
 * Which swept parameters the metric depends on most. With enough runs, a small random forest is
 * fitted to the metric (its log when every value is positive: losses span decades) and each
 * parameter's permutation importance is read off: how much worse the forest predicts when that
 * parameter's column is shuffled. With too few runs for a forest to mean anything, it falls back
 * to |Spearman rank correlation| between each parameter and the metric. Scores sum to 1 for the
 * forest; correlations are in [0, 1]. Choices and yes/no values are coded as category indices.
 */
import { RandomForestRegression } from 'ml-random-forest';
import { seededRandom } from './plan';
import type { SweepValue } from './sweepParams';

/** Fewer runs than this get correlations rather than a forest. */
export const MIN_FOREST_RUNS = 10;

export interface ImportanceRow {
  values: Readonly<Record<string, SweepValue>>;
  metric: number;
}

export interface ImportanceResult {
  method: 'forest' | 'correlation';
  /** One per parameter id, in the order given. */
  scores: { id: string; score: number }[];
  /** Runs with a finite metric, the ones used. */
  runs: number;
}

/** Each parameter's column as numbers: numbers as they are, other values by category index. */
function encode(rows: readonly ImportanceRow[], ids: readonly string[]): number[][] {
  const columns = ids.map((id) => {
    const raw = rows.map((r) => r.values[id]);
    if (raw.every((v) => typeof v === 'number')) return raw as number[];
    const categories = [...new Set(raw.map((v) => String(v)))].sort();
    return raw.map((v) => categories.indexOf(String(v)));
  });
  return rows.map((_, i) => columns.map((c) => c[i]!));
}

/** Average ranks (ties share their mean rank). */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

function meanSquaredError(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0) / a.length;
}

function forestImportance(x: number[][], y: number[], seed: number): number[] {
  const features = x[0]!.length;
  const forest = new RandomForestRegression({
    nEstimators: 40,
    maxFeatures: features,
    replacement: true,
    useSampleBagging: true,
    noOOB: true,
    seed,
  });
  forest.train(x, y);
  const base = meanSquaredError(forest.predict(x), y);
  const random = seededRandom(seed);
  const repeats = 5;
  const raw = Array.from({ length: features }, (_, j) => {
    let increase = 0;
    for (let r = 0; r < repeats; r++) {
      const column = x.map((row) => row[j]!);
      for (let i = column.length - 1; i > 0; i--) {
        const k = Math.floor(random() * (i + 1));
        [column[i], column[k]] = [column[k]!, column[i]!];
      }
      const shuffled = x.map((row, i) => row.map((v, c) => (c === j ? column[i]! : v)));
      increase += meanSquaredError(forest.predict(shuffled), y) - base;
    }
    return Math.max(0, increase / repeats);
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => (total > 0 ? v / total : 0));
}

/** The importance of each parameter id for the rows' metric (rows with a non-finite metric are left out). */
export function parameterImportance(
  rows: readonly ImportanceRow[],
  ids: readonly string[],
  seed = 1,
): ImportanceResult {
  const used = rows.filter((r) => Number.isFinite(r.metric));
  const x = encode(used, ids);
  const metric = used.map((r) => r.metric);
  const y = metric.every((m) => m > 0) ? metric.map(Math.log10) : metric;
  const varies = ids.map((_, j) => new Set(x.map((row) => row[j])).size > 1);
  if (used.length >= MIN_FOREST_RUNS && ids.length > 0 && varies.some(Boolean)) {
    const scores = forestImportance(x, y, seed);
    return {
      method: 'forest',
      scores: ids.map((id, j) => ({ id, score: varies[j] ? scores[j]! : 0 })),
      runs: used.length,
    };
  }
  return {
    method: 'correlation',
    scores: ids.map((id, j) => ({
      id,
      score:
        used.length < 2
          ? 0
          : Math.abs(
              spearman(
                x.map((row) => row[j]!),
                y,
              ),
            ),
    })),
    runs: used.length,
  };
}
