/**
 * The pretrained MAE the lab ships in `public/pretrained/`: a checkpoint made by
 * `npm run pretrain -- mae` and a manifest saying how it was made and how well it does on the
 * lab's default dataset, which it never saw. Plain data: safe on the main thread (the install
 * itself is ./pretrainedRun.ts).
 */
import {
  PRETRAINED_DIRECTORY,
  PRETRAINED_MANIFEST_FORMAT,
  pretrainedRunId,
  type ShippedManifest,
} from '../pretrained';
import { MAE_SETTINGS_ADDED_LATER, maeSchema, type MaeConfig } from './config';
import { maeInfo } from './info';

export { PRETRAINED_DIRECTORY, PRETRAINED_MANIFEST_FORMAT };
export const PRETRAINED_MAE_MANIFEST = 'mae.json';
/** The run the shipped MAE is stored under ("pretrained-mae"). */
export const PRETRAINED_MAE_RUN_ID = pretrainedRunId(maeInfo.id);

/**
 * How `npm run pretrain` trains, beside the steps, batch, peak lr and seed it is given: MAE
 * training's one-cycle schedule (peak/10 → peak → peak/10⁴), decoupled weight decay 0.01,
 * no clipping, the Fourier-shift augmentation on half of the batches.
 */
export const PRETRAIN_SCHEDULE = {
  schedule: 'one-cycle',
  pctStart: 0.2,
  divFactor: 10,
  finalDivFactor: 1000,
  weightDecay: 0.01,
  augmentProbability: 0.5,
} as const;

export interface PretrainedErrors {
  /** Equation id, or 'all'. */
  id: string;
  windows: number;
  /** Masked-region relative L2 of the MAE and of the baselines on the same masks. */
  relL2: number;
  relL2Linear: number;
  relL2Nearest: number;
}

/** One equation × initial condition, as `npm run evaluate` writes it. */
export interface PretrainedGroupErrors {
  equation: string;
  initial: string;
  windows: number;
  /** Masked-region relative L2 of the MAE and of the baselines on the same masks. */
  mae: number;
  linear: number;
  nearest: number;
}

/** The shipped MAE's manifest: what every shipped model's says, and its scores. */
export interface PretrainedManifest extends ShippedManifest {
  modelId: 'mae';
  config: MaeConfig;
  /** At the model's mask ratio: one row per equation, then 'all'. */
  errors: PretrainedErrors[];
  /** At the model's mask ratio: one row per equation × initial condition (older manifests lack it). */
  groups?: PretrainedGroupErrors[];
  /** The same scores over all equations at other mask ratios. */
  sweep: { ratio: number; relL2: number; relL2Linear: number; relL2Nearest: number }[];
}

function fail(why: string): never {
  throw new Error(`The pretrained model's manifest is malformed: ${why}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} is not a number`);
  return value;
}

/** Checks the fields the UI reads; anything else is carried as it is. */
export function parsePretrainedManifest(value: unknown): PretrainedManifest {
  if (!isRecord(value)) fail('not a JSON object');
  if (value.format !== PRETRAINED_MANIFEST_FORMAT)
    fail(`format is not "${PRETRAINED_MANIFEST_FORMAT}"`);
  if (value.modelId !== maeInfo.id) fail('it is not an MAE');
  if (typeof value.checkpoint !== 'string' || !/^[\w.-]+$/.test(value.checkpoint)) {
    fail('the checkpoint name is missing or not a plain file name');
  }
  if (!isRecord(value.config)) fail('config is missing');
  // A manifest written before a setting existed was made with that setting's old value.
  const config: Record<string, unknown> = { ...MAE_SETTINGS_ADDED_LATER, ...value.config };
  for (const key of Object.keys(maeSchema) as (keyof MaeConfig)[]) {
    if (!(key in config)) fail(`config.${key} is missing`);
  }
  finite(value.parameters, 'parameters');
  finite(value.channels, 'channels');
  if (!Array.isArray(value.errors) || value.errors.length === 0) fail('errors are missing');
  for (const row of value.errors as unknown[]) {
    if (!isRecord(row) || typeof row.id !== 'string') fail('an error row has no id');
    for (const key of ['relL2', 'relL2Linear', 'relL2Nearest', 'windows']) {
      finite(row[key], `errors.${key}`);
    }
  }
  if (value.groups !== undefined) {
    if (!Array.isArray(value.groups)) fail('groups is not a list');
    for (const row of value.groups as unknown[]) {
      if (!isRecord(row) || typeof row.equation !== 'string' || typeof row.initial !== 'string') {
        fail('a group row has no equation or initial condition');
      }
      for (const key of ['mae', 'linear', 'nearest', 'windows']) finite(row[key], `groups.${key}`);
    }
  }
  if (!isRecord(value.training)) fail('training is missing');
  for (const key of ['steps', 'batchSize', 'peakLr', 'seed']) {
    finite(value.training[key], `training.${key}`);
  }
  return { ...value, config } as unknown as PretrainedManifest;
}
