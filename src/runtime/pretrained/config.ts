/** What installing the shipped pretrained model reports: plain data the UI may import. */
import type { PretrainedManifest } from '../../models/mae/pretrained';

/** The run the shipped model is stored under, so that it is listed like any trained model. */
export const PRETRAINED_RUN_ID = 'pretrained-mae';

export type PretrainedInstall =
  /** The site ships no pretrained model (e.g. a build without public/pretrained). */
  | { status: 'absent' }
  /** `installed`: written to storage now; `current`: this very model was already there. */
  | { status: 'installed' | 'current'; manifest: PretrainedManifest; checkpointId: string };
