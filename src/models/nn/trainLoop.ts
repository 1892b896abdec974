/**
 * The model-agnostic training loop: for each step, gradients of the model's loss, optional
 * global-norm clipping, one AdamW update at the schedule's learning rate, then metrics, periodic
 * validation and checkpoints, with pause and cooperative cancellation between steps.
 *
 * The loss and gradient norm of every step stay on the device and are read back in batches
 * (every `readEvery` steps, at least every `readEveryMs`, and on validation, checkpoint, sync and
 * last steps) without the loop waiting for the read: metrics arrive for all steps, a few steps
 * late. A non-finite loss stops the loop at the read that sees it, naming the first bad step;
 * every validation and checkpoint waits for the reads before it, so none is taken after a
 * diverged step.
 */
import * as tf from '@tensorflow/tfjs';
import type { AdamW } from './adamw';
import { clipByGlobalNorm, globalNorm } from './gradClip';
import { LossReadout, type ReadResult, type ReadStep } from './lossReadout';
import type { Params } from './params';
import type { Schedule } from './schedules';

export interface StepMetrics {
  /** Steps completed, this one included (1 after the first update). */
  step: number;
  loss: number;
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Wall time of the step's own work (gradients, update), readback waits and pauses excluded. */
  stepMs: number;
  /**
   * Mean wall time per step over the steps read back together with this one, waits for the
   * device included: the honest step time on a GPU, where `stepMs` is mostly the time to queue.
   */
  meanStepMs: number;
  /** From `meanStepMs`. */
  samplesPerSecond: number;
  /** The validation results, on the steps where validation ran. */
  validation?: Record<string, number>;
}

/**
 * A model's own update for step `index` at learning rate `lr` (its own optimizers and cadences):
 * the loss to report and the gradient norm, both owned by the caller from then on.
 */
export type StepUpdate = (
  index: number,
  lr: number,
  beta1?: number,
) => { loss: tf.Scalar; gradNorm: tf.Scalar };

/** Give `optimizer` and `trainStep` (the loop differentiates and steps), or the model's `update`. */
export interface TrainLoopOptions {
  params: Params;
  optimizer?: AdamW;
  /**
   * The model's loss for step `index` (0-based, also the schedule's argument), as a scalar built
   * from the params' variables. The loop differentiates it and disposes everything it creates.
   */
  trainStep?: (index: number) => tf.Scalar;
  update?: StepUpdate;
  schedule: Schedule;
  /** Optional β₁ per step (OneCycle's momentum cycling). */
  momentumSchedule?: Schedule;
  /** Total number of steps; the loop ends when this many are complete. */
  steps: number;
  /** Steps already completed (resuming from a checkpoint); default 0. */
  startStep?: number;
  /** Samples per step, for samples/s. */
  batchSize: number;
  /** Clip the global gradient norm to this value (PyTorch clip_grad_norm_; loss steps only). */
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
  /**
   * Awaited before every step; resolves when the user resumes (throw to stop, as above). Before
   * acting on a pause, await `flush()`: it delivers the metrics of every completed step (and
   * throws NonFiniteLossError if one diverged), so a pause checkpoint is current and sound.
   */
  pause?: (flush: () => Promise<void>) => Promise<void>;
  /** Read the loss back every this many steps (default 10; 1 reads every step). */
  readEvery?: number;
  /** Also start a read once this long has passed since the last one (default 1000 ms). */
  readEveryMs?: number;
  /**
   * Further steps after which the metrics must be current before the next step starts (e.g.
   * the steps a caller pictures the model at); validation, checkpoint and last steps always are.
   */
  syncAt?: (step: number) => boolean;
  now?: () => number;
}

export const DEFAULT_READ_EVERY = 10;
export const DEFAULT_READ_EVERY_MS = 1000;

export interface TrainLoopResult {
  /** Steps completed. */
  step: number;
  /** The last step's loss (NaN if no step ran). */
  loss: number;
}

export class NonFiniteLossError extends Error {
  override name = 'NonFiniteLossError';
  constructor(
    /** The first step whose loss or gradient norm is not finite. */
    readonly step: number,
    readonly loss: number,
    readonly gradNorm: number,
    /** Steps completed when the loop saw it (the weights in memory are from then). */
    readonly stoppedAt: number,
  ) {
    super(
      `Training diverged at step ${step}: loss ${loss}, gradient norm ${gradNorm}. ` +
        `Training stopped at step ${stoppedAt}, with no checkpoint or validation taken after ` +
        `step ${step - 1}; try a lower learning rate or gradient clipping.`,
    );
  }
}

