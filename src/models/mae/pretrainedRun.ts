/**
 * How the MAE ships pretrained (worker side): its manifest file, checked, and the finished run its
 * checkpoint is listed as, with the curves the Train panel draws: the loss per step from the
 * checkpoint, the lr of MAE training's one-cycle schedule at each step, the held-out validations.
 */
import type { Checkpoint } from '../nn/checkpoint';
import { oneCycleSchedule } from '../nn/schedules';
import type { PretrainedRun, PretrainedShipping } from '../pretrained';
import type { TrainOptions } from '../trainOptions';
import {
  parsePretrainedManifest,
  PRETRAIN_SCHEDULE,
  PRETRAINED_MAE_MANIFEST,
  type PretrainedManifest,
} from './pretrained';

interface ValidationEntry {
  step?: unknown;
  relL2?: unknown;
  mse?: unknown;
}

export const maePretrained: PretrainedShipping<PretrainedManifest> = {
  manifestFile: PRETRAINED_MAE_MANIFEST,
  parseManifest: parsePretrainedManifest,
  run: maePretrainedRun,
};

function maePretrainedRun(manifest: PretrainedManifest, checkpoint: Checkpoint): PretrainedRun {
  const { training } = manifest;
  const history = pretrainingHistory(checkpoint.history, training);
  const options: TrainOptions = {
    schedule: PRETRAIN_SCHEDULE.schedule,
    warmupFraction: PRETRAIN_SCHEDULE.pctStart,
    weightDecay: PRETRAIN_SCHEDULE.weightDecay,
    clipNorm: 0,
    steps: training.steps,
    batchSize: training.batchSize,
    peakLr: training.peakLr,
    seed: training.seed,
    validateEvery: 0,
    checkpointEvery: 0,
    snapshotEvery: 0,
  };
  const all = manifest.errors.find((row) => row.id === 'all');
  // The last validation's loss; NaN where that validation did not measure it.
  const measuredMse = history.validations.some((v) => v.metrics.mse !== undefined);
  const mse = measuredMse ? (history.validations.at(-1)?.metrics.mse ?? Number.NaN) : undefined;
  return {
    name: `Pretrained ${manifest.preset} MAE (ships with the lab)`,
    options,
    history,
    ...(all
      ? {
          finalMetrics: {
            relL2: all.relL2,
            relL2Linear: all.relL2Linear,
            relL2Nearest: all.relL2Nearest,
            ...(mse === undefined ? {} : { mse }),
          },
        }
      : {}),
  };
}

/** The curves of the checkpoint's saved history: `{ loss: number[], validation: {step, …}[] }`. */
export function pretrainingHistory(
  saved: unknown,
  training: { steps: number; peakLr: number },
): PretrainedRun['history'] {
  const history: PretrainedRun['history'] = { step: [], loss: [], lr: [], validations: [] };
  const { loss, validation } = (saved ?? {}) as { loss?: unknown; validation?: unknown };
  const lr = oneCycleSchedule({
    maxLr: training.peakLr,
    totalSteps: training.steps,
    pctStart: PRETRAIN_SCHEDULE.pctStart,
    divFactor: PRETRAIN_SCHEDULE.divFactor,
    finalDivFactor: PRETRAIN_SCHEDULE.finalDivFactor,
  });
  if (Array.isArray(loss)) {
    loss.forEach((value, i) => {
      if (typeof value !== 'number') return;
      history.step.push(i + 1);
      history.loss.push(value);
      history.lr.push(lr(i));
    });
  }
  if (Array.isArray(validation)) {
    for (const entry of validation as ValidationEntry[]) {
      if (typeof entry?.step !== 'number' || typeof entry.relL2 !== 'number') continue;
      const { step, ...metrics } = entry;
      history.validations.push({
        step,
        metrics: Object.fromEntries(
          Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === 'number'),
        ),
      });
    }
  }
  return history;
}
