/**
 * The Downstream panel's shared choice: which saved MAE encoder and which saved dataset every
 * downstream experiment (regression, time-stepping, latent space) runs on. An unset dataset means
 * the newest one. The encoder follows the Mask panel's rule (savedModels.ts): the chosen one
 * while it is saved, by default the pretrained model, else the newest, and once shown it stays
 * chosen, so a run trained later does not replace it.
 */
import { create } from 'zustand';
import { keptChoice, type SavedModel } from '../../../../../state/savedModels';

/** The encoder and the dataset a downstream job runs on. */
export interface DownstreamTarget {
  model: SavedModel;
  dataset: { id: string; name: string };
}

interface DownstreamState {
  checkpointId?: string;
  datasetId?: string;
  choose(change: { checkpointId?: string; datasetId?: string }): void;
  /** Pins the encoder shown once the saved models are listed: kept while saved, else the default. */
  keepModel(models: readonly SavedModel[]): void;
}

export const useDownstream = create<DownstreamState>()((set, get) => ({
  choose(change) {
    set(change);
  },
  keepModel(models) {
    const checkpointId = keptChoice(models, get().checkpointId);
    if (checkpointId !== get().checkpointId) set({ checkpointId });
  },
}));
