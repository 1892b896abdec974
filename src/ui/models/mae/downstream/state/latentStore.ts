/**
 * The encoder's latent space in the Downstream panel: the picture's choices (projection, token,
 * seed, colouring), the embedDataset job in the worker, and its latest result, kept when a later
 * run fails or is stopped.
 */
import { create } from 'zustand';
import type {
  LatentPooling,
  LatentProjection,
} from '../../../../../models/mae/downstream/latentChoices';
import type {
  EmbedDatasetParams,
  EmbedDatasetResult,
} from '../../../../../models/mae/jobs/embedDatasetConfig';
import type { DownstreamTarget } from './downstreamStore';
import { stopKeptJob } from '../../../../../state/keptJob';
import { startMaeJob } from './maeJob';
import type { Outcome } from '../../../../../state/outcome';

/** 'equation', or a coefficient column's label (e.g. 'heat ν'). */
export type LatentColouring = string;

export const COLOUR_BY_EQUATION: LatentColouring = 'equation';

export interface LatentChoices {
  projection: LatentProjection;
  pooling: LatentPooling;
  seed: number;
  colourBy: LatentColouring;
}

export interface LatentRunRecord {
  params: EmbedDatasetParams;
  result: EmbedDatasetResult;
  datasetName: string;
  modelName: string;
}

interface LatentState {
  choices: LatentChoices;
  activeJobId?: string;
  last?: LatentRunRecord;
  outcome?: Outcome;
  choose(change: Partial<LatentChoices>): void;
  run(target: DownstreamTarget): void;
  stop(): void;
}

const TOKEN_WORDS: Record<LatentPooling, string> = {
  cls: 'CLS token',
  mean: 'mean of the patch tokens',
};

export const useLatent = create<LatentState>()((set, get) => ({
  choices: { projection: 'pca', pooling: 'cls', seed: 0, colourBy: COLOUR_BY_EQUATION },

  choose(change) {
    set((s) => ({ choices: { ...s.choices, ...change } }));
  },

  run(target) {
    if (get().activeJobId) return;
    const { projection, pooling, seed } = get().choices;
    if (!Number.isInteger(seed)) {
      set({ outcome: { tone: 'problem', text: 'The seed must be a whole number.' } });
      return;
    }
    const params: EmbedDatasetParams = {
      checkpointId: target.model.checkpointId,
      datasetId: target.dataset.id,
      projection,
      pooling,
      seed,
    };
    startMaeJob(
      'embedDataset',
      params,
      { title: 'Latent space', what: 'The latent picture' },
      set,
      (result) => {
        const partial =
          result.count < result.total ? ` (the first ${result.count} of ${result.total})` : '';
        set({
          last: {
            params,
            result,
            datasetName: target.dataset.name,
            modelName: `${target.model.runName} · step ${target.model.step}`,
          },
        });
        return {
          tone: 'info',
          text: `Placed ${result.count} trajectories of “${target.dataset.name}”${partial} by ${projection === 'pca' ? 'PCA' : 'UMAP'} of the ${TOKEN_WORDS[pooling]}.`,
        };
      },
    );
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
