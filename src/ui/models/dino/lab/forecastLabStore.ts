/**
 * The forecast lab's state (DINo's Results view): the saved DINo models, what to forecast (model,
 * dataset, trajectory, sensors, display resolution), the first frame the sensors are placed on,
 * the forecast job in the worker and its latest result, kept when a later run fails or stops.
 */
import { create } from 'zustand';
import { dinoInfo } from '../../../../models/dino/info';
import {
  DINO_FIRST_FRAME_JOB,
  DINO_FORECAST_JOB,
  type DinoFirstFrameResult,
  type DinoForecastParams,
  type DinoForecastResult,
  type DinoJobName,
  type DinoJobTypes,
} from '../../../../models/dino/jobs/forecastConfig';
import { startKeptJob, stopKeptJob, type KeptJobState } from '../../../../state/keptJob';
import { useJobs } from '../../../../state/jobsStore';
import type { Outcome } from '../../../../state/outcome';
import { keptChoice, savedModels, type SavedModel } from '../../../../state/savedModels';
import { labStorage } from '../../../../state/storageStore';
import { errorMessage } from '../../../../util/errorMessage';
import { paintSensors, randomSensors, sensorsAtRate, sensorSummary } from './sensors';

export type SensorMode = 'rate' | 'painted';

/** Sensors painted by hand, on a grid of this size. */
export interface PaintedSensors {
  gridX: number;
  gridY: number;
  points: number[];
}

export interface ForecastLabChoices {
  checkpointId?: string;
  datasetId?: string;
  /** Unset: the dataset's first test (else validation) trajectory. */
  trajectory?: number;
  sensorMode: SensorMode;
  /** Unset: the model's own observed share and observation seed (the points it trained on). */
  rate?: number;
  seed?: number;
  /** How many sensors "Random sensors" places. */
  randomCount: number;
  painted?: PaintedSensors;
  /** The display grid's side. */
  resolution: number;
}

/** The model, dataset and trajectory a forecast runs on, and its sensors. */
export interface ForecastTarget {
  model: SavedModel;
  dataset: { id: string; name: string };
  trajectory: number;
  gridX: number;
  gridY: number;
  sensors: number[];
}

export interface ForecastRun {
  params: DinoForecastParams;
  result: DinoForecastResult;
  datasetName: string;
  modelName: string;
}

/** A trajectory's first frame, with what it was asked for. */
export interface FirstFrame {
  datasetId: string;
  trajectory: number;
  result: DinoFirstFrameResult;
}

interface ForecastLabState extends KeptJobState {
  models: SavedModel[];
  modelsListed: boolean;
  choices: ForecastLabChoices;
  last?: ForecastRun;
  firstFrame?: FirstFrame;
  /** The first frame being read, as "datasetId:trajectory". */
  firstFrameWanted?: string;
  firstFrameProblem?: string;
  refreshModels(): Promise<void>;
  choose(change: Partial<ForecastLabChoices>): void;
  /** Adds (`on`) or removes painted sensors on a grid; starts from `from` on a new grid. */
  paint(
    grid: { gridX: number; gridY: number },
    points: number[],
    on: boolean,
    from?: number[],
  ): void;
  /** Replaces the painted sensors with `randomCount` random ones. */
  paintRandom(grid: { gridX: number; gridY: number }, seed: number): void;
  clearPainted(grid: { gridX: number; gridY: number }): void;
  loadFirstFrame(datasetId: string, trajectory: number): void;
  run(target: ForecastTarget): void;
  stop(): void;
}

export const DEFAULT_RESOLUTION = 64;
export const DEFAULT_RANDOM_COUNT = 10;

/** The sensors the choices place on a grid: a share of it, or the painted points. */
export function chosenSensors(
  choices: ForecastLabChoices,
  model: SavedModel,
  gridX: number,
  gridY: number,
): number[] {
  if (choices.sensorMode === 'painted') {
    const { painted } = choices;
    return painted && painted.gridX === gridX && painted.gridY === gridY ? painted.points : [];
  }
  const { rate, seed } = sensorRateChoice(choices, model);
  return sensorsAtRate(gridX, gridY, rate, seed);
}

/** The share and seed chosen, or the model's own. */
export function sensorRateChoice(
  choices: Pick<ForecastLabChoices, 'rate' | 'seed'>,
  model: SavedModel,
): { rate: number; seed: number } {
  return {
    rate: choices.rate ?? Number(model.config.subsamplingRate),
    seed: choices.seed ?? Number(model.config.maskSeed),
  };
}

