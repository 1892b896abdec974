/** What installing the shipped pretrained models reports: plain data the UI may import. */
import type { ShippedManifest } from '../../models/pretrained';

/** One model's shipped checkpoint in storage: `installed` now, or `current` (already there). */
export interface InstalledPretrained {
  modelId: string;
  status: 'installed' | 'current';
  manifest: ShippedManifest;
  checkpointId: string;
}

/** What the site ships for one model: nothing, or its checkpoint, now in storage. */
export type ShippedInstall = { status: 'absent' } | InstalledPretrained;

export interface PretrainedInstall {
  /** The shipped models now in storage; none where the site ships none (a build without them). */
  installed: InstalledPretrained[];
  /** Why a model's shipped checkpoint was not installed, in words, one per model. */
  problems: string[];
}
