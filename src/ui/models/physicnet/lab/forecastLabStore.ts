/**
 * The forecast lab's state (PhysicNet-style's Results view): the saved PhysicNet-style models,
 * what to forecast (model, dataset, trajectory), the forecast job in the worker and its latest
 * result, kept when a later run fails or stops.
 */
import { create } from 'zustand';
import { physicnetInfo } from '../../../../models/physicnet/info';
import {
  PHYSICNET_FORECAST_JOB,
  type PhysicNetForecastParams,
  type PhysicNetForecastResult,
  type PhysicNetJobName,
  type PhysicNetJobTypes,
} from '../../../../models/physicnet/jobs/forecastConfig';
import { startKeptJob, stopKeptJob, type KeptJobState } from '../../../../state/keptJob';
import type { Outcome } from '../../../../state/outcome';
import { keptChoice, savedModels, type SavedModel } from '../../../../state/savedModels';
import { labStorage } from '../../../../state/storageStore';
import { errorMessage } from '../../../../util/errorMessage';

export interface ForecastLabChoices {
  checkpointId?: string;
  datasetId?: string;
  /** Unset: the dataset's first test (else validation) trajectory. */
  trajectory?: number;
}

/** The model, dataset and trajectory a forecast runs on. */
export interface ForecastTarget {
  model: SavedModel;
  dataset: { id: string; name: string };
  trajectory: number;
}

export interface ForecastRun {
  params: PhysicNetForecastParams;
  result: PhysicNetForecastResult;
  datasetName: string;
  modelName: string;
}

interface ForecastLabState extends KeptJobState {
  models: SavedModel[];
  modelsListed: boolean;
  choices: ForecastLabChoices;
  last?: ForecastRun;
  refreshModels(): Promise<void>;
  choose(change: Partial<ForecastLabChoices>): void;
  run(target: ForecastTarget): void;
  stop(): void;
}

/** Starts one of PhysicNet-style's own jobs as the worker's generic `modelJob`. */
export function startPhysicNetJob<J extends PhysicNetJobName>(
  job: J,
  params: PhysicNetJobTypes[J]['params'],
  words: { title: string; what: string },
  set: (change: KeptJobState) => void,
  finish: (result: PhysicNetJobTypes[J]['result']) => Outcome | undefined,
): void {
  startKeptJob('modelJob', { modelId: physicnetInfo.id, job, params }, words, set, (result) =>
    // The worker ran this job by its name, so the result is this job's.
    finish(result as PhysicNetJobTypes[J]['result']),
  );
}

export const usePhysicNetLab = create<ForecastLabState>()((set, get) => ({
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
      }).filter((m) => m.modelId === physicnetInfo.id);
      // Once listed, the model shown stays chosen: a run trained later does not replace it.
      const checkpointId = keptChoice(models, get().choices.checkpointId);
      set((s) => ({ models, modelsListed: true, choices: { ...s.choices, checkpointId } }));
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
    const params: PhysicNetForecastParams = {
      checkpointId: target.model.checkpointId,
      datasetId: target.dataset.id,
      trajectory: target.trajectory,
    };
    const modelName = `${target.model.runName} · step ${target.model.step}`;
    startPhysicNetJob(
      PHYSICNET_FORECAST_JOB,
      params,
      { title: 'PhysicNet-style forecast', what: 'The forecast' },
      set,
      (result) => {
        set({ last: { params, result, datasetName: target.dataset.name, modelName } });
        const { windows } = result.scored;
        return {
          tone: 'info',
          text: `Forecast trajectory ${result.trajectory} of “${target.dataset.name}” and scored ${windows} ${windows === 1 ? 'window' : 'windows'} against persistence.`,
        };
      },
    );
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