/** Starts one of DINo's own jobs as the worker's generic `modelJob`. */
export function startDinoJob<J extends DinoJobName>(
  job: J,
  params: DinoJobTypes[J]['params'],
  words: { title: string; what: string },
  set: (change: KeptJobState) => void,
  finish: (result: DinoJobTypes[J]['result']) => Outcome | undefined,
): void {
  startKeptJob('modelJob', { modelId: dinoInfo.id, job, params }, words, set, (result) =>
    // The worker ran this job by its name, so the result is this job's.
    finish(result as DinoJobTypes[J]['result']),
  );
}

const sameGrid = (p: PaintedSensors | undefined, g: { gridX: number; gridY: number }) =>
  p !== undefined && p.gridX === g.gridX && p.gridY === g.gridY;

export const useForecastLab = create<ForecastLabState>()((set, get) => ({
  models: [],
  modelsListed: false,
  choices: {
    sensorMode: 'rate',
    randomCount: DEFAULT_RANDOM_COUNT,
    resolution: DEFAULT_RESOLUTION,
  },

  async refreshModels() {
    try {
      const storage = await labStorage();
      const [runs, checkpoints] = await Promise.all([
        storage.runs.list(),
        storage.checkpoints.list(),
      ]);
      const models = savedModels(runs.records, checkpoints.records, {
        capability: 'forecast',
      }).filter((m) => m.modelId === dinoInfo.id);
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

  paint(grid, points, on, from = []) {
    set((s) => {
      const start = sameGrid(s.choices.painted, grid) ? s.choices.painted!.points : from;
      return {
        choices: {
          ...s.choices,
          sensorMode: 'painted',
          painted: { ...grid, points: paintSensors(start, points, on) },
        },
      };
    });
  },

  paintRandom(grid, seed) {
    set((s) => ({
      choices: {
        ...s.choices,
        sensorMode: 'painted',
        painted: {
          ...grid,
          points: randomSensors(grid.gridX * grid.gridY, s.choices.randomCount, seed),
        },
      },
    }));
  },

  clearPainted(grid) {
    set((s) => ({
      choices: { ...s.choices, sensorMode: 'painted', painted: { ...grid, points: [] } },
    }));
  },

  loadFirstFrame(datasetId, trajectory) {
    const wanted = `${datasetId}:${trajectory}`;
    const shown = get().firstFrame;
    if (get().firstFrameWanted === wanted) return;
    if (shown?.datasetId === datasetId && shown.trajectory === trajectory) return;
    set({ firstFrameWanted: wanted, firstFrameProblem: undefined });
    const params = { datasetId, trajectory };
    const { outcome } = useJobs
      .getState()
      .start(
        'modelJob',
        { modelId: dinoInfo.id, job: DINO_FIRST_FRAME_JOB, params },
        { title: 'First frame for the sensors' },
      );
    void outcome.then((done) => {
      if (get().firstFrameWanted !== wanted) return; // a later request took over
      if (done.status === 'done') {
        set({
          firstFrameWanted: undefined,
          firstFrame: { datasetId, trajectory, result: done.result as DinoFirstFrameResult },
        });
      } else {
        set({
          firstFrameWanted: undefined,
          firstFrameProblem:
            done.status === 'cancelled'
              ? 'Reading the first frame was stopped.'
              : `The first frame cannot be read: ${done.error}`,
        });
      }
    });
  },

  run(target) {
    if (get().activeJobId) return;
    if (target.sensors.length === 0) {
      set({
        outcome: {
          tone: 'problem',
          text: 'Place at least one sensor: the forecast starts from what the sensors see.',
        },
      });
      return;
    }
    const params: DinoForecastParams = {
      checkpointId: target.model.checkpointId,
      datasetId: target.dataset.id,
      trajectory: target.trajectory,
      sensors: target.sensors,
      resolution: get().choices.resolution,
    };
    const modelName = `${target.model.runName} · step ${target.model.step}`;
    startDinoJob(
      DINO_FORECAST_JOB,
      params,
      { title: 'DINo forecast', what: 'The forecast' },
      set,
      (result) => {
        set({ last: { params, result, datasetName: target.dataset.name, modelName } });
        return {
          tone: 'info',
          text: `Forecast ${result.frames} frames of trajectory ${result.trajectory} of “${target.dataset.name}” from ${sensorSummary(result.sensors.length, result.gridX * result.gridY)} on its first frame.`,
        };
      },
    );
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
