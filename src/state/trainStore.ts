/**
 * The Train panel's state: the run in progress (its live curves, speed, errors and latest
 * reconstruction picture), Start / Pause / Resume / Stop, starting a run with some values
 * overridden for that run only (a sweep's runs; awaitable), resuming a saved run from its
 * checkpoint after a reload, and the recorded runs with the ones chosen for the overlay chart.
 * High-rate metrics mutate the live arrays and bump `version`; views re-read them throttled.
 */
import { create } from 'zustand';
import { isModelId, type ModelId } from '../models/catalog';
import type { ModelSnapshot } from '../models/snapshot';
import type { TrainOptions } from '../models/trainOptions';
import {
  STEP_METRICS,
  validationMetricId,
  type TrainModelParams,
} from '../runtime/jobs/trainModelConfig';
import { checkpointIdOf } from '../storage/checkpointRecords';
import { newRecordId } from '../storage/recordId';
import {
  emptyHistory,
  historyUpTo,
  pushValidation,
  type RunHistory,
  type RunRecordMeta,
  type RunSweepTag,
} from '../storage/runRecords';
import type { Summary } from '../storage/types';
import { errorMessage } from '../util/errorMessage';
import { useJobs, type JobOutcome } from './jobsStore';
import { modelSelection } from './modelSettings';
import type { Settings } from './settingsSchema';
import { useSettings } from './settingsStore';
import { labStorage } from './storageStore';
import type { Outcome } from './outcome';

export interface LiveRun {
  runId: string;
  runName: string;
  modelId: ModelId;
  steps: number;
  history: RunHistory;
  stepMs?: number;
  samplesPerSecond?: number;
  /** The latest validation, by the model's metric ids. */
  latest: Record<string, number>;
  snapshot?: { step: number; data: ModelSnapshot };
}

export type RunSummary = Summary<RunRecordMeta>;

/** What one run changes over the user's settings, for this run only (a sweep's runs). */
export interface RunOverrides {
  /** The settings the run starts from (default: the current ones). */
  settings?: Settings;
  config?: Readonly<Record<string, number | string | boolean>>;
  options?: Partial<TrainOptions>;
  runName?: string;
  sweep?: RunSweepTag;
}

/** How a run started with overrides ended; `refused` when it could not start. */
export type RunEnding = JobOutcome<'trainModel'> | { status: 'refused'; error: string };

interface TrainState {
  activeJobId?: string;
  live?: LiveRun;
  /** Bumped on every live event. */
  version: number;
  outcome?: Outcome;
  runs: RunSummary[];
  /** Checkpoint step per run id. */
  checkpointSteps: Record<string, number>;
  /** Runs whose loss curves are overlaid, and their loaded histories. */
  overlay: string[];
  overlayHistories: Record<string, RunHistory>;
  start(dataset: { id: string; name: string }): void;
  /**
   * Starts a run with the user's settings and these overrides (the settings stay as they are)
   * and resolves when it has ended.
   */
  startWith(dataset: { id: string; name: string }, overrides: RunOverrides): Promise<RunEnding>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Continues a saved run from its latest checkpoint. */
  resumeRun(runId: string): Promise<void>;
  refreshRuns(): Promise<void>;
  toggleOverlay(runId: string): Promise<void>;
  removeRun(runId: string): Promise<void>;
}

/** The Train panel's settings as the job's options. */
export function trainOptionsFrom(values: ReturnType<typeof useSettings.getState>['values']) {
  return { ...values.train } as TrainOptions;
}

/** A run that was running or paused when its page went away, or stopped: it can continue. */
export function resumable(run: RunSummary, checkpointStep: number | undefined): boolean {
  return (
    checkpointStep !== undefined &&
    checkpointStep < run.meta.options.steps &&
    ['running', 'paused', 'stopped'].includes(run.meta.status)
  );
}

