/**
 * Training speed: builds an MAE preset on in-memory data, runs untimed warm-up steps (they compile
 * the shaders) and then timed steps through the generic trainLoop the Train panel uses, and reports
 * the median step time and windows per second on the active backend. Shared by the Node bench and,
 * through the worker, by the browser bench.
 */
import * as tf from '@tensorflow/tfjs';
import { MAE_PRESETS } from '../../models/mae/config';
import { createMaeTraining } from '../../models/mae/train';
import { trainLoop } from '../../models/nn/trainLoop';
import type { JobContext } from '../jobRunner';
import type { BenchTrainParams, BenchTrainResult } from './benchTrainConfig';
import { smoothTrajectories } from './benchTrainData';

/** Trajectories in the in-memory dataset, each twice a window long. */
const TRAJECTORIES = 4;

export async function benchTrain(
  { preset, batchSize, steps, warmupSteps }: BenchTrainParams,
  ctx: JobContext,
): Promise<BenchTrainResult> {
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`Steps must be ≥ 1, not ${steps}.`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) {
    throw new RangeError(`Warm-up steps must be ≥ 0, not ${warmupSteps}.`);
  }
  const config = MAE_PRESETS[preset].config;
  const message = `Timing ${steps} training steps of the ${preset} MAE`;
  ctx.progress(0, message);
  const training = createMaeTraining({
    config,
    train: smoothTrajectories(TRAJECTORIES, 2 * config.frames, config.size),
    steps: warmupSteps + steps,
    batchSize,
    // The Train panel's defaults where they change the work of a step: AdamW with weight decay,
    // clipping at 1 and the shift augmentation on half of the batches. The schedule only sets a
    // number per step; warm-up + cosine accepts any step count (OneCycle needs more than 5).
    schedule: 'warmup-cosine',
    weightDecay: 0.01,
    clipNorm: 1,
    // Validation is not timed and does not run here; one window keeps its set-up cheap.
    validationWindows: 1,
  });
  const parameters = training.model.params.count('trainable');
  const total = warmupSteps + steps;
  const stepMs: number[] = [];
  let warmupMs = 0;
  try {
    await trainLoop({
      ...training.loopOptions({
        // meanStepMs includes the device's time (the loop does not wait for it every step).
        onMetrics: (m) => {
          if (m.step <= warmupSteps) warmupMs += m.meanStepMs;
          else stepMs.push(m.meanStepMs);
          ctx.progress(m.step / total, message);
        },
        yieldStep: () => ctx.step(),
      }),
      validate: undefined,
    });
  } finally {
    training.dispose();
  }
  const msPerStep = median(stepMs);
  return {
    preset,
    parameters,
    batchSize,
    steps,
    msPerStep,
    samplesPerSecond: (1000 * batchSize) / msPerStep,
    stepMs,
    warmupMs,
    backend: tf.getBackend(),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
