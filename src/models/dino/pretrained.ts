/**
 * The pretrained DINo the lab ships in `public/pretrained/`: a checkpoint made by
 * `npm run pretrain -- dino` and a manifest saying how it was made and how well it forecasts wave
 * trajectories a student builds, which it never saw. Plain data: safe on the main thread.
 */
import { restoreModelConfig } from '../catalog';
import { PRETRAINED_MANIFEST_FORMAT, type ShippedManifest } from '../pretrained';
import type { DinoConfig } from './config';
import { dinoInfo } from './info';

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

function fail(why: string): never {
  throw new Error(`The shipped DINo manifest is invalid: ${why}.`);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} is not a number`);
  return value as number;
}

/** Checks a shipped DINo manifest (as `npm run pretrain -- dino` writes it). */
export function parseDinoManifest(value: unknown): DinoPretrainedManifest {
  if (!isRecord(value)) fail('not a JSON object');
  if (value.format !== PRETRAINED_MANIFEST_FORMAT) {
    fail(`format is not "${PRETRAINED_MANIFEST_FORMAT}"`);
  }
  if (value.modelId !== dinoInfo.id) fail('it is not a DINo');
  if (typeof value.checkpoint !== 'string' || !/^[\w.-]+$/.test(value.checkpoint)) {
    fail('the checkpoint name is missing or not a plain file name');
  }
  const restored = restoreModelConfig(dinoInfo, { model: value.config, channels: value.channels });
  if (!restored.ok) fail(restored.problem);
  finite(value.parameters, 'parameters');
  if (!isRecord(value.training)) fail('training is missing');
  for (const key of ['steps', 'batchSize', 'peakLr', 'seed', 'seconds']) {
    finite(value.training[key], `training.${key}`);
  }
  if (!isRecord(value.table)) fail('the error table is missing');
  for (const key of ['inT_inS', 'inT_outS', 'outT_inS', 'outT_outS', 'all']) {
    finite(value.table[key], `table.${key}`);
  }
  if (!Array.isArray(value.validations)) fail('validations are missing');
  return value as unknown as DinoPretrainedManifest;
}
