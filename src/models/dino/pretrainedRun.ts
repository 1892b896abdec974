/**
 * How DINo ships pretrained (worker side): its manifest file, checked, and the finished run its
 * checkpoint is listed as: the loss per step from the checkpoint, DINo's constant learning rate,
 * the held-out validations, and the held-out 2×2 table as the final metrics.
 */
import type { Checkpoint } from '../nn/checkpoint';
import type { PretrainedRun, PretrainedShipping } from '../pretrained';
import { trainSchema, type TrainOptions } from '../trainOptions';
import { defaults } from '../../schema/params';
import {
  parseDinoManifest,
  PRETRAINED_DINO_MANIFEST,
  type DinoPretrainedManifest,
} from './pretrained';

export const dinoPretrained: PretrainedShipping<DinoPretrainedManifest> = {
  manifestFile: PRETRAINED_DINO_MANIFEST,
  parseManifest: parseDinoManifest,
  run: dinoPretrainedRun,
};

function dinoPretrainedRun(
  manifest: DinoPretrainedManifest,
  checkpoint: Checkpoint,
): PretrainedRun {
  const { training, table } = manifest;
  const options: TrainOptions = {
    ...defaults(trainSchema),
    schedule: 'constant',
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
  return {
    name: `Pretrained ${manifest.preset} DINo on waves (ships with the lab)`,
    options,
    history: {
      step: losses.map((_, i) => i + 1),
      loss: losses as number[],
      lr: losses.map(() => training.peakLr),
      validations,
    },
    finalMetrics: {
      relL2: table.all,
      relL2InTInS: table.inT_inS,
      relL2InTOutS: table.inT_outS,
      relL2OutTInS: table.outT_inS,
      relL2OutTOutS: table.outT_outS,
    },
  };
}
