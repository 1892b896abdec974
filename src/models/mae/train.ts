/**
 * MAE pretraining as in MAE-PDE: seeded batches of random windows with per-sample random masks,
 * the Fourier-shift augmentation on half of the batches, AdamW (β = (0.9, 0.98), wd 0.01) under
 * OneCycle (or warm-up + cosine), optional clipping, validation against interpolation baselines
 * and self-describing checkpoints, all wired for nn's generic trainLoop.
 */
import * as tf from '@tensorflow/tfjs';
import { maskBatch, type MaskStrategy, type TokenMask } from '../../data/masks/strategies';
import { createRng, seedFor } from '../../pde/random';
import { AdamW } from '../nn/adamw';
import { captureCheckpoint, loadWeights, CheckpointError, type Checkpoint } from '../nn/checkpoint';
import {
  oneCycleMomentumSchedule,
  oneCycleSchedule,
  warmupCosineSchedule,
  type Schedule,
} from '../nn/schedules';
import { trainLoop, type TrainLoopOptions, type TrainLoopResult } from '../nn/trainLoop';
import {
  MAE_MODEL_ID,
  MAE_MODEL_VERSION,
  maeCheckpointConfig,
  readMaeCheckpointConfig,
} from './checkpoint';
import type { MaeConfig } from './config';
import { createMae, maeLoss, type MaeModel } from './model';
import { createMaeValidation, type MaeValidation } from './validation';
import {
  createWindowSource,
  sampleWindows,
  shiftWindows,
  type TrajectoryArray,
  type WindowSource,
} from './windows';

/** Random streams of training batches: windows and augmentation, and masks. */
const BATCH_STREAM = 4000;
const MASK_STREAM = 4001;

/** MAE-PDE's augmentation_ratio: the share of batches that are shifted. */
export const AUGMENT_PROBABILITY = 0.5;

export interface MaeBatchOptions {
  batchSize: number;
  seed?: number;
  /** Chance per batch of the Fourier-shift augmentation (default 0.5; 0 turns it off). */
  augmentProbability?: number;
  /** Default 'random' (MAE-PDE). */
  strategy?: MaskStrategy;
}

export interface MaeBatch {
  /** [B, T, X, Y, C] */
  windows: Float32Array;
  masks: TokenMask[];
  augmented: boolean;
}

/** Batch `index` of a run: a function of (seed, index) only, so a resumed run sees the same data. */
export function maeBatch(
  model: Pick<MaeModel, 'config' | 'geometry'>,
  source: WindowSource,
  options: MaeBatchOptions,
  index: number,
): MaeBatch {
  const { batchSize } = options;
  const seed = options.seed ?? 0;
  const rng = createRng(seedFor(seed, index, BATCH_STREAM));
  let windows = sampleWindows(source, rng, batchSize);
  const augmented = rng.uniform() < (options.augmentProbability ?? AUGMENT_PROBABILITY);
  if (augmented) windows = shiftWindows(windows, source, rng);
  const masks = maskBatch(
    model.geometry,
    { strategy: options.strategy ?? 'random', ratio: model.config.maskRatio },
    seedFor(seed, 0, MASK_STREAM),
    batchSize,
    index * batchSize,
  );
  return { windows, masks, augmented };
}

/** The step closure for nn's trainLoop: step index → masked-patch loss of that batch. */
export function maeTrainStep(
  model: MaeModel,
  source: WindowSource,
  options: MaeBatchOptions,
): (index: number) => tf.Scalar {
  const [T, X, Y, C] = model.geometry.window;
  return (index) => {
    const { windows, masks } = maeBatch(model, source, options, index);
    return tf.tidy(() =>
      maeLoss(model, tf.tensor5d(windows, [options.batchSize, T, X, Y, C]), masks),
    );
  };
}

export type MaeScheduleKind = 'one-cycle' | 'warmup-cosine';

