/** Jobs the user started: their progress, outcome, and a Stop. Never leaves a promise unhandled. */
import { create } from 'zustand';
import {
  JOB_CANCELLED,
  type JobEvent,
  type JobKind,
  type JobParams,
  type JobProgress,
  type JobResults,
  type SnapshotData,
} from '../runtime/protocol';
import { computeClient } from './runtimeStore';
import { errorMessage } from '../util/errorMessage';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobRecord {
  id: string;
  kind: JobKind;
  title: string;
  status: JobStatus;
  progress: JobProgress;
  startedAt: number;
  endedAt?: number;
  error?: string;
  /** True between a pause request and the resume (the job holds before its next step). */
  paused?: boolean;
}

export type JobOutcome<K extends JobKind> =
  { status: 'done'; result: JobResults[K] } | { status: 'failed' | 'cancelled'; error: string };

interface JobsState {
  jobs: Record<string, JobRecord>;
  start<K extends JobKind>(
    kind: K,
    params: JobParams[K],
    options: {
      title: string;
      onMetric?: (name: string, step: number, value: number) => void;
      onSnapshot?: (step: number, data: SnapshotData) => void;
    },
  ): { id: string; outcome: Promise<JobOutcome<K>> };
  cancel(id: string): void;
  pause(id: string): void;
  resume(id: string): void;
}

export const useJobs = create<JobsState>()((set) => {
  const patch = (id: string, change: Partial<JobRecord>) =>
    set((state) => {
      const job = state.jobs[id];
      return job ? { jobs: { ...state.jobs, [id]: { ...job, ...change } } } : state;
    });

  return {
    jobs: {},
    start(kind, params, { title, onMetric, onSnapshot }) {
      const onEvent = (event: JobEvent) => {
        if (event.type === 'progress') patch(id, { progress: event.progress });
        else if (event.type === 'metric') onMetric?.(event.name, event.step, event.value);
        else onSnapshot?.(event.step, event.data);
      };
      const { id, result } = computeClient().runJob(kind, params, onEvent);
      const record: JobRecord = {
        id,
        kind,
        title,
        status: 'running',
        progress: { fraction: 0, etaSeconds: null, message: 'Starting…' },
        startedAt: Date.now(),
      };
      set((state) => ({ jobs: { ...state.jobs, [id]: record } }));
      const outcome = result.then(
        (value): JobOutcome<typeof kind> => {
          patch(id, { status: 'done', endedAt: Date.now(), paused: false });
          return { status: 'done', result: value };
        },
        (error: unknown): JobOutcome<typeof kind> => {
          const cancelled = error instanceof Error && error.name === JOB_CANCELLED;
          const message = errorMessage(error);
          const status = cancelled ? 'cancelled' : 'failed';
          patch(id, { status, endedAt: Date.now(), error: message, paused: false });
          return { status, error: message };
        },
      );
      return { id, outcome };
    },
    cancel(id) {
      computeClient().cancelJob(id);
    },
    pause(id) {
      computeClient().pauseJob(id);
      patch(id, { paused: true });
    },
    resume(id) {
      computeClient().resumeJob(id);
      patch(id, { paused: false });
    },
  };
});
