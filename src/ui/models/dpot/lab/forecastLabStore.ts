/**
 * The rollout lab's state (DPOT's Results view): the saved DPOT models, what to roll out (a
 * model, optionally a second to compare, a dataset, a trajectory, the rollout's length), the
 * forecast job in the worker and its latest result, kept when a later run fails or stops.
 */
import { create } from 'zustand';
import { dpotInfo } from '../../../../models/dpot/info';
import {
  DPOT_FORECAST_JOB,
  type DpotForecastParams,
  type DpotForecastResult,
  type DpotJobName,
  type DpotJobTypes,
} from '../../../../models/dpot/jobs/forecastConfig';
import { startKeptJob, stopKeptJob, type KeptJobState } from '../../../../state/keptJob';
import type { Outcome } from '../../../../state/outcome';
import { keptChoice, savedModels, type SavedModel } from '../../../../state/savedModels';
import { labStorage } from '../../../../state/storageStore';
import { errorMessage } from '../../../../util/errorMessage';

export interface RolloutLabChoices {
  checkpointId?: string;
  /** A second model to compare with; unset: none. */
  compareId?: string;
  datasetId?: string;
  /** Unset: the dataset's first test (else validation) trajectory. */
  trajectory?: number;
  /** Unset: as many as the data allow, up to DEFAULT_ROLLOUT_STEPS. */
  steps?: number;
}

/** The models, dataset, trajectory and length a rollout runs on. */
export interface RolloutTarget {
  models: SavedModel[];
  dataset: { id: string; name: string };
  trajectory: number;
  steps: number;
}

export interface RolloutRun {
  params: DpotForecastParams;
  result: DpotForecastResult;
  datasetName: string;
  /** "run · step 500", one per model. */
  modelNames: string[];
}

interface RolloutLabState extends KeptJobState {
  models: SavedModel[];
  modelsListed: boolean;
  choices: RolloutLabChoices;
  last?: RolloutRun;
  refreshModels(): Promise<void>;
  choose(change: Partial<RolloutLabChoices>): void;
  run(target: RolloutTarget): void;
  stop(): void;
}

/** Starts one of DPOT's own jobs as the worker's generic `modelJob`. */
export function startDpotJob<J extends DpotJobName>(
  job: J,
  params: DpotJobTypes[J]['params'],
  words: { title: string; what: string },
  set: (change: KeptJobState) => void,
  finish: (result: DpotJobTypes[J]['result']) => Outcome | undefined,
): void {
  startKeptJob('modelJob', { modelId: dpotInfo.id, job, params }, words, set, (result) =>
    // The worker ran this job by its name, so the result is this job's.
    finish(result as DpotJobTypes[J]['result']),
  );
}

/** A saved model as the lab names it. */
export function modelName(model: Pick<SavedModel, 'runName' | 'step'>): string {
  return `${model.runName} · step ${model.step}`;
}

export const useRolloutLab = create<RolloutLabState>()((set, get) => ({
  models: [],
  modelsListed: false,
  choices: {},

  async refreshModels() {
    try {
      const storage = await labStorage();
      const [runs, checkpoints] = await Promise.all([
        storage.runs.list(),
        storage.checkpoints.list(),
      ]);
      const models = savedModels(runs.records, checkpoints.records, {
        capability: 'forecast',
      }).filter((m) => m.modelId === dpotInfo.id);
      // Once listed, the model shown stays chosen: a run trained later does not replace it.
      const checkpointId = keptChoice(models, get().choices.checkpointId);
      const compareId = models.some((m) => m.checkpointId === get().choices.compareId)
        ? get().choices.compareId
        : undefined;
      set((s) => ({
        models,
        modelsListed: true,
        choices: { ...s.choices, checkpointId, compareId },
      }));
    } catch (error) {
      set({
        modelsListed: true,
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

  run(target) {
    if (get().activeJobId) return;
    const params: DpotForecastParams = {
      checkpointIds: target.models.map((m) => m.checkpointId),
      datasetId: target.dataset.id,
      trajectory: target.trajectory,
      steps: target.steps,
    };
    const modelNames = target.models.map(modelName);
    startDpotJob(
      DPOT_FORECAST_JOB,
      params,
      { title: 'DPOT rollout', what: 'The rollout' },
      set,
      (result) => {
        set({ last: { params, result, datasetName: target.dataset.name, modelNames } });
        const { count } = result.scored;
        return {
          tone: 'info',
          text: `Rolled out trajectory ${result.trajectory} of “${target.dataset.name}” ${target.steps} steps and scored ${count} ${count === 1 ? 'trajectory' : 'trajectories'} against persistence.`,
        };
      },
    );
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