export interface MaeTrainingOptions {
  config: MaeConfig;
  /** Channels the model reads, the dataset's first ones (default 1). */
  channels?: number;
  /** Seeds the weights, the batches, the masks and the validation set (default 0). */
  seed?: number;
  train: TrajectoryArray;
  /** Where the fixed validation windows come from (default: the training data). */
  validation?: TrajectoryArray;
  steps: number;
  batchSize: number;
  /** Peak learning rate (default 1e-3). */
  peakLr?: number;
  /** Default 'one-cycle' (MAE-PDE). */
  schedule?: MaeScheduleKind;
  /** OneCycle: share of steps rising (default 0.2), lr from peak/10 to peak/10⁴ (MAE-PDE). */
  pctStart?: number;
  divFactor?: number;
  finalDivFactor?: number;
  /**
   * OneCycle's momentum cycling, on in PyTorch by default and so in MAE-PDE's runs: β₁ goes
   * 0.95 → 0.85 → 0.95 against the lr (default true; false keeps β₁ fixed).
   */
  cycleMomentum?: boolean;
  /** Warm-up + cosine: warm-up steps (default 5% of the steps) and final lr (default 0). */
  warmupSteps?: number;
  minLr?: number;
  /** AdamW (defaults 0.9, 0.98, 0.01: MAE-PDE's betas and PyTorch's default decay). */
  beta1?: number;
  beta2?: number;
  weightDecay?: number;
  /** Global-norm clipping (default none, as MAE-PDE). */
  clipNorm?: number;
  augmentProbability?: number;
  /** Fixed validation windows (default 16). */
  validationWindows?: number;
  validateEvery?: number;
  checkpointEvery?: number;
  /** Continue from a checkpoint of the same config: weights, optimizer, history and step. */
  resume?: Checkpoint;
}

/** The loss of every completed step and every validation, as the checkpoint stores them. */
export interface MaeHistory {
  loss: number[];
  validation: Record<string, number>[];
}

export interface MaeTraining {
  readonly model: MaeModel;
  readonly optimizer: AdamW;
  readonly schedule: Schedule;
  readonly momentumSchedule?: Schedule;
  readonly source: WindowSource;
  readonly validation: MaeValidation;
  readonly trainStep: (index: number) => tf.Scalar;
  readonly history: MaeHistory;
  /** Steps already done (non-zero when resumed). */
  readonly startStep: number;
  /** Runs the validation and records it in the history (with its step). */
  validate(step: number): Promise<Record<string, number>>;
  /** A checkpoint of the current weights, optimizer state and history. */
  capture(step: number): Promise<Checkpoint>;
  /** Everything trainLoop needs; the hooks given are called after the history is updated. */
  loopOptions(hooks?: MaeLoopHooks): TrainLoopOptions;
  run(hooks?: MaeLoopHooks): Promise<TrainLoopResult>;
  /** Frees the model and the optimizer moments. */
  dispose(): void;
}

export type MaeLoopHooks = Pick<
  TrainLoopOptions,
  'onMetrics' | 'onCheckpoint' | 'yieldStep' | 'pause' | 'syncAt' | 'readEvery' | 'now'
>;

function scheduleFor(options: MaeTrainingOptions): { lr: Schedule; momentum?: Schedule } {
  const peak = options.peakLr ?? 1e-3;
  const totalSteps = options.steps;
  if ((options.schedule ?? 'one-cycle') === 'one-cycle') {
    const pctStart = options.pctStart ?? 0.2;
    if (!(pctStart * totalSteps > 1)) {
      // PyTorch's OneCycleLR divides by zero here; the rise needs more than one step.
      throw new RangeError(
        `OneCycle rises over ${pctStart} of the steps: ${totalSteps} steps leave it no room. ` +
          `Train for more than ${Math.floor(1 / pctStart)} steps or use warm-up + cosine.`,
      );
    }
    const oneCycle = {
      maxLr: peak,
      totalSteps,
      pctStart,
      divFactor: options.divFactor ?? 10,
      finalDivFactor: options.finalDivFactor ?? 1000,
    };
    return {
      lr: oneCycleSchedule(oneCycle),
      momentum: (options.cycleMomentum ?? true) ? oneCycleMomentumSchedule(oneCycle) : undefined,
    };
  }
  return {
    lr: warmupCosineSchedule({
      peak,
      warmupSteps: options.warmupSteps ?? Math.floor(0.05 * totalSteps),
      totalSteps,
      min: options.minLr ?? 0,
    }),
  };
}

