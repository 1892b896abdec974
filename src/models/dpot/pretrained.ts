/**
 * The pretrained DPOT the lab ships in `public/pretrained/`: a checkpoint made by
 * `npm run pretrain -- dpot` and a manifest saying how it was made and how far it rolls out
 * trajectories it never saw: the model's default dataset as a student builds it, and
 * Navier–Stokes at each viscosity, beside the persistence baseline. Plain data: safe on the main
 * thread.
 */
import { restoreModelConfig } from '../catalog';
import { PRETRAINED_MANIFEST_FORMAT, type ShippedManifest } from '../pretrained';
import type { DpotConfig } from './config';
import { dpotInfo } from './info';

export const PRETRAINED_DPOT_MANIFEST = 'dpot.json';

/** A rollout's errors, by the model's metric ids, with the error of every step. */
export interface DpotRolloutScores {
  oneStepL2re: number;
  rolloutL2re: number;
  finalStepL2re: number;
  /** The first step whose error exceeds 0.5; the rollout's length when none does. */
  horizon: number;
  /** Relative L2 of each predicted step (step 1 first). */
  perStep: number[];
}

/** One held-out set rolled out by the model and by persistence (the last input frame repeated). */
export interface DpotHeldOutScores {
  /** What was rolled out, in words. */
  label: string;
  /** Trajectories rolled out. */
  count: number;
  model: DpotRolloutScores;
  persistence: DpotRolloutScores;
}

export interface DpotScoreTable {
  /** Rollout steps from each trajectory's first T_in frames. */
  steps: number;
  /** The model's default dataset (heat, advection and Burgers), all equations together. */
  defaultDataset: DpotHeldOutScores;
  /** Each equation on its own: those of the default dataset, then Navier–Stokes. */
  equations: Record<string, DpotHeldOutScores>;
}

export interface DpotPretrainedManifest extends ShippedManifest {
  modelId: 'dpot';
  config: DpotConfig;
  training: ShippedManifest['training'] & {
    /** The largest gradient norm met: DPOT clips at 1e4, so clipping never acted below it. */
    maxGradNorm: number;
  };
  table: DpotScoreTable;
  /** The held-out validations during training, by the model's metric ids (with their step). */
  validations: Record<string, number>[];
}

const METRICS = ['oneStepL2re', 'rolloutL2re', 'finalStepL2re', 'horizon'] as const;

function fail(why: string): never {
  throw new Error(`The shipped DPOT manifest is invalid: ${why}.`);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} is not a number`);
  return value as number;
}

function checkScores(value: unknown, name: string, steps: number): void {
  if (!isRecord(value)) fail(`${name} is missing`);
  for (const key of METRICS) finite(value[key], `${name}.${key}`);
  if (!Array.isArray(value.perStep) || value.perStep.length !== steps) {
    fail(`${name}.perStep should list ${steps} errors`);
  }
  value.perStep.forEach((e, k) => finite(e, `${name}.perStep[${k}]`));
}

function checkHeldOut(value: unknown, name: string, steps: number): void {
  if (!isRecord(value)) fail(`${name} is missing`);
  if (typeof value.label !== 'string') fail(`${name}.label is missing`);
  finite(value.count, `${name}.count`);
  checkScores(value.model, `${name}.model`, steps);
  checkScores(value.persistence, `${name}.persistence`, steps);
}

/** Checks a shipped DPOT manifest (as `npm run pretrain -- dpot` writes it). */
export function parseDpotManifest(value: unknown): DpotPretrainedManifest {
  if (!isRecord(value)) fail('not a JSON object');
  if (value.format !== PRETRAINED_MANIFEST_FORMAT) {
    fail(`format is not "${PRETRAINED_MANIFEST_FORMAT}"`);
  }
  if (value.modelId !== dpotInfo.id) fail('it is not a DPOT model');
  if (typeof value.checkpoint !== 'string' || !/^[\w.-]+$/.test(value.checkpoint)) {
    fail('the checkpoint name is missing or not a plain file name');
  }
  const restored = restoreModelConfig(dpotInfo, { model: value.config, channels: value.channels });
  if (!restored.ok) fail(restored.problem);
  finite(value.parameters, 'parameters');
  if (!isRecord(value.training)) fail('training is missing');
  for (const key of ['steps', 'batchSize', 'peakLr', 'seed', 'seconds', 'maxGradNorm']) {
    finite(value.training[key], `training.${key}`);
  }
  const table = value.table;
  if (!isRecord(table)) fail('the score table is missing');
  const steps = finite(table.steps, 'table.steps');
  checkHeldOut(table.defaultDataset, 'table.defaultDataset', steps);
  if (!isRecord(table.equations)) fail('table.equations is missing');
  for (const [id, scores] of Object.entries(table.equations)) {
    checkHeldOut(scores, `table.equations.${id}`, steps);
  }
  if (!Array.isArray(value.validations)) fail('validations are missing');
  return value as unknown as DpotPretrainedManifest;
}
