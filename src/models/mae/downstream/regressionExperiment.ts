/**
 * The paper's protocol for coefficient regression: for each seed, a seeded draw of nested label
 * sets from the training pool (the first 32 of the 64, and so on), then every arm trained on each
 * budget with the same head initialisation and batch order, and scored on the same test
 * trajectories. The job and the CLI both run this.
 */
import { createRng, seedFor } from '../../../pde/random';
import type { MaeModel } from '../model';
import type { RegressionArm } from './arms';
import {
  pretrainedInputs,
  trainRegressionArm,
  type RegressionSet,
  type RegressionTraining,
} from './regression';
import { maskedMse, meanStd, scoreColumn, type ColumnScore } from './regressionMetrics';

/** A label budget: a number of labelled trajectories, or the whole training pool. */
export type LabelBudget = number | 'all';

export interface RegressionProtocol {
  arms: readonly RegressionArm[];
  budgets: readonly LabelBudget[];
  seeds: readonly number[];
  training: RegressionTraining;
}

export interface RegressionRun {
  arm: RegressionArm;
  /** Labels actually used. */
  labels: number;
  seed: number;
  testMse: number;
  columns: ColumnScore[];
  /** [test, slots], scaled. */
  predictions: Float32Array;
  finalLoss: number;
}

export interface ArmBudgetSummary {
  arm: RegressionArm;
  labels: number;
  /** Test MSE over the seeds. */
  mean: number;
  std: number;
  runs: number;
  /** Mean R² per column over the seeds (NaN where undefined). */
  r2: Record<string, number>;
}

export interface RegressionExperimentResult {
  runs: RegressionRun[];
  summary: ArmBudgetSummary[];
  /** The distinct label counts, ascending. */
  labelCounts: number[];
  /** Budgets asked for that the pool could not fill, clipped to it. */
  clipped: number[];
  /** Test MSE of predicting every coefficient's mean over the whole pool: what knowing nothing scores. */
  meanBaselineMse: number;
}

export interface ExperimentHooks {
  yieldStep?: () => Promise<void>;
  /** fraction in [0, 1] of all training steps. */
  progress?: (fraction: number, message: string) => void;
  onRun?: (run: RegressionRun) => void;
}

const LABEL_STREAM = 5200;

/** The label counts the budgets ask for on a pool of `poolSize`, ascending and distinct. */
export function labelCounts(
  budgets: readonly LabelBudget[],
  poolSize: number,
): { counts: number[]; clipped: number[] } {
  const clipped: number[] = [];
  const counts = budgets.map((b) => {
    if (b === 'all') return poolSize;
    if (!Number.isInteger(b) || b < 1) {
      throw new RangeError(`A label budget must be a whole number ≥ 1 or "all" (got ${b}).`);
    }
    if (b > poolSize) clipped.push(b);
    return Math.min(b, poolSize);
  });
  return { counts: [...new Set(counts)].sort((a, b) => a - b), clipped };
}

/** The seed's shuffle of the pool: budget b labels its first b trajectories. */
export function labelOrder(pool: readonly number[], seed: number): number[] {
  const rng = createRng(seedFor(seed, 0, LABEL_STREAM));
  const order = [...pool];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.integer(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function summarize(runs: readonly RegressionRun[]): ArmBudgetSummary[] {
  const keys = [...new Set(runs.map((r) => `${r.arm}|${r.labels}`))];
  return keys.map((key) => {
    const group = runs.filter((r) => `${r.arm}|${r.labels}` === key);
    const { mean, std } = meanStd(group.map((r) => r.testMse));
    const labels = [...new Set(group.flatMap((r) => r.columns.map((c) => c.label)))];
    const r2 = Object.fromEntries(
      labels.map((label) => {
        const values = group
          .map((r) => r.columns.find((c) => c.label === label)?.r2 ?? NaN)
          .filter(Number.isFinite);
        return [label, values.length ? meanStd(values).mean : NaN];
      }),
    );
    return { arm: group[0]!.arm, labels: group[0]!.labels, mean, std, runs: group.length, r2 };
  });
}

/** Each slot's mean over the pool's present values, repeated for `rows` predictions. */
function poolMeans(set: RegressionSet, pool: readonly number[], rows: number): Float32Array {
  const slots = set.targets.slots.length;
  const sums: number[] = new Array<number>(slots).fill(0);
  const counts: number[] = new Array<number>(slots).fill(0);
  for (const n of pool) {
    for (let s = 0; s < slots; s++) {
      if (!set.targets.present[n * slots + s]) continue;
      sums[s] = sums[s]! + set.targets.values[n * slots + s]!;
      counts[s] = counts[s]! + 1;
    }
  }
  const means = sums.map((sum, s) => (counts[s]! > 0 ? sum / counts[s]! : 0));
  return Float32Array.from({ length: rows * slots }, (_, i) => means[i % slots]!);
}

export async function runRegressionExperiment(
  pretrained: MaeModel,
  set: RegressionSet,
  pool: readonly number[],
  test: readonly number[],
  protocol: RegressionProtocol,
  hooks: ExperimentHooks = {},
): Promise<RegressionExperimentResult> {
  if (protocol.arms.length === 0) throw new RangeError('Choose at least one arm.');
  if (protocol.seeds.length === 0) throw new RangeError('Give at least one seed.');
  if (pool.length === 0) throw new RangeError('The dataset has no training trajectory to label.');
  if (test.length === 0) throw new RangeError('The dataset has no test trajectory to score on.');
  const { counts, clipped } = labelCounts(protocol.budgets, pool.length);
  const inputs = await pretrainedInputs(pretrained, set);
  const slots = set.targets.slots.length;
  const testValues = new Float32Array(test.length * slots);
  const testPresent = new Float32Array(test.length * slots);
  test.forEach((n, k) => {
    testValues.set(set.targets.values.subarray(n * slots, (n + 1) * slots), k * slots);
    testPresent.set(set.targets.present.subarray(n * slots, (n + 1) * slots), k * slots);
  });
  const columns = set.targets.columns.filter((c) =>
    test.some((n) => set.targets.equations[n] === c.equation),
  );

  const meanBaselineMse = maskedMse(poolMeans(set, pool, test.length), testValues, testPresent);

  const total = protocol.seeds.length * counts.length * protocol.arms.length;
  const runs: RegressionRun[] = [];
  for (const seed of protocol.seeds) {
    const order = labelOrder(pool, seed);
    for (const labels of counts) {
      for (const arm of protocol.arms) {
        const done = runs.length;
        const message = `${arm} · ${labels} labels · seed ${seed} (${done + 1} of ${total})`;
        hooks.progress?.(done / total, message);
        const result = await trainRegressionArm(
          inputs,
          set,
          { arm, train: order.slice(0, labels), test, seed },
          protocol.training,
          {
            yieldStep: hooks.yieldStep,
            onMetrics: (m) => {
              if (m.step % 25 === 0) {
                hooks.progress?.((done + m.step / protocol.training.steps) / total, message);
              }
            },
          },
        );
        const run: RegressionRun = {
          arm,
          labels,
          seed,
          testMse: maskedMse(result.predictions, testValues, testPresent),
          columns: columns.map((c) => scoreColumn(result.predictions, set.targets, test, c)),
          predictions: result.predictions,
          finalLoss: result.losses.at(-1) ?? NaN,
        };
        runs.push(run);
        hooks.onRun?.(run);
      }
    }
  }
  hooks.progress?.(1, `Trained ${total} models`);
  return { runs, summary: summarize(runs), labelCounts: counts, clipped, meanBaselineMse };
}
