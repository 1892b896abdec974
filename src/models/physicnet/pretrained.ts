/**
 * The pretrained PhysicNet-style model the lab ships in `public/pretrained/`: a checkpoint made by
 * `npm run pretrain -- physicnet` and a manifest saying how it was made and how well it forecasts
 * swirl trajectories a student builds, which it never saw. Plain data: safe on the main thread.
 */
import { restoreModelConfig } from '../catalog';
import { PRETRAINED_MANIFEST_FORMAT, type ShippedManifest } from '../pretrained';
import type { PhysicNetConfig } from './config';
import { physicnetInfo } from './info';

export const PRETRAINED_PHYSICNET_MANIFEST = 'physicnet.json';

/** Held-out scores, by the model's metric ids, plus the persistence baseline's MSE and SSIM. */
export interface PhysicNetScoreTable {
  testMse: number;
  relL2: number;
  ssim: number;
  /** Null without VQ. */
  perplexity: number | null;
  deadCodes: number | null;
  /** Grid cells per frame; null without a flow expert. */
  flowEndPointError: number | null;
  persistenceMse: number;
  persistenceSsim: number;
}

export interface PhysicNetPretrainedManifest extends ShippedManifest {
  modelId: 'physicnet';
  config: PhysicNetConfig;
  table: PhysicNetScoreTable;
  /** The held-out validations during training, by the model's metric ids (with their step). */
  validations: Record<string, number>[];
}

function fail(why: string): never {
  throw new Error(`The shipped PhysicNet-style manifest is invalid: ${why}.`);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function finite(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} is not a number`);
  return value as number;
}

/** Checks a shipped PhysicNet-style manifest (as `npm run pretrain -- physicnet` writes it). */
export function parsePhysicNetManifest(value: unknown): PhysicNetPretrainedManifest {
  if (!isRecord(value)) fail('not a JSON object');
  if (value.format !== PRETRAINED_MANIFEST_FORMAT) {
    fail(`format is not "${PRETRAINED_MANIFEST_FORMAT}"`);
  }
  if (value.modelId !== physicnetInfo.id) fail('it is not a PhysicNet-style model');
  if (typeof value.checkpoint !== 'string' || !/^[\w.-]+$/.test(value.checkpoint)) {
    fail('the checkpoint name is missing or not a plain file name');
  }
  const restored = restoreModelConfig(physicnetInfo, {
    model: value.config,
    channels: value.channels,
  });
  if (!restored.ok) fail(restored.problem);
  finite(value.parameters, 'parameters');
  if (!isRecord(value.training)) fail('training is missing');
  for (const key of ['steps', 'batchSize', 'peakLr', 'seed', 'seconds']) {
    finite(value.training[key], `training.${key}`);
  }
  if (!isRecord(value.table)) fail('the score table is missing');
  for (const key of ['testMse', 'relL2', 'ssim', 'persistenceMse', 'persistenceSsim']) {
    finite(value.table[key], `table.${key}`);
  }
  for (const key of ['perplexity', 'deadCodes', 'flowEndPointError']) {
    if (value.table[key] !== null) finite(value.table[key], `table.${key}`);
  }
  if (!Array.isArray(value.validations)) fail('validations are missing');
  return value as unknown as PhysicNetPretrainedManifest;
}
