/**
 * The Results panel's state: the saved models that fill hidden patches (newest first), what to evaluate on
 * (dataset, split, mask ratio, strategy, windows, seed), the evaluation job and the ratio sweep
 * run in the worker, and their latest results, kept when a later job fails or is stopped.
 */
import { create } from 'zustand';
import type { MaskStrategy } from '../data/masks/strategies';
import {
  DEFAULT_WINDOWS_PER_GROUP,
  type EvaluateModelParams,
  type EvaluateModelResult,
  type EvaluationSplit,
} from '../runtime/jobs/evaluateModelConfig';
import { errorMessage } from '../util/errorMessage';
import { useJobs } from './jobsStore';
import { reconstructingModels, type ReconstructingModel } from './savedModels';
import type { Outcome } from './outcome';
import { labStorage } from './storageStore';

export type ResultsJob = 'evaluation' | 'sweep';

/** What to evaluate on; unset ids and ratio mean the newest model, the newest dataset, the model's ratio. */
export interface ResultsChoices {
  checkpointId?: string;
  datasetId?: string;
  split: EvaluationSplit;
  ratio?: number;
  strategy: MaskStrategy;
  windowsPerGroup: number;
  seed: number;
}

/** A finished job's result with what it was asked. */
export interface Evaluated {
  params: EvaluateModelParams;
  result: EvaluateModelResult;
  datasetName: string;
}

/** The model and dataset a job runs on. */
export interface ResultsTarget {
  model: ReconstructingModel;
  dataset: { id: string; name: string };
}

interface ResultsState {
  models: ReconstructingModel[];
  modelsListed: boolean;
  /** The dataset each checkpoint was trained on, by checkpoint id. */
  trainedOn: Record<string, string>;
  choices: ResultsChoices;
  activeJobId?: string;
  activeJob?: ResultsJob;
  evaluation?: Evaluated;
  sweep?: Evaluated;
  outcome?: Outcome;
  /** The job the outcome is about (none: listing the models). */
  outcomeOf?: ResultsJob;
  refreshModels(): Promise<void>;
  choose(change: Partial<ResultsChoices>): void;
  /** Scores the model per equation at the chosen ratio. */
  evaluate(target: ResultsTarget): void;
  /** Scores the model per equation at each ratio. */
  runSweep(target: ResultsTarget, ratios: number[]): void;
  stop(): void;
}

/** The chosen model while it is saved, else the newest. */
export function chosenModel(
  models: readonly ReconstructingModel[],
  checkpointId: string | undefined,
): ReconstructingModel | undefined {
  return models.find((m) => m.checkpointId === checkpointId) ?? models[0];
}

const SPLIT_WORDS: Record<EvaluationSplit, string> = {
  validation: 'validation trajectories',
  test: 'test trajectories',
  all: 'trajectories',
};

export const useResults = create<ResultsState>()((set, get) => {
  const launch = (job: ResultsJob, target: ResultsTarget, ratios: number[]) => {
    if (get().activeJobId) return;
    const { choices } = get();
    const params: EvaluateModelParams = {
      checkpointId: target.model.checkpointId,
      datasetId: target.dataset.id,
      split: choices.split,
      ratios,
      strategy: choices.strategy,
      windowsPerGroup: choices.windowsPerGroup,
      seed: choices.seed,
    };
    const { id, outcome } = useJobs.getState().start('evaluateModel', params, {
      title: job === 'sweep' ? 'Mask-ratio sweep' : 'Evaluation',
    });
    set({ activeJobId: id, activeJob: job, outcome: undefined, outcomeOf: job });
    void outcome.then((done) => {
      const what = job === 'sweep' ? 'The sweep' : 'The evaluation';
      if (done.status !== 'done') {
        set({
          activeJobId: undefined,
          activeJob: undefined,
          outcome:
            done.status === 'cancelled'
              ? { tone: 'info', text: `${what} stopped; earlier results stay shown.` }
              : { tone: 'problem', text: `${what} failed: ${done.error}` },
        });
        return;
      }
      const evaluated = { params, result: done.result, datasetName: target.dataset.name };
      const first = done.result.rows[0]?.equations ?? [];
      const trajectories = first.reduce((sum, e) => sum + e.trajectories, 0);
      const skipped = done.result.skipped.map((s) => s.reason).join('; ');
      set({
        activeJobId: undefined,
        activeJob: undefined,
        ...(job === 'sweep' ? { sweep: evaluated } : { evaluation: evaluated }),
        outcome: {
          tone: 'info',
          text:
            `Scored on ${trajectories} ${SPLIT_WORDS[params.split]} of “${target.dataset.name}”.` +
            (skipped ? ` Left out: ${skipped}.` : ''),
        },
      });
    });
  };

  return {
    models: [],
    modelsListed: false,
    trainedOn: {},
    choices: {
      split: 'validation',
      strategy: 'random',
      windowsPerGroup: DEFAULT_WINDOWS_PER_GROUP,
      seed: 0,
    },

    async refreshModels() {
      try {
        const storage = await labStorage();
        const [runs, checkpoints] = await Promise.all([
          storage.runs.list(),
          storage.checkpoints.list(),
        ]);
        set({
          models: reconstructingModels(runs.records, checkpoints.records),
          trainedOn: Object.fromEntries(checkpoints.records.map((c) => [c.id, c.meta.datasetId])),
          modelsListed: true,
        });
      } catch (error) {
        set({
          modelsListed: true,
          outcomeOf: undefined,
          outcome: {
            tone: 'problem',
            text: `Trained models cannot be listed: ${errorMessage(error)}`,
          },
        });
      }
    },

    choose(change) {
      set((s) => ({ choices: { ...s.choices, ...change } }));
    },

    evaluate(target) {
      launch('evaluation', target, [get().choices.ratio ?? target.model.maskedWindow.maskRatio]);
    },

    runSweep(target, ratios) {
      launch('sweep', target, ratios);
    },

    stop() {
      const id = get().activeJobId;
      if (id) useJobs.getState().cancel(id);
    },
  };
});
