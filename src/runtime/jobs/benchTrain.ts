/**
 * Training speed: builds a preset of any model of the registry on in-memory data, runs untimed
 * warm-up steps (they compile the shaders) and then timed steps through the generic training the
 * Train panel uses, and reports the median step time and samples per second on the active backend.
 * Shared by the Node bench and, through the worker, by the browser bench.
 */
import * as tf from '@tensorflow/tfjs';
import { modelEntry, isModelId } from '../../models/catalog';
import { createTraining } from '../../models/nn/training';
import { trainLoop } from '../../models/nn/trainLoop';
import { modelRuntime } from '../../models/registry';
import { trainSchema } from '../../models/trainOptions';
import { defaults } from '../../schema/params';
import type { JobContext } from '../jobRunner';
import type { BenchTrainParams, BenchTrainResult } from './benchTrainConfig';
import { smoothTrajectories, smoothTrajectoriesMeta } from './benchTrainData';

/** The in-memory dataset: long and wide enough for every preset's window and horizon. */
const TRAJECTORIES = 4;
const FRAMES = 20;
const GRID = 32;

export async function benchTrain(
  { modelId, preset, batchSize, steps, warmupSteps }: BenchTrainParams,
  ctx: JobContext,
): Promise<BenchTrainResult> {
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`Steps must be ≥ 1, not ${steps}.`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) {
    throw new RangeError(`Warm-up steps must be ≥ 0, not ${warmupSteps}.`);
  }
  if (!isModelId(modelId)) throw new Error(`There is no model "${modelId}" to time.`);
  const entry = modelEntry(modelId);
  const chosen = entry.presets[preset];
  if (!chosen) throw new Error(`${entry.title} has no preset "${preset}".`);
  const message = `Timing ${steps} training steps of the ${preset} ${entry.runLabel}`;
  ctx.progress(0, message);
  const total = warmupSteps + steps;
  const train = smoothTrajectories(TRAJECTORIES, FRAMES, GRID);
  const trainer = modelRuntime(modelId).createTrainer({
    config: chosen.config,
    // The Train panel's defaults where they change the work of a step: AdamW with weight decay
    // and clipping at 1. The schedule only sets a number per step; warm-up + cosine accepts any
    // step count (OneCycle needs more than 5).
    options: { ...defaults(trainSchema), steps: total, batchSize, schedule: 'warmup-cosine' },
    train,
    meta: smoothTrajectoriesMeta(train),
  });
  const parameters = entry.parameterCount(chosen.config);
  const stepMs: number[] = [];
  let warmupMs = 0;
  try {
    const training = createTraining(trainer, {
      steps: total,
      batchSize,
      schedule: 'warmup-cosine',
      weightDecay: 0.01,
      clipNorm: 1,
    });
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
        // Validation is not timed and does not run here.
        validate: undefined,
      });
    } finally {
      training.dispose();
    }
  } finally {
    trainer.dispose();
  }
  const msPerStep = median(stepMs);
  return {
    modelId,
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
