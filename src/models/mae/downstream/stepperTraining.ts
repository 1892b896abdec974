/**
 * Trains a time-stepper: seeded (trajectory, start) pairs from the training trajectories, the
 * window at `start` as input and the next window as target, relative-L2 loss, AdamW with a
 * cosine decay over the run, through the shared training loop.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, seedFor, type Rng } from '../../../pde/random';
import { AdamW } from '../../nn/adamw';
import { warmupCosineSchedule } from '../../nn/schedules';
import { trainLoop, type StepMetrics } from '../../nn/trainLoop';
import { windowAt, windowSize, type WindowSource } from '../windows';
import { applyStepper, type Stepper } from '../../nn/fnoStepper';
import type { Conditioner } from './stepperConditioning';

/** Where the learning rate ends (MAE-PDE's CosineAnnealingLR eta_min), unless lr is lower. */
export const STEPPER_MIN_LR = 1e-4;

const BATCH_STREAM = 0x57e9;

export interface StepperTraining {
  steps: number;
  batchSize: number;
  lr: number;
  /** Seeds the batch order: the same for every arm given the same seed. */
  seed: number;
  weightDecay?: number;
}

export interface StepperBatch {
  trajectories: number[];
  /** [B, T, S, S, C] at start and at start + T. */
  inputs: Float32Array;
  targets: Float32Array;
}

/** Starts s with s + 2T ≤ frames: an input window and its whole next window. */
export function maxPairStart(source: Pick<WindowSource, 'frames' | 'window'>): number {
  return source.frames - 2 * source.window;
}

/** `count` random (trajectory, start) pairs from `pool`, as input and target windows. */
export function drawBatch(
  source: WindowSource,
  pool: readonly number[],
  rng: Rng,
  count: number,
): StepperBatch {
  const last = maxPairStart(source);
  if (last < 0) {
    throw new RangeError(
      `Trajectories of ${source.frames} frames hold no input and target windows of ${source.window} frames each (${2 * source.window} needed).`,
    );
  }
  if (pool.length === 0) throw new RangeError('There is no training trajectory.');
  const size = windowSize(source);
  const inputs = new Float32Array(count * size);
  const targets = new Float32Array(count * size);
  const trajectories: number[] = [];
  for (let b = 0; b < count; b++) {
    const trajectory = pool[rng.integer(0, pool.length - 1)]!;
    const start = rng.integer(0, last);
    trajectories.push(trajectory);
    inputs.set(windowAt(source, trajectory, start), b * size);
    targets.set(windowAt(source, trajectory, start + source.window), b * size);
  }
  return { trajectories, inputs, targets };
}

/**
 * Mean over the batch of ‖pred − target‖ / ‖target‖ per sample: the metric the rollout reports,
 * so training minimises what is scored, and every equation weighs the same whatever its scale
 * (heat decays, Burgers does not). The tiny constants keep the square root's gradient finite.
 */
export function relativeL2Loss(pred: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const b = pred.shape[0]!;
    const diff = pred.sub(target).reshape([b, -1]).square().sum(1).add(1e-12).sqrt();
    const norm = target.reshape([b, -1]).square().sum(1).add(1e-12).sqrt();
    return diff.div(norm).mean() as tf.Scalar;
  });
}

/** The loss of one batch, built from the stepper's variables (and the conditioner's features). */
export function batchLoss(
  model: Stepper,
  conditioner: Conditioner,
  batch: StepperBatch,
): tf.Scalar {
  return tf.tidy(() => {
    const { frames, size, channels } = model.config;
    const shape = [batch.trajectories.length, frames, size, size, channels];
    const inputs = tf.tensor(batch.inputs, shape);
    const targets = tf.tensor(batch.targets, shape);
    const condition = conditioner.features(inputs, batch.trajectories);
    return relativeL2Loss(applyStepper(model, inputs, condition), targets);
  });
}

export interface TrainStepperOptions extends StepperTraining {
  model: Stepper;
  conditioner: Conditioner;
  source: WindowSource;
  /** Trajectory indices to draw pairs from. */
  train: readonly number[];
  yieldStep?: () => Promise<void>;
  onMetrics?: (metrics: StepMetrics) => void;
}

/** Trains in place; returns the loss of every step. */
export async function trainStepper(options: TrainStepperOptions): Promise<number[]> {
  const { model, conditioner, source, train, steps, batchSize, lr, seed } = options;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`Steps must be a whole number ≥ 1 (got ${steps}).`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`Batch size must be a whole number ≥ 1 (got ${batchSize}).`);
  }
  if (!(lr > 0)) throw new RangeError(`The learning rate must be positive (got ${lr}).`);
  const rng = createRng(seedFor(seed, 0, BATCH_STREAM));
  const optimizer = new AdamW(model.params, { weightDecay: options.weightDecay ?? 0.01 });
  const schedule = warmupCosineSchedule({
    peak: lr,
    warmupSteps: 0,
    totalSteps: Math.max(1, steps - 1),
    min: Math.min(STEPPER_MIN_LR, lr),
  });
  const losses: number[] = [];
  try {
    await trainLoop({
      params: model.params,
      optimizer,
      schedule,
      steps,
      batchSize,
      trainStep: () => batchLoss(model, conditioner, drawBatch(source, train, rng, batchSize)),
      yieldStep: options.yieldStep,
      onMetrics: (metrics) => {
        losses.push(metrics.loss);
        options.onMetrics?.(metrics);
      },
    });
  } finally {
    optimizer.dispose();
  }
  return losses;
}
