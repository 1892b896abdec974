/**
 * The pretrained models the site ships in `public/pretrained/` (made by `npm run pretrain`): per
 * model a checkpoint and a JSON manifest saying how it was made. Each is installed into lab
 * storage as a finished run under its model's own run id, so every panel lists it like a model
 * the user trained. Plain data, safe on the main thread; a model that ships one sets `pretrained`
 * in its runtime (./runtime.ts) with the interfaces below.
 */
import type { Checkpoint } from './nn/checkpoint';
import type { TrainOptions } from './trainOptions';

/** The shipped files' directory under the site's base URL. */
export const PRETRAINED_DIRECTORY = 'pretrained';
export const PRETRAINED_MANIFEST_FORMAT = 'pde-lab-pretrained';

/** What every shipped model's manifest says; each model's manifest adds its own scores. */
export interface ShippedManifest {
  format: typeof PRETRAINED_MANIFEST_FORMAT;
  modelId: string;
  preset: string;
  config: Record<string, number | string | boolean>;
  parameters: number;
  /** The checkpoint's file name, beside the manifest. */
  checkpoint: string;
  bytes: number;
  command: string;
  /** Field channels the model reads. */
  channels: number;
  training: {
    steps: number;
    batchSize: number;
    peakLr: number;
    seed: number;
    seconds: number;
    backend: string;
    /** In words, e.g. "240 trajectories of heat, advection and Burgers (seed 1), 24 frames at 32²". */
    data: string;
  };
  /** What the errors were measured on, in words. */
  heldOut: string;
  createdAt: string;
}

/**
 * The run a model's shipped checkpoint is stored under. The MAE's has been "pretrained-mae" since
 * it first shipped, so installs made before other models shipped one are still recognised.
 */
export function pretrainedRunId(modelId: string): string {
  return `pretrained-${modelId}`;
}

/** Whether a saved model is the one its model ships with the lab. */
export function isPretrainedRun(saved: { runId: string; modelId: string }): boolean {
  return saved.runId === pretrainedRunId(saved.modelId);
}

/** The run record of a shipped model, beyond what its manifest and checkpoint say. */
export interface PretrainedRun {
  /** E.g. "Pretrained classroom MAE (ships with the lab)". */
  name: string;
  options: TrainOptions;
  /** The training curves: loss and learning rate per step, the held-out validations. */
  history: {
    step: number[];
    loss: number[];
    lr: number[];
    validations: { step: number; metrics: Record<string, number> }[];
  };
  /** The runs table's final validation metrics, by the model's metric ids. */
  finalMetrics?: Record<string, number>;
}

/** How a model ships a pretrained checkpoint (worker side: installing reads and checks it). */
export interface PretrainedShipping<Manifest extends ShippedManifest = ShippedManifest> {
  /** The manifest's file name in the pretrained directory, e.g. "mae.json". */
  manifestFile: string;
  /** Checks the manifest; throws, in words, when it is malformed. */
  parseManifest(value: unknown): Manifest;
  /** The run to list it as, from its manifest and its decoded, checked checkpoint. */
  run(manifest: Manifest, checkpoint: Checkpoint): PretrainedRun;
}
