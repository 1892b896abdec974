/**
 * The model-agnostic training loop: for each step, gradients of the model's loss, optional
 * global-norm clipping, one AdamW update at the schedule's learning rate, then metrics, periodic
 * validation and checkpoints, with pause and cooperative cancellation between steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { AdamW } from './adamw';
import { clipByGlobalNorm, globalNorm } from './gradClip';
import type { Params } from './params';
import type { Schedule } from './schedules';

export interface StepMetrics {
  /** Steps completed, this one included (1 after the first update). */
  step: number;
  loss: number;
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Wall time of the step (gradients, update, loss readback), pauses excluded. */
  stepMs: number;
  samplesPerSecond: number;
  /** The validation results, on the steps where validation ran. */
  validation?: Record<string, number>;
}

export interface TrainLoopOptions {
  params: Params;
  optimizer: AdamW;
  schedule: Schedule;
  /** Optional β₁ per step (OneCycle's momentum cycling). */
  momentumSchedule?: Schedule;
  /** Total number of steps; the loop ends when this many are complete. */
  steps: number;
  /** Steps already completed (resuming from a checkpoint); default 0. */
  startStep?: number;
  /** Samples per step, for samples/s. */
  batchSize: number;
  /**
   * The model's loss for step `index` (0-based, also the schedule's argument), as a scalar built
   * from the params' variables. The loop differentiates it and disposes everything it creates.
   */
  trainStep: (index: number) => tf.Scalar;
  /** Clip the global gradient norm to this value (PyTorch clip_grad_norm_). */
  clipNorm?: number;
  validateEvery?: number;
  /** Runs after every `validateEvery` steps and after the last step. */
  validate?: (step: number) => Promise<Record<string, number>> | Record<string, number>;
  onMetrics?: (metrics: StepMetrics) => void;
  checkpointEvery?: number;
  /**
   * Saves a checkpoint: after every `checkpointEvery` steps, at the end, and when a stop is
   * requested (then with the last completed step), unless one was just taken at that step.
   */
  onCheckpoint?: (step: number) => Promise<void> | void;
  /**
   * Awaited before every step: yield to the event loop, and throw to stop (pass the job runner's
   * `JobContext.step`). The error is rethrown after the stop checkpoint.
   */
  yieldStep?: () => Promise<void>;
  /** Awaited before every step; resolves when the user resumes (throw to stop, as above). */
  pause?: () => Promise<void>;
  now?: () => number;
}

export interface TrainLoopResult {
  /** Steps completed. */
  step: number;
  /** The last step's loss (NaN if no step ran). */
  loss: number;
}

export class NonFiniteLossError extends Error {
  override name = 'NonFiniteLossError';
  constructor(
    readonly step: number,
    readonly loss: number,
    readonly gradNorm: number,
  ) {
    super(
      `Training diverged at step ${step}: loss ${loss}, gradient norm ${gradNorm}. ` +
        'The parameters were left as they were before this step; try a lower learning rate ' +
        'or gradient clipping.',
    );
  }
}

export async function trainLoop(options: TrainLoopOptions): Promise<TrainLoopResult> {
  const { params, optimizer, schedule, steps, trainStep } = options;
  const now = options.now ?? (() => performance.now());
  const startStep = options.startStep ?? 0;
  if (!Number.isInteger(startStep) || startStep < 0 || startStep > steps) {
    throw new RangeError(`startStep ${startStep} is outside 0…${steps}`);
  }
  const trainable = params.trainable();
  const nameOf = new Map(trainable.map(([name, v]) => [v.name, name]));
  const variables = trainable.map(([, v]) => v);

  let completed = startStep;
  let lastSaved = startStep;
  let lastLoss = NaN;
  const save = async () => {
    if (options.onCheckpoint && lastSaved !== completed) {
      await options.onCheckpoint(completed);
      lastSaved = completed;
    }
  };
  const every = (k: number | undefined) => k !== undefined && k > 0 && completed % k === 0;

  while (completed < steps) {
    try {
      await options.pause?.();
      await options.yieldStep?.();
    } catch (stop) {
      await save();
      throw stop;
    }
    const index = completed;
    const started = now();
    const lr = schedule(index);
    const { loss, gradNorm } = await runStep(index, lr);
    const stepMs = now() - started;
    completed += 1;
    lastLoss = loss;

    const metrics: StepMetrics = {
      step: completed,
      loss,
      lr,
      gradNorm,
      stepMs,
      samplesPerSecond: stepMs > 0 ? (1000 * options.batchSize) / stepMs : Infinity,
    };
    if (options.validate && (every(options.validateEvery) || completed === steps)) {
      metrics.validation = await options.validate(completed);
    }
    options.onMetrics?.(metrics);
    if (every(options.checkpointEvery) || completed === steps) await save();
  }
  return { step: completed, loss: lastLoss };

  async function runStep(index: number, lr: number): Promise<{ loss: number; gradNorm: number }> {
    const { value, grads } = tf.variableGrads(() => trainStep(index), variables);
    const named: Record<string, tf.Tensor> = {};
    for (const [tfName, grad] of Object.entries(grads)) {
      const name = nameOf.get(tfName);
      if (name && grad) named[name] = grad;
    }
    const clipped = options.clipNorm ? clipByGlobalNorm(named, options.clipNorm) : null;
    const norm = clipped ? clipped.norm : globalNorm(named);
    const toDispose: tf.Tensor[] = [value, norm, ...Object.values(grads)];
    if (clipped) toDispose.push(...Object.values(clipped.grads));
    try {
      // One readback for both numbers, before the update: a diverged step changes nothing.
      const readout = tf.stack([value, norm]);
      const [loss, gradNorm] = await readout.data();
      readout.dispose();
      if (!Number.isFinite(loss!) || !Number.isFinite(gradNorm!)) {
        throw new NonFiniteLossError(index + 1, loss!, gradNorm!);
      }
      optimizer.apply(clipped ? clipped.grads : named, lr, {
        beta1: options.momentumSchedule?.(index),
      });
      return { loss: loss!, gradNorm: gradNorm! };
    } finally {
      tf.dispose(toDispose);
    }
  }
}
