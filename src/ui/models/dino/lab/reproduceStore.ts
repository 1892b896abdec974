/**
 * The "Reproduce the paper" card's state: the chosen dataset and scale, the reproduce job in the
 * worker and its latest result, kept when a later run fails or stops.
 */
import { create } from 'zustand';
import {
  DINO_REPRODUCE_JOB,
  type DinoReproduceParams,
  type DinoReproduceResult,
  type ReproduceScale,
} from '../../../../models/dino/jobs/reproduceConfig';
import { stopKeptJob, type KeptJobState } from '../../../../state/keptJob';
import { startDinoJob } from './forecastLabStore';

export interface ReproduceRun {
  params: DinoReproduceParams;
  result: DinoReproduceResult;
  datasetName: string;
}

interface ReproduceState extends KeptJobState {
  /** Unset: the forecast lab's dataset. */
  datasetId?: string;
  scale: ReproduceScale;
  seed: number;
  last?: ReproduceRun;
  choose(change: Partial<Pick<ReproduceState, 'datasetId' | 'scale' | 'seed'>>): void;
  run(dataset: { id: string; name: string }): void;
  stop(): void;
}

const VERDICT_WORDS = {
  holds: 'holds',
  'partly holds': 'holds in part',
  'does not hold': 'does not hold',
} as const;

export const useReproduce = create<ReproduceState>()((set, get) => ({
  scale: 'tiny',
  seed: 1,

  choose(change) {
    set(change);
  },

  run(dataset) {
    if (get().activeJobId) return;
    const { scale, seed } = get();
    const params: DinoReproduceParams = { datasetId: dataset.id, scale, seed };
    startDinoJob(
      DINO_REPRODUCE_JOB,
      params,
      { title: 'Reproduce DINo’s claim', what: 'The reproduction' },
      set,
      (result) => {
        set({ last: { params, result, datasetName: dataset.name } });
        return {
          tone: 'info',
          text: `On “${dataset.name}” at the ${scale} scale the claim ${VERDICT_WORDS[result.verdict]}.`,
        };
      },
    );
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
