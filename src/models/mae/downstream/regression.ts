/**
 * MAE-PDE's coefficient regression (regression.py): a head on the encoder's CLS output predicts
 * each trajectory's scaled coefficients from its first window. Three arms share the head, the
 * labels and the budget: the pretrained encoder frozen (only the head trains, on features
 * computed once), the pretrained encoder fine-tuned, and the same architecture from scratch.
 * AdamW with a true cosine decay from lr to minLr (the paper's schedule restarts every ten
 * batches by accident; we use the decay it meant).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, seedFor } from '../../../pde/random';
import { AdamW } from '../../nn/adamw';
import { Params, type NamedTensorData } from '../../nn/params';
import { warmupCosineSchedule } from '../../nn/schedules';
import { trainLoop, type StepMetrics } from '../../nn/trainLoop';
import { createMae, maeEncode, type MaeModel } from '../model';
import type { RegressionArm } from './arms';
import {
  createWindowSource,
  spanningStride,
  windowAt,
  windowSize,
  type TrajectoryArray,
} from '../windows';
import { coefficientTargets, type CoefficientTargets, type TargetMeta } from './coefficients';
import { initRegressionHead, regressionHead } from './regressionHead';

/** What every arm regresses: each trajectory's first window and its scaled coefficients. */
export interface RegressionSet {
  /** [N, T, X, Y, C] on the model's grid. */
  windows: Float32Array;
  targets: CoefficientTargets;
}

/**
 * Each trajectory's first window on the model's grid, and its targets. MAE-PDE takes the first
 * `frames` consecutive frames; `frameStride` (default: the largest that fits, so the window spans
 * the whole trajectory) takes every stride-th frame instead. A short window of a slow equation
 * barely changes (4 frames of the default dataset span 0.06 time units), so it says little about
 * a diffusion or advection coefficient; spread over the trajectory it shows the decay or the drift.
 */
export function regressionSet(
  model: Pick<MaeModel, 'config' | 'channels'>,
  dataset: TrajectoryArray,
  meta: TargetMeta,
  frameStride?: number,
): RegressionSet & { frameStride: number } {
  const source = createWindowSource(dataset, model.config, model.channels);
  const stride = frameStride ?? spanningStride(source.frames, source.window);
  const size = windowSize(source);
  const windows = new Float32Array(source.trajectories * size);
  for (let n = 0; n < source.trajectories; n++) {
    windows.set(windowAt(source, n, 0, stride), n * size);
  }
  return { windows, targets: coefficientTargets(meta, source.trajectories), frameStride: stride };
}

export interface RegressionTraining {
  steps: number;
  batchSize: number;
  lr: number;
  minLr: number;
  weightDecay: number;
}

/** MAE-PDE's regression settings (batch 16, AdamW 1e-3 → 1e-4), with methods §1g's 300 steps. */
export const DEFAULT_REGRESSION_TRAINING: RegressionTraining = {
  steps: 300,
  batchSize: 16,
  lr: 1e-3,
  minLr: 1e-4,
  weightDecay: 0.01,
};

export interface ArmRequest {
  arm: RegressionArm;
  /** Labelled trajectories (indices into the set). */
  train: readonly number[];
  /** Trajectories the predictions are for. */
  test: readonly number[];
  /** Seeds the head (the same for every arm), the scratch encoder and the batch order. */
  seed: number;
}

/** What the arms share, computed once per experiment from the pretrained model. */
export interface PretrainedInputs {
  model: MaeModel;
  /** The pretrained weights, copied into each fine-tuned model. */
  weights: readonly NamedTensorData[];
  /** [N, width]: the frozen encoder's CLS output for every trajectory of the set. */
  features: Float32Array;
}

export interface ArmResult {
  /** [test.length, slots] */
  predictions: Float32Array;
  /** Training loss per step. */
  losses: number[];
}

export interface ArmHooks {
  yieldStep?: () => Promise<void>;
  onMetrics?: (metrics: StepMetrics) => void;
}

const ORDER_STREAM = 5100;

function windowValues(model: MaeModel): number {
  return model.geometry.window.reduce((a, b) => a * b, 1);
}

function rowsOf(data: Float32Array, width: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((n, k) => out.set(data.subarray(n * width, (n + 1) * width), k * width));
  return out;
}

function windowsTensor(model: MaeModel, set: RegressionSet, rows: readonly number[]): tf.Tensor5D {
  const [T, X, Y, C] = model.geometry.window;
  return tf.tensor5d(rowsOf(set.windows, windowValues(model), rows), [rows.length, T, X, Y, C]);
}

/** The encoder's CLS output for every window of the set, [N, width], in batches. */
export async function clsFeatures(
  model: MaeModel,
  set: RegressionSet,
  batchSize = 32,
): Promise<Float32Array> {
  const count = set.windows.length / windowValues(model);
  const width = model.config.width;
  const out = new Float32Array(count * width);
  for (let first = 0; first < count; first += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, count - first) }, (_, k) => first + k);
    const cls = tf.tidy(() => maeEncode(model, windowsTensor(model, set, rows)).cls);
    out.set(await cls.data<'float32'>(), first * width);
    cls.dispose();
  }
  return out;
}

