/** The coefficient-regression job's parameters and result: plain data the UI may import. */
import type { CoefficientColumn } from '../downstream/coefficients';
import type { RegressionArm } from '../downstream/arms';
import type {
  ArmBudgetSummary,
  LabelBudget,
  RegressionRun,
} from '../downstream/regressionExperiment';

export interface RegressionExperimentParams {
  /** The pretrained MAE (lab storage). */
  checkpointId: string;
  /** A saved dataset with coefficients: its train split is the label pool, its test split (else validation) is scored. */
  datasetId: string;
  arms: RegressionArm[];
  budgets: LabelBudget[];
  seeds: number[];
  steps: number;
  batchSize: number;
  lr: number;
}

/** The test trajectories' true scaled coefficients, for the predicted-vs-true scatter. */
export interface RegressionTruth {
  equations: string[];
  /** [test, slots] */
  values: Float32Array;
  present: Float32Array;
}

export interface RegressionExperimentResult {
  runs: RegressionRun[];
  summary: ArmBudgetSummary[];
  labelCounts: number[];
  /** Budgets larger than the pool, run with the whole pool. */
  clipped: number[];
  /** Test MSE of predicting each coefficient's pool mean. */
  meanBaselineMse: number;
  slots: string[];
  columns: CoefficientColumn[];
  truth: RegressionTruth;
  /** Trajectories in the label pool and in the scored split. */
  pool: number;
  scored: { split: 'test' | 'validation'; count: number };
  /** The encoder's run and training steps. */
  runName: string;
  step: number;
}

export const REGRESSION_LIMITS = { maxSteps: 20_000, maxSeeds: 10, maxBatch: 256 } as const;

/** Why the parameters cannot run, in words for the panel, or undefined. */
export function regressionParamsProblem(
  params: Pick<
    RegressionExperimentParams,
    'arms' | 'budgets' | 'seeds' | 'steps' | 'batchSize' | 'lr'
  >,
): string | undefined {
  if (params.arms.length === 0) return 'Choose at least one arm.';
  if (params.budgets.length === 0) return 'Give at least one label budget.';
  const bad = params.budgets.find((b) => b !== 'all' && !(Number.isInteger(b) && b >= 1));
  if (bad !== undefined) return `A label budget must be a whole number ≥ 1 or “all” (got ${bad}).`;
  if (params.seeds.length === 0 || params.seeds.length > REGRESSION_LIMITS.maxSeeds) {
    return `Use 1 to ${REGRESSION_LIMITS.maxSeeds} seeds.`;
  }
  if (
    !Number.isInteger(params.steps) ||
    params.steps < 1 ||
    params.steps > REGRESSION_LIMITS.maxSteps
  ) {
    return `Steps must be a whole number from 1 to ${REGRESSION_LIMITS.maxSteps}.`;
  }
  if (
    !Number.isInteger(params.batchSize) ||
    params.batchSize < 1 ||
    params.batchSize > REGRESSION_LIMITS.maxBatch
  ) {
    return `The batch must be a whole number from 1 to ${REGRESSION_LIMITS.maxBatch}.`;
  }
  if (!(params.lr > 0 && params.lr < 1)) return 'The learning rate must lie between 0 and 1.';
  return undefined;
}

/** Label budgets typed as "32, 64, 128, all". */
export function parseBudgets(text: string): LabelBudget[] | string {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) return 'Give at least one label budget.';
  const budgets: LabelBudget[] = [];
  for (const part of parts) {
    if (part === 'all') budgets.push('all');
    else if (/^\d+$/.test(part) && Number(part) >= 1) budgets.push(Number(part));
    else return `“${part}” is not a label budget: use whole numbers ≥ 1 and “all”.`;
  }
  return budgets;
}

export function formatBudgets(budgets: readonly LabelBudget[]): string {
  return budgets.join(', ');
}
