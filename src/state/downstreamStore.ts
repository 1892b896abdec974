/**
 * The Downstream panel's shared choice: which saved MAE encoder and which saved dataset every
 * downstream experiment (regression, time-stepping, latent space) runs on. Unset ids mean the
 * newest model and the newest dataset.
 */
import { create } from 'zustand';
import type { MaskModelOption } from './maskSources';

/** The encoder and the dataset a downstream job runs on. */
export interface DownstreamTarget {
  model: MaskModelOption;
  dataset: { id: string; name: string };
}

interface DownstreamState {
  checkpointId?: string;
  datasetId?: string;
  choose(change: { checkpointId?: string; datasetId?: string }): void;
}

export const useDownstream = create<DownstreamState>()((set) => ({
  choose(change) {
    set(change);
  },
}));
