/**
 * A "Reproduce the paper" card's state, the same for every model: the chosen dataset and scale,
 * the model's reproduce job in the worker and its latest result, kept when a later run fails or
 * stops. Each model makes its own store with its job.
 */
import { create } from 'zustand';
import type { KeptJobState } from './keptJob';
import { stopKeptJob } from './keptJob';
import type { Outcome } from './outcome';

export type ClaimVerdictWord = 'holds' | 'partly holds' | 'does not hold';

export interface ReproduceParams<Scale extends string> {
  datasetId: string;
  scale: Scale;
  seed: number;
}

export interface ReproduceRun<Scale extends string, Result> {
  params: ReproduceParams<Scale>;
  result: Result;
  datasetName: string;
}

export interface ReproduceState<Scale extends string, Result> extends KeptJobState {
  /** Unset: the dataset the card falls back on. */
  datasetId?: string;
  scale: Scale;
  seed: number;
  last?: ReproduceRun<Scale, Result>;
  choose(
    change: Partial<Pick<ReproduceState<Scale, Result>, 'datasetId' | 'scale' | 'seed'>>,
  ): void;
  run(dataset: { id: string; name: string }): void;
  stop(): void;
}

/** Starts the model's reproduce job (startKeptJob's shape, the job already named). */
export type StartReproduceJob<Scale extends string, Result> = (
  params: ReproduceParams<Scale>,
  words: { title: string; what: string },
  set: (change: KeptJobState) => void,
  finish: (result: Result) => Outcome | undefined,
) => void;

const VERDICT_WORDS: Record<ClaimVerdictWord, string> = {
  holds: 'holds',
  'partly holds': 'holds in part',
  'does not hold': 'does not hold',
};

export function createReproduceStore<
  Scale extends string,
  Result extends { verdict: ClaimVerdictWord },
>(options: {
  scale: Scale;
  /** Names the job in the jobs list, e.g. "Reproduce DINo’s claim". */
  title: string;
  start: StartReproduceJob<Scale, Result>;
}) {
  return create<ReproduceState<Scale, Result>>()((set, get) => ({
    scale: options.scale,
    seed: 1,

    choose(change) {
      set(change);
    },

    run(dataset) {
      if (get().activeJobId) return;
      const { scale, seed } = get();
      const params: ReproduceParams<Scale> = { datasetId: dataset.id, scale, seed };
      options.start(params, { title: options.title, what: 'The reproduction' }, set, (result) => {
        set({ last: { params, result, datasetName: dataset.name } });
        return {
          tone: 'info',
          text: `On “${dataset.name}” at the ${scale} scale the claim ${VERDICT_WORDS[result.verdict]}.`,
        };
      });
    },

    stop() {
      stopKeptJob(get().activeJobId);
    },
  }));
}
