/**
 * Hyperparameter sweeps: the setup being edited, the queue that trains its runs one after another
 * through the Train panel's own path (each run with the sweep's values over the user's settings,
 * which stay as they are), Stop for the current run and the rest, and which recorded sweep and
 * metric the results view shows. The runs land in the runs table, tagged with their sweep.
 */
import { create } from 'zustand';
import type { Schema } from '../schema/params';
import { formatSweepValue } from '../sweep/formatValue';
import { newRecordId } from '../storage/recordId';
import {
  defaultInput,
  splitAssignment,
  sweepableParams,
  type SweepParamInput,
} from '../sweep/sweepParams';
import {
  EMPTY_DRAFT,
  runOptionsProblem,
  sweepSetup,
  type SweepDraft,
  type SweepSetup,
} from '../sweep/sweepSetup';
import type { TrainOptions } from '../models/trainOptions';
import { modelSelection } from './modelSettings';
import type { Outcome } from './outcome';
import type { Settings } from './settingsSchema';
import { useSettings } from './settingsStore';
import { trainOptionsFrom, useTrain } from './trainStore';

export interface SweepQueue {
  sweepId: string;
  name: string;
  total: number;
  /** Runs that have ended (done, stopped or failed). */
  done: number;
  failed: number;
  /** Why the first failed run failed. */
  firstError?: string;
  startedAt: number;
  /** Stop was pressed: the current run is stopping and no other starts. */
  stopping: boolean;
}

interface SweepState {
  draft: SweepDraft;
  queue?: SweepQueue;
  outcome?: Outcome;
  /** The recorded sweep the results view shows (the newest when unset) and its colouring metric. */
  chosenSweepId?: string;
  metricId?: string;
  setDraft(patch: Partial<Omit<SweepDraft, 'inputs'>>): void;
  addParam(id: string): void;
  updateParam(id: string, patch: Partial<SweepParamInput>): void;
  removeParam(id: string): void;
  start(dataset: { id: string; name: string }): Promise<void>;
  stop(): void;
  chooseSweep(id: string): void;
  chooseMetric(id: string): void;
}

/** The chosen model's config schema and title, for the setup. */
export function chosenModel(): { schema: Schema; title: string } {
  const { entry } = modelSelection(useSettings.getState().values);
  return { schema: entry.schema, title: entry.title };
}

/**
 * Each planned run's overrides, checked against the user's other settings before anything trains:
 * a config that cannot be built or options that cannot train would only fail in the worker.
 */
export function plannedRuns(setup: SweepSetup & { ok: true }, values: Settings) {
  const { entry, config } = modelSelection(values);
  const runs = setup.runs.map((assignment) => {
    const split = splitAssignment(assignment);
    const options = { ...split.options, steps: setup.stepsPerRun } as Partial<TrainOptions>;
    return { assignment, config: split.config, options };
  });
  for (const [i, run] of runs.entries()) {
    const problem =
      entry.configProblem({ ...config, ...run.config }) ??
      runOptionsProblem({ ...trainOptionsFrom(values), ...run.options });
    if (problem) return { runs, problem: `Run ${i + 1} cannot train: ${problem}` };
  }
  return { runs, problem: undefined };
}

export const useSweep = create<SweepState>()((set, get) => ({
  draft: EMPTY_DRAFT,

  setDraft(patch) {
    set((s) => ({ draft: { ...s.draft, ...patch } }));
  },

  addParam(id) {
    const param = sweepableParams(chosenModel().schema).find((p) => p.id === id);
    if (!param || get().draft.inputs.some((i) => i.id === id)) return;
    set((s) => ({ draft: { ...s.draft, inputs: [...s.draft.inputs, defaultInput(param)] } }));
  },

  updateParam(id, patch) {
    set((s) => ({
      draft: {
        ...s.draft,
        inputs: s.draft.inputs.map((i) => (i.id === id ? { ...i, ...patch } : i)),
      },
    }));
  },

  removeParam(id) {
    set((s) => ({ draft: { ...s.draft, inputs: s.draft.inputs.filter((i) => i.id !== id) } }));
  },

  async start(dataset) {
    if (get().queue || useTrain.getState().activeJobId) return;
    const { schema, title } = chosenModel();
    const setup = sweepSetup(get().draft, schema, title);
    if (!setup.ok) {
      set({ outcome: { tone: 'problem', text: setup.problems.join(' ') } });
      return;
    }
    // The settings as they are now: changing them while the sweep runs does not change its runs.
    const settings = useSettings.getState().values;
    const { runs, problem } = plannedRuns(setup, settings);
    if (problem) {
      set({ outcome: { tone: 'problem', text: problem } });
      return;
    }
    const sweepId = newRecordId();
    const tag = { id: sweepId, name: setup.name, params: setup.dimensions.map((d) => d.id) };
    const total = setup.runs.length;
    set({
      queue: {
        sweepId,
        name: setup.name,
        total,
        done: 0,
        failed: 0,
        startedAt: Date.now(),
        stopping: false,
      },
      outcome: undefined,
      chosenSweepId: sweepId,
    });
    let ended: Outcome | undefined;
    for (const [i, run] of runs.entries()) {
      if (get().queue?.stopping) break;
      const described = setup.dimensions
        .map((d) => `${d.label.toLowerCase()} ${formatSweepValue(d.param, run.assignment[d.id])}`)
        .join(', ');
      const ending = await useTrain.getState().startWith(dataset, {
        settings,
        config: run.config,
        options: run.options,
        runName: `${setup.name} ${i + 1}/${total}: ${described}`,
        sweep: tag,
      });
      if (ending.status === 'refused') {
        ended = {
          tone: 'problem',
          text: `The sweep stopped: run ${i + 1} could not start (${ending.error}).`,
        };
        break;
      }
      set((s) =>
        s.queue
          ? {
              queue: {
                ...s.queue,
                done: s.queue.done + 1,
                failed: s.queue.failed + (ending.status === 'failed' ? 1 : 0),
                firstError:
                  s.queue.firstError ?? (ending.status === 'failed' ? ending.error : undefined),
              },
            }
          : {},
      );
    }
    const queue = get().queue!;
    ended ??= {
      tone: queue.failed ? 'problem' : 'info',
      text:
        (queue.stopping
          ? `Sweep stopped after ${queue.done} of ${queue.total} runs.`
          : `Sweep finished: ${queue.total} runs.`) +
        (queue.failed ? ` ${queue.failed} failed; the first because: ${queue.firstError}` : ''),
    };
    set({ queue: undefined, outcome: ended });
    await useTrain.getState().refreshRuns();
  },

  stop() {
    const queue = get().queue;
    if (!queue) return;
    set({ queue: { ...queue, stopping: true } });
    useTrain.getState().stop();
  },

  chooseSweep(id) {
    set({ chosenSweepId: id });
  },

  chooseMetric(id) {
    set({ metricId: id });
  },
}));
