/**
 * Runs a worker job for a store that keeps its last result: while it runs the store holds its
 * id; a stopped or failed run says so and leaves the last result shown; a finished one hands its
 * result to `finish`, which stores it and returns what to tell the user.
 */
import type { JobKind, JobParams, JobResults } from '../runtime/protocol';
import { useJobs } from './jobsStore';
import type { Outcome } from './outcome';

export interface KeptJobState {
  activeJobId?: string;
  outcome?: Outcome;
}

export function startKeptJob<K extends JobKind>(
  kind: K,
  params: JobParams[K],
  /** `title` names the job in the jobs list; `what` starts a sentence: "The regression". */
  words: { title: string; what: string },
  set: (change: KeptJobState) => void,
  finish: (result: JobResults[K]) => Outcome | undefined,
): void {
  const { id, outcome } = useJobs.getState().start(kind, params, { title: words.title });
  set({ activeJobId: id, outcome: undefined });
  void outcome.then((done) => {
    if (done.status !== 'done') {
      set({
        activeJobId: undefined,
        outcome:
          done.status === 'cancelled'
            ? { tone: 'info', text: `${words.what} stopped; the last result stays shown.` }
            : { tone: 'problem', text: `${words.what} failed: ${done.error}` },
      });
      return;
    }
    set({ activeJobId: undefined, outcome: finish(done.result) });
  });
}

export function stopKeptJob(jobId: string | undefined): void {
  if (jobId) useJobs.getState().cancel(jobId);
}