export async function trainLoop(options: TrainLoopOptions): Promise<TrainLoopResult> {
  const { params, schedule, steps, optimizer, trainStep, update } = options;
  if (!update && !(optimizer && trainStep)) {
    throw new TypeError('trainLoop needs either an optimizer and a trainStep, or an update.');
  }
  const now = options.now ?? (() => performance.now());
  const startStep = options.startStep ?? 0;
  const readEvery = options.readEvery ?? DEFAULT_READ_EVERY;
  const readEveryMs = options.readEveryMs ?? DEFAULT_READ_EVERY_MS;
  if (!Number.isInteger(startStep) || startStep < 0 || startStep > steps) {
    throw new RangeError(`startStep ${startStep} is outside 0…${steps}`);
  }
  if (!Number.isInteger(readEvery) || readEvery < 1) {
    throw new RangeError(`readEvery must be a whole number ≥ 1, not ${readEvery}`);
  }
  const trainable = params.trainable();
  const nameOf = new Map(trainable.map(([name, v]) => [v.name, name]));
  const variables = trainable.map(([, v]) => v);
  const readout = new LossReadout(now);

  let completed = startStep;
  let lastSaved = startStep;
  let lastLoss = NaN;
  let lastReadAt = now();
  const save = async () => {
    if (options.onCheckpoint && lastSaved !== completed) {
      await options.onCheckpoint(completed);
      lastSaved = completed;
    }
  };
  const every = (k: number | undefined) => k !== undefined && k > 0 && completed % k === 0;
  const validationDue = () =>
    options.validate !== undefined && (every(options.validateEvery) || completed === steps);
  const checkpointDue = () => every(options.checkpointEvery) || completed === steps;
  const syncDue = () =>
    completed === steps ||
    validationDue() ||
    (options.onCheckpoint !== undefined && checkpointDue()) ||
    (options.syncAt?.(completed) ?? false);

  /** Delivers read steps as metrics (validating the last one when asked); throws on divergence. */
  const deliver = async (results: ReadResult[], validate = false) => {
    const read: ReadStep[] = [];
    let diverged: ReadStep | undefined;
    for (const result of results) {
      read.push(...result.steps);
      diverged = result.diverged;
      if (diverged) break;
    }
    const metrics = read.map((r) => toMetrics(r, options.batchSize));
    if (!diverged && validate && metrics.length > 0) {
      metrics.at(-1)!.validation = await options.validate!(completed);
    }
    for (const m of metrics) {
      lastLoss = m.loss;
      options.onMetrics?.(m);
    }
    if (diverged) {
      throw new NonFiniteLossError(diverged.step, diverged.loss, diverged.gradNorm, completed);
    }
  };
  const flush = async () => deliver(await readout.drain());

  try {
    while (completed < steps) {
      try {
        await options.pause?.(flush);
        await options.yieldStep?.();
      } catch (stop) {
        if (stop instanceof NonFiniteLossError) throw stop;
        await flush();
        await save();
        throw stop;
      }
      const index = completed;
      const started = now();
      const lr = schedule(index);
      const { loss, gradNorm } = update
        ? update(index, lr, options.momentumSchedule?.(index))
        : runStep(optimizer!, trainStep!, index, lr);
      completed += 1;
      const stepMs = now() - started;
      readout.push({ step: completed, lr, stepMs }, loss, gradNorm);
      readout.addTime(stepMs);

      if (syncDue()) {
        await deliver(await readout.drain(), validationDue());
        lastReadAt = now();
        if (checkpointDue()) await save();
        continue;
      }
      if (every(readEvery) || now() - lastReadAt >= readEveryMs) {
        await readout.start();
        lastReadAt = now();
      }
      await deliver(await readout.poll());
    }
  } finally {
    await readout.dispose();
  }
  return { step: completed, loss: lastLoss };

  /** Queues one step's gradients and update; returns its loss and gradient norm (caller owns). */
  function runStep(
    optimizer: AdamW,
    trainStep: (index: number) => tf.Scalar,
    index: number,
    lr: number,
  ): { loss: tf.Scalar; gradNorm: tf.Scalar } {
    const { value, grads } = tf.variableGrads(() => trainStep(index), variables);
    const named: Record<string, tf.Tensor> = {};
    for (const [tfName, grad] of Object.entries(grads)) {
      const name = nameOf.get(tfName);
      if (name && grad) named[name] = grad;
    }
    const toDispose: tf.Tensor[] = [...Object.values(grads)];
    let norm: tf.Scalar | undefined;
    try {
      const clipped = options.clipNorm ? clipByGlobalNorm(named, options.clipNorm) : null;
      if (clipped) toDispose.push(...Object.values(clipped.grads));
      norm = clipped ? clipped.norm : globalNorm(named);
      optimizer.apply(clipped ? clipped.grads : named, lr, {
        beta1: options.momentumSchedule?.(index),
      });
      return { loss: value, gradNorm: norm };
    } catch (error) {
      tf.dispose([value, ...(norm ? [norm] : [])]);
      throw error;
    } finally {
      tf.dispose(toDispose);
    }
  }
}

function toMetrics(read: ReadStep, batchSize: number): StepMetrics {
  const { step, loss, lr, gradNorm, stepMs, meanStepMs } = read;
  return {
    step,
    loss,
    lr,
    gradNorm,
    stepMs,
    meanStepMs,
    samplesPerSecond: meanStepMs > 0 ? (1000 * batchSize) / meanStepMs : Infinity,
  };
}