function sameConfig(a: MaeConfig, b: MaeConfig): boolean {
  return (Object.keys(a) as (keyof MaeConfig)[]).every((k) => a[k] === b[k]);
}

function readHistory(checkpoint: Checkpoint): MaeHistory {
  const h = checkpoint.history as Partial<MaeHistory> | undefined;
  return {
    loss: Array.isArray(h?.loss) ? h.loss.filter((x) => typeof x === 'number') : [],
    validation: Array.isArray(h?.validation) ? h.validation : [],
  };
}

export function createMaeTraining(options: MaeTrainingOptions): MaeTraining {
  const { config, steps, batchSize } = options;
  const channels = options.channels ?? 1;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`Steps must be ≥ 1, not ${steps}.`);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`The batch size must be ≥ 1, not ${batchSize}.`);
  }
  const source = createWindowSource(options.train, config, channels);
  const validationSource = options.validation
    ? createWindowSource(options.validation, config, channels)
    : source;
  const model = createMae(config, { seed, channels });
  const optimizer = new AdamW(model.params, {
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.98,
    weightDecay: options.weightDecay ?? 0.01,
  });
  let history: MaeHistory = { loss: [], validation: [] };
  let startStep = 0;
  try {
    if (options.resume) {
      const saved = readMaeCheckpointConfig(options.resume);
      if (!sameConfig(saved.model, config) || saved.channels !== channels) {
        throw new CheckpointError(
          'This checkpoint was trained with other model settings; load it with its own config.',
        );
      }
      loadWeights(model.params, options.resume);
      if (options.resume.optimizer) optimizer.restore(options.resume.optimizer);
      history = readHistory(options.resume);
      startStep = options.resume.step;
    }
  } catch (error) {
    model.dispose();
    optimizer.dispose();
    throw error;
  }
  const { lr: schedule, momentum: momentumSchedule } = scheduleFor(options);
  const trainStep = maeTrainStep(model, source, {
    batchSize,
    seed,
    augmentProbability: options.augmentProbability,
  });
  const validation = createMaeValidation(validationSource, model, {
    count: options.validationWindows ?? 16,
    seed,
    batchSize,
  });

  const training: MaeTraining = {
    model,
    optimizer,
    schedule,
    momentumSchedule,
    source,
    validation,
    trainStep,
    history,
    startStep,
    async validate(step) {
      const metrics = await validation.evaluate(model);
      history.validation.push({ step, ...metrics });
      return metrics;
    },
    capture(step) {
      return captureCheckpoint({
        modelId: MAE_MODEL_ID,
        modelVersion: MAE_MODEL_VERSION,
        config: maeCheckpointConfig(model),
        step,
        params: model.params,
        optimizer,
        history: { loss: [...history.loss], validation: history.validation.map((v) => ({ ...v })) },
      });
    },
    loopOptions(hooks = {}) {
      return {
        params: model.params,
        optimizer,
        schedule,
        momentumSchedule,
        steps,
        startStep,
        batchSize,
        trainStep,
        clipNorm: options.clipNorm,
        validateEvery: options.validateEvery,
        validate: (step) => training.validate(step),
        checkpointEvery: options.checkpointEvery,
        onCheckpoint: hooks.onCheckpoint,
        onMetrics: (metrics) => {
          history.loss.push(metrics.loss);
          hooks.onMetrics?.(metrics);
        },
        yieldStep: hooks.yieldStep,
        pause: hooks.pause,
        syncAt: hooks.syncAt,
        readEvery: hooks.readEvery,
        now: hooks.now,
      };
    },
    run(hooks) {
      return trainLoop(training.loopOptions(hooks));
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
    },
  };
  return training;
}
