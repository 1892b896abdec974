/**
 * How PhysicNet-style ships pretrained (worker side): its manifest file, checked, and the finished
 * run its checkpoint is listed as: the loss per step from the checkpoint, the constant learning
 * rate, the held-out validations, and the held-out scores as the final metrics.
 */
import { defaults } from '../../schema/params';
import type { Checkpoint } from '../nn/checkpoint';
import type { PretrainedRun, PretrainedShipping } from '../pretrained';
import { trainSchema, type TrainOptions } from '../trainOptions';
import {
  parsePhysicNetManifest,
  PRETRAINED_PHYSICNET_MANIFEST,
  type PhysicNetPretrainedManifest,
} from './pretrained';

export const physicnetPretrained: PretrainedShipping<PhysicNetPretrainedManifest> = {
  manifestFile: PRETRAINED_PHYSICNET_MANIFEST,
  parseManifest: parsePhysicNetManifest,
  run: physicnetPretrainedRun,
};

function physicnetPretrainedRun(
  manifest: PhysicNetPretrainedManifest,
  checkpoint: Checkpoint,
): PretrainedRun {
  const { training, table } = manifest;
  const options: TrainOptions = {
    ...defaults(trainSchema),
    schedule: 'constant',
    weightDecay: 0,
    clipNorm: 0,
    steps: training.steps,
    batchSize: training.batchSize,
    peakLr: training.peakLr,
    seed: training.seed,
  };
  const saved = (checkpoint.history ?? {}) as { loss?: unknown };
  const losses = Array.isArray(saved.loss) ? saved.loss.filter((x) => typeof x === 'number') : [];
  const validations = manifest.validations.flatMap(({ step, ...metrics }) =>
    typeof step === 'number' ? [{ step, metrics }] : [],
  );
  const finalMetrics: Record<string, number> = {
    testMse: table.testMse,
    relL2: table.relL2,
    ssim: table.ssim,
  };
  if (table.perplexity !== null) finalMetrics.perplexity = table.perplexity;
  if (table.deadCodes !== null) finalMetrics.deadCodes = table.deadCodes;
  if (table.flowEndPointError !== null) finalMetrics.flowEndPointError = table.flowEndPointError;
  return {
    name: `Pretrained ${manifest.preset} PhysicNet-style on swirling blobs (ships with the lab)`,
    options,
    history: {
      step: losses.map((_, i) => i + 1),
      loss: losses as number[],
      lr: losses.map(() => training.peakLr),
      validations,
    },
    finalMetrics,
  };
}
