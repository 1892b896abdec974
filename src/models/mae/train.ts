/**
 * MAE pretraining as in MAE-PDE: seeded batches of random windows with per-sample random masks,
 * the Fourier-shift augmentation on half of the batches, AdamW (β = (0.9, 0.98), wd 0.01) under
 * OneCycle (or warm-up + cosine), optional clipping and validation against interpolation
 * baselines: MAE's step and validation, handed to nn's generic training.
 */
import * as tf from '@tensorflow/tfjs';
import { maskBatch, type MaskStrategy, type TokenMask } from '../../data/masks/strategies';
import { createRng, seedFor } from '../../pde/random';
import type { Checkpoint } from '../nn/checkpoint';
import {
  checkTrainingSize,
  createTraining,
  type ScheduleKind,
  type Training,
  type TrainableModel,
  type TrainingHistory,
  type TrainingHooks,
} from '../nn/training';
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

export type MaeScheduleKind = ScheduleKind;

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
  /** Default: 0.5 when the config's `augment` is on, else 0. */
  augmentProbability?: number;
  /** Fixed validation windows (default 16). */
  validationWindows?: number;
  validateEvery?: number;
  checkpointEvery?: number;
  /** Continue from a checkpoint of the same config: weights, optimizer, history and step. */
  resume?: Checkpoint;
}

/** The loss of every completed step and every validation, as the checkpoint stores them. */
export type MaeHistory = TrainingHistory;

export type MaeLoopHooks = TrainingHooks;

/** What MAE gives nn's generic training: its model, data, step and validation. */
export interface MaeTrainable extends TrainableModel {
  readonly model: MaeModel;
  readonly source: WindowSource;
  readonly validation: MaeValidation;
  readonly trainStep: (index: number) => tf.Scalar;
}

export interface MaeTraining extends Training {
  readonly model: MaeModel;
  readonly optimizer: NonNullable<Training['optimizer']>;
  readonly source: WindowSource;
  readonly validation: MaeValidation;
  readonly trainStep: (index: number) => tf.Scalar;
  /** Frees the model and the optimizer moments. */
  dispose(): void;
}

function sameConfig(a: MaeConfig, b: MaeConfig): boolean {
  return (Object.keys(a) as (keyof MaeConfig)[]).every((k) => a[k] === b[k]);
}

export type MaeTrainableOptions = Pick<
  MaeTrainingOptions,
  | 'config'
  | 'channels'
  | 'seed'
  | 'train'
  | 'validation'
  | 'batchSize'
  | 'beta1'
  | 'beta2'
  | 'augmentProbability'
  | 'validationWindows'
>;

/** A fresh MAE with its batches and validation windows, ready for createTraining. */
export function createMaeTrainable(options: MaeTrainableOptions): MaeTrainable {
  const { config, batchSize } = options;
  const channels = options.channels ?? 1;
  const seed = options.seed ?? 0;
  const source = createWindowSource(options.train, config, channels);
  const validationSource = options.validation
    ? createWindowSource(options.validation, config, channels)
    : source;
  const model = createMae(config, { seed, channels });
  const trainStep = maeTrainStep(model, source, {
    batchSize,
    seed,
    augmentProbability: options.augmentProbability ?? (config.augment ? AUGMENT_PROBABILITY : 0),
  });
  const validation = createMaeValidation(validationSource, model, {
    count: options.validationWindows ?? 16,
    seed,
    batchSize,
  });
  return {
    modelId: MAE_MODEL_ID,
    modelVersion: MAE_MODEL_VERSION,
    model,
    source,
    validation,
    trainStep,
    params: model.params,
    checkpointConfig: () => maeCheckpointConfig(model),
    resumeProblem(checkpoint) {
      const saved = readMaeCheckpointConfig(checkpoint);
      return sameConfig(saved.model, config) && saved.channels === channels
        ? undefined
        : 'This checkpoint was trained with other model settings; load it with its own config.';
    },
    step: {
      kind: 'loss',
      loss: trainStep,
      adam: { beta1: options.beta1 ?? 0.9, beta2: options.beta2 ?? 0.98 },
    },
    validate: () => validation.evaluate(model),
    dispose: () => model.dispose(),
  };
}

export function createMaeTraining(options: MaeTrainingOptions): MaeTraining {
  checkTrainingSize(options.steps, options.batchSize);
  const trainable = createMaeTrainable(options);
  let training: Training;
  try {
    training = createTraining(trainable, options);
  } catch (error) {
    trainable.dispose();
    throw error;
  }
  return {
    ...training,
    model: trainable.model,
    optimizer: training.optimizer!,
    source: trainable.source,
    validation: trainable.validation,
    trainStep: trainable.trainStep,
    dispose() {
      training.dispose();
      trainable.dispose();
    },
  };
}
