/**
 * Coefficient regression in the Downstream panel: the protocol's settings (arms, label budgets,
 * seeds, steps), the job in the worker, and its latest result, kept when a later run fails or is
 * stopped. The "Reproduce the paper" card runs the same job at a chosen scale.
 */
import { create } from 'zustand';
import type { RegressionArm } from '../../../../../models/mae/downstream/arms';
import type { LabelBudget } from '../../../../../models/mae/downstream/regressionExperiment';
import {
  formatBudgets,
  parseBudgets,
  regressionParamsProblem,
  type RegressionExperimentParams,
  type RegressionExperimentResult,
} from '../../../../../models/mae/jobs/regressionExperimentConfig';
import type { DownstreamTarget } from './downstreamStore';
import { stopKeptJob } from '../../../../../state/keptJob';
import { startMaeJob } from './maeJob';
import type { Outcome } from '../../../../../state/outcome';

export interface RegressionChoices {
  arms: RegressionArm[];
  /** As typed: "32, 64, 128, all". */
  budgets: string;
  seeds: number;
  steps: number;
  batchSize: number;
  lr: number;
}

export type RegressionScaleId = 'demo' | 'paper';

/** The scales the "Reproduce the paper" card offers. */
export const REGRESSION_SCALES: Record<
  RegressionScaleId,
  { label: string; explanation: string; budgets: LabelBudget[]; seeds: number; steps: number }
> = {
  demo: {
    label: 'Classroom',
    explanation: '16, 64 and all labels, 2 seeds, 150 steps per model: 18 small models.',
    budgets: [16, 64, 'all'],
    seeds: 2,
    steps: 150,
  },
  paper: {
    label: 'Paper protocol',
    explanation:
      '32, 64, 128 and all labels, 3 seeds, 300 steps per model (MAE-PDE’s protocol in small): 36 models.',
    budgets: [32, 64, 128, 'all'],
    seeds: 3,
    steps: 300,
  },
};

export interface RegressionRunRecord {
  params: RegressionExperimentParams;
  result: RegressionExperimentResult;
  datasetName: string;
}

interface RegressionState {
  choices: RegressionChoices;
  activeJobId?: string;
  last?: RegressionRunRecord;
  outcome?: Outcome;
  choose(change: Partial<RegressionChoices>): void;
  /** Why the current choices cannot run, or undefined. */
  problem(): string | undefined;
  run(target: DownstreamTarget): void;
  /** Sets the choices to a scale of the paper's protocol (all three arms) and runs it. */
  reproduce(target: DownstreamTarget, scale: RegressionScaleId): void;
  stop(): void;
}

const ALL_ARMS: RegressionArm[] = ['frozen', 'finetuned', 'scratch'];

function paramsFrom(
  choices: RegressionChoices,
  target: DownstreamTarget,
): RegressionExperimentParams | string {
  const budgets = parseBudgets(choices.budgets);
  if (typeof budgets === 'string') return budgets;
  const params: RegressionExperimentParams = {
    checkpointId: target.model.checkpointId,
    datasetId: target.dataset.id,
    arms: ALL_ARMS.filter((arm) => choices.arms.includes(arm)),
    budgets,
    seeds: Array.from({ length: choices.seeds }, (_, i) => i),
    steps: choices.steps,
    batchSize: choices.batchSize,
    lr: choices.lr,
  };
  return regressionParamsProblem(params) ?? params;
}

export const useRegression = create<RegressionState>()((set, get) => ({
  choices: {
    arms: [...ALL_ARMS],
    budgets: formatBudgets(REGRESSION_SCALES.paper.budgets),
    seeds: REGRESSION_SCALES.paper.seeds,
    steps: REGRESSION_SCALES.paper.steps,
    batchSize: 16,
    lr: 1e-3,
  },

  choose(change) {
    set((s) => ({ choices: { ...s.choices, ...change } }));
  },

  problem() {
    const budgets = parseBudgets(get().choices.budgets);
    if (typeof budgets === 'string') return budgets;
    const { choices } = get();
    return regressionParamsProblem({
      ...choices,
      budgets,
      seeds: Array.from({ length: choices.seeds }, (_, i) => i),
    });
  },

  run(target) {
    if (get().activeJobId) return;
    const params = paramsFrom(get().choices, target);
    if (typeof params === 'string') {
      set({ outcome: { tone: 'problem', text: params } });
      return;
    }
    startMaeJob(
      'regressionExperiment',
      params,
      { title: 'Coefficient regression', what: 'The regression' },
      set,
      (result) => {
        set({ last: { params, result, datasetName: target.dataset.name } });
        const clipped = result.clipped.length
          ? ` The pool holds ${result.pool} labelled trajectories, so ${result.clipped.join(', ')} ran as ${result.pool}.`
          : '';
        return {
          tone: 'info',
          text: `Trained ${result.runs.length} models on “${target.dataset.name}”, scored on ${result.scored.count} ${result.scored.split} trajectories.${clipped}`,
        };
      },
    );
  },

  reproduce(target, scale) {
    const { budgets, seeds, steps } = REGRESSION_SCALES[scale];
    get().choose({ arms: [...ALL_ARMS], budgets: formatBudgets(budgets), seeds, steps });
    get().run(target);
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
