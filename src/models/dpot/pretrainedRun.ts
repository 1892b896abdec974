/**
 * How DPOT ships pretrained (worker side): its manifest file, checked, and the finished run its
 * checkpoint is listed as: the loss per step from the checkpoint, the OneCycle learning rate it
 * was trained with, the held-out validations, and the default dataset's held-out scores as the
 * final metrics.
 */
import { defaults } from '../../schema/params';
import type { Checkpoint } from '../nn/checkpoint';
import type { PretrainedRun, PretrainedShipping } from '../pretrained';
import { trainSchema, type TrainOptions } from '../trainOptions';
import {
  parseDpotManifest,
  PRETRAINED_DPOT_MANIFEST,
  type DpotPretrainedManifest,
} from './pretrained';
import { DPOT_WEIGHT_DECAY, dpotSchedules } from './train';

/** OneCycle's warm-up share (DPOT's 200 of 1000 epochs), as dpotSchedules uses by default. */
const WARMUP_FRACTION = 0.2;

export const dpotPretrained: PretrainedShipping<DpotPretrainedManifest> = {
  manifestFile: PRETRAINED_DPOT_MANIFEST,
  parseManifest: parseDpotManifest,
  run: dpotPretrainedRun,
};

export function dpotPretrainedRun(
  manifest: DpotPretrainedManifest,
  checkpoint: Checkpoint,
): PretrainedRun {
  const { training, table } = manifest;
  const options: TrainOptions = {
    ...defaults(trainSchema),
    schedule: 'one-cycle',
    warmupFraction: WARMUP_FRACTION,
    weightDecay: DPOT_WEIGHT_DECAY,
    // DPOT clips at a norm of 1e4, which training never reached (manifest.training.maxGradNorm).
    clipNorm: 0,
    steps: training.steps,
    batchSize: training.batchSize,
    peakLr: training.peakLr,
    seed: training.seed,
  };
  const saved = (checkpoint.history ?? {}) as { loss?: unknown };
  const losses = Array.isArray(saved.loss)
    ? saved.loss.filter((x): x is number => typeof x === 'number')
    : [];
  const { schedule } = dpotSchedules(training.steps, {
    maxLr: training.peakLr,
    pctStart: WARMUP_FRACTION,
  });
  const validations = manifest.validations.flatMap(({ step, ...metrics }) =>
    typeof step === 'number' ? [{ step, metrics }] : [],
  );
  const { oneStepL2re, rolloutL2re, finalStepL2re, horizon } = table.defaultDataset.model;
  return {
    name: `Pretrained ${manifest.preset} DPOT on heat, advection, Burgers and Navier–Stokes (ships with the lab)`,
    options,
    history: {
      step: losses.map((_, i) => i + 1),
      loss: losses,
      lr: losses.map((_, i) => schedule(i)),
      validations,
    },
    finalMetrics: { oneStepL2re, rolloutL2re, finalStepL2re, horizon },
  };
}