export async function pretrainedInputs(
  model: MaeModel,
  set: RegressionSet,
): Promise<PretrainedInputs> {
  return { model, weights: await model.params.snapshot(), features: await clsFeatures(model, set) };
}

/** Seeded epochs over `train`: each a fresh shuffle, concatenated until `length` draws. */
function batchOrder(train: readonly number[], length: number, seed: number): number[] {
  const rng = createRng(seedFor(seed, 0, ORDER_STREAM));
  const order: number[] = [];
  while (order.length < length) {
    const epoch = [...train];
    for (let i = epoch.length - 1; i > 0; i--) {
      const j = rng.integer(0, i);
      [epoch[i], epoch[j]] = [epoch[j]!, epoch[i]!];
    }
    order.push(...epoch);
  }
  return order.slice(0, length);
}

/** MSE over the coefficients each trajectory has. */
export function maskedMseLoss(pred: tf.Tensor2D, values: tf.Tensor2D, present: tf.Tensor2D) {
  return tf.tidy(() =>
    pred.sub(values).square().mul(present).sum().div(present.sum().maximum(1)),
  ) as tf.Scalar;
}

interface ArmModel {
  params: Params;
  /** [B] rows of the set → [B, width] encoder features. */
  features(rows: readonly number[]): tf.Tensor2D;
  dispose(): void;
}

function frozenArm(inputs: PretrainedInputs, slots: number, seed: number): ArmModel {
  const width = inputs.model.config.width;
  const params = new Params(seed);
  initRegressionHead(params, width, slots);
  return {
    params,
    features: (rows) => tf.tensor2d(rowsOf(inputs.features, width, rows), [rows.length, width]),
    dispose: () => params.dispose(),
  };
}

function trainedArm(
  inputs: PretrainedInputs,
  set: RegressionSet,
  arm: RegressionArm,
  seed: number,
): ArmModel {
  const { config, channels } = inputs.model;
  const model = createMae(config, { seed, channels });
  if (arm === 'finetuned') model.params.restore(inputs.weights);
  initRegressionHead(model.params, config.width, set.targets.slots.length);
  return {
    params: model.params,
    features: (rows) => maeEncode(model, windowsTensor(model, set, rows)).cls,
    dispose: () => model.dispose(),
  };
}

/** Trains one arm on `request.train` and predicts `request.test`. */
export async function trainRegressionArm(
  inputs: PretrainedInputs,
  set: RegressionSet,
  request: ArmRequest,
  training: RegressionTraining = DEFAULT_REGRESSION_TRAINING,
  hooks: ArmHooks = {},
): Promise<ArmResult> {
  if (request.train.length === 0) throw new RangeError('An arm needs at least one label.');
  const slots = set.targets.slots.length;
  const { steps, batchSize } = training;
  const armModel =
    request.arm === 'frozen'
      ? frozenArm(inputs, slots, request.seed)
      : trainedArm(inputs, set, request.arm, request.seed);
  const optimizer = new AdamW(armModel.params, { weightDecay: training.weightDecay });
  const targets = (rows: readonly number[]) => ({
    values: tf.tensor2d(rowsOf(set.targets.values, slots, rows), [rows.length, slots]),
    present: tf.tensor2d(rowsOf(set.targets.present, slots, rows), [rows.length, slots]),
  });
  const order = batchOrder(request.train, steps * batchSize, request.seed);
  const losses: number[] = [];
  try {
    await trainLoop({
      params: armModel.params,
      optimizer,
      schedule: warmupCosineSchedule({
        peak: training.lr,
        min: training.minLr,
        warmupSteps: 0,
        totalSteps: steps,
      }),
      steps,
      batchSize,
      trainStep: (index) => {
        const rows = order.slice(index * batchSize, (index + 1) * batchSize);
        return tf.tidy(() => {
          const { values, present } = targets(rows);
          const pred = regressionHead(armModel.params, armModel.features(rows));
          return maskedMseLoss(pred, values, present);
        });
      },
      yieldStep: hooks.yieldStep,
      onMetrics: (metrics) => {
        losses.push(metrics.loss);
        hooks.onMetrics?.(metrics);
      },
    });
    const predictions = new Float32Array(request.test.length * slots);
    const chunk = 4 * batchSize;
    for (let first = 0; first < request.test.length; first += chunk) {
      const rows = request.test.slice(first, first + chunk);
      const pred = tf.tidy(() => regressionHead(armModel.params, armModel.features(rows)));
      predictions.set(await pred.data<'float32'>(), first * slots);
      pred.dispose();
    }
    return { predictions, losses };
  } finally {
    optimizer.dispose();
    armModel.dispose();
  }
}
