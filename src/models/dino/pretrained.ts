/**
 * The pretrained DINo the lab ships in `public/pretrained/`: a checkpoint made by
 * `npm run pretrain -- dino` and a manifest saying how it was made and how well it forecasts wave
 * trajectories a student builds, which it never saw. Plain data: safe on the main thread.
 */
import type { ShippedManifest } from '../pretrained';
import type { DinoConfig } from './config';

export const PRETRAINED_DINO_MANIFEST = 'dino.json';

/** Relative L2 on held-out trajectories: training frames (In-t) or later, observed points (In-s) or not. */
export interface DinoErrorTable {
  inT_inS: number;
  inT_outS: number;
  outT_inS: number;
  outT_outS: number;
  all: number;
}

export interface DinoPretrainedManifest extends ShippedManifest {
  modelId: 'dino';
  config: DinoConfig;
  table: DinoErrorTable;
  /** The held-out validations during training, by DINo's metric ids (with their step). */
  validations: Record<string, number>[];
}