export const useTrain = create<TrainState>()((set, get) => {
  const bump = () => set((s) => ({ version: s.version + 1 }));

  const launch = (params: TrainModelParams, history: RunHistory) => {
    const live: LiveRun = {
      runId: params.runId,
      runName: params.runName,
      modelId: params.modelId,
      steps: params.options.steps,
      history,
      latest: {},
    };
    const onMetric = (name: string, step: number, value: number) => {
      const h = live.history;
      const metricId = validationMetricId(name);
      if (metricId !== undefined) {
        // One validation's metrics arrive together, in a row, at the same step.
        if (h.valStep.at(-1) !== step) pushValidation(h, step, {});
        (h.val[metricId] ??= new Array<number>(h.valStep.length).fill(Number.NaN))[
          h.valStep.length - 1
        ] = value;
        live.latest[metricId] = value;
      } else if (name === STEP_METRICS.loss) {
        h.step.push(step);
        h.loss.push(value);
      } else if (name === STEP_METRICS.lr) h.lr.push(value);
      else if (name === STEP_METRICS.stepMs) live.stepMs = value;
      else if (name === STEP_METRICS.samplesPerSecond) live.samplesPerSecond = value;
      else return;
      bump();
    };
    const onSnapshot = (step: number, data: ModelSnapshot) => {
      live.snapshot = { step, data };
      bump();
    };
    const { id, outcome } = useJobs.getState().start('trainModel', params, {
      title: 'Training',
      onMetric,
      onSnapshot,
    });
    set({ activeJobId: id, live, outcome: undefined });
    void get().refreshRuns();
    return outcome.then((done) => {
      const text =
        done.status === 'done'
          ? {
              tone: 'info' as const,
              text: `Trained ${done.result.step} steps; the checkpoint is saved.`,
            }
          : done.status === 'cancelled'
            ? { tone: 'info' as const, text: 'Training stopped; the checkpoint is saved.' }
            : { tone: 'problem' as const, text: `Training failed: ${done.error}` };
      set({ activeJobId: undefined, outcome: text });
      // A curve overlaid from storage is stale now: reload it.
      set((s) => {
        const overlayHistories = { ...s.overlayHistories };
        delete overlayHistories[params.runId];
        return { overlayHistories };
      });
      void get()
        .refreshRuns()
        .then(() => {
          if (get().overlay.includes(params.runId)) void loadHistory(params.runId);
        });
      return done;
    });
  };

  const loadHistory = async (runId: string) => {
    try {
      const record = await (await labStorage()).runs.get(runId);
      if (record) {
        set((s) => ({
          overlayHistories: { ...s.overlayHistories, [runId]: record.payload.history },
        }));
      }
    } catch (error) {
      set({
        outcome: { tone: 'problem', text: `That run cannot be read: ${errorMessage(error)}` },
      });
    }
  };

  return {
    version: 0,
    runs: [],
    checkpointSteps: {},
    overlay: [],
    overlayHistories: {},

    start(dataset) {
      void get().startWith(dataset, {});
    },

    startWith(dataset, overrides) {
      if (get().activeJobId) {
        return Promise.resolve({ status: 'refused', error: 'another run is in progress' });
      }
      const values = overrides.settings ?? useSettings.getState().values;
      const selection = modelSelection(values);
      const config = { ...selection.config, ...overrides.config };
      const problem = selection.entry.configProblem(config);
      if (problem) {
        set({ outcome: { tone: 'problem', text: `Nothing was started: ${problem}` } });
        return Promise.resolve({ status: 'refused', error: problem });
      }
      const presetLabel = selection.entry.presets[selection.preset]?.label ?? 'Custom';
      return launch(
        {
          runId: newRecordId(),
          runName:
            overrides.runName ??
            `${selection.entry.runLabel} ${presetLabel.toLowerCase()} on ${dataset.name}`,
          modelId: selection.entry.id as ModelId,
          config,
          datasetId: dataset.id,
          options: { ...trainOptionsFrom(values), ...overrides.options },
          ...(overrides.sweep ? { sweep: overrides.sweep } : {}),
        },
        emptyHistory(),
      );
    },

    pause() {
      const id = get().activeJobId;
      if (id) useJobs.getState().pause(id);
    },

    resume() {
      const id = get().activeJobId;
      if (id) useJobs.getState().resume(id);
    },

    stop() {
      const id = get().activeJobId;
      if (id) useJobs.getState().cancel(id);
    },

    async resumeRun(runId) {
      if (get().activeJobId) return;
      try {
        const record = await (await labStorage()).runs.get(runId);
        if (!record) throw new Error('it is no longer saved');
        const { meta } = record.summary;
        const step = get().checkpointSteps[runId];
        if (step === undefined) throw new Error('it has no checkpoint');
        if (!isModelId(meta.modelId)) throw new Error(`this lab has no model "${meta.modelId}"`);
        launch(
          {
            runId,
            runName: record.summary.name,
            modelId: meta.modelId,
            config: meta.config,
            datasetId: meta.datasetId,
            options: meta.options,
            resumeFromCheckpointId: meta.latestCheckpointId ?? checkpointIdOf(runId),
            ...(meta.sweep ? { sweep: meta.sweep } : {}),
          },
          historyUpTo(record.payload.history, step),
        );
      } catch (error) {
        set({
          outcome: { tone: 'problem', text: `The run cannot resume: ${errorMessage(error)}` },
        });
      }
    },

    async refreshRuns() {
      try {
        const storage = await labStorage();
        const [runs, checkpoints] = await Promise.all([
          storage.runs.list(),
          storage.checkpoints.list(),
        ]);
        const checkpointSteps = Object.fromEntries(
          checkpoints.records.map((c) => [c.meta.runId, c.meta.step]),
        );
        const ordered = [...runs.records].sort((a, b) => b.meta.startedAt - a.meta.startedAt);
        set({ runs: ordered, checkpointSteps });
      } catch (error) {
        set({
          outcome: { tone: 'problem', text: `Saved runs cannot be listed: ${errorMessage(error)}` },
        });
      }
    },

    async toggleOverlay(runId) {
      const chosen = get().overlay.includes(runId);
      set((s) => ({
        overlay: chosen ? s.overlay.filter((id) => id !== runId) : [...s.overlay, runId],
      }));
      if (!chosen && !get().overlayHistories[runId]) await loadHistory(runId);
    },

    async removeRun(runId) {
      if (get().live?.runId === runId && get().activeJobId) return;
      try {
        const storage = await labStorage();
        await Promise.all([
          storage.runs.delete(runId),
          storage.checkpoints.delete(checkpointIdOf(runId)),
        ]);
        set((s) => ({ overlay: s.overlay.filter((id) => id !== runId) }));
      } catch (error) {
        set({
          outcome: { tone: 'problem', text: `The run cannot be deleted: ${errorMessage(error)}` },
        });
      }
      await get().refreshRuns();
    },
  };
});
