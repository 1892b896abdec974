/**
 * Generic training around a model's own step: the learning-rate schedule, the optimizer set-up,
 * resuming from a checkpoint (weights, optimizer state, history, step), checkpoint capture and the
 * history every checkpoint carries, all wired for trainLoop. A model supplies a `TrainableModel`:
 * its parameters, and either the loss of a step (one AdamW steps every parameter, as MAE) or its
 * own update with its own optimizers (DINo's codes, decoder and dynamics at their own cadences).
 */
import type * as tf from '@tensorflow/tfjs';
import { AdamW, type AdamWOptions } from './adamw';
import {
  captureCheckpoint,
  loadWeights,
  CheckpointError,
  type Checkpoint,
  type Json,
} from './checkpoint';
import type { Params } from './params';
import {
  constantSchedule,
  oneCycleMomentumSchedule,
  oneCycleSchedule,
  warmupCosineSchedule,
  type Schedule,
} from './schedules';
import {
  trainLoop,
  type StepUpdate,
  type TrainLoopOptions,
  type TrainLoopResult,
} from './trainLoop';

/** The loss of step `index`; generic training differentiates it and steps one AdamW. */
export interface LossStep {
  kind: 'loss';
  loss(index: number): tf.Scalar;
  /** The model's AdamW betas and which parameters decay (weight decay comes from the options). */
  adam?: Omit<AdamWOptions, 'weightDecay'>;
}

/** A model's own update at the schedule's learning rate, with optimizers it owns. */
export interface UpdateStep {
  kind: 'update';
  update: StepUpdate;
  /** Saved in checkpoints and restored on resume, by name. */
  optimizers: Readonly<Record<string, AdamW>>;
}

export interface TrainableModel {
  modelId: string;
  modelVersion: number;
  /** Everything a checkpoint saves: the weights and any trained state beside them. */
  readonly params: Params;
  /** The checkpoint's `config`: what rebuilds the model. */
  checkpointConfig(): Json;
  /** Why a checkpoint cannot continue this model (other settings), or undefined. */
  resumeProblem(checkpoint: Checkpoint): string | undefined;
  readonly step: LossStep | UpdateStep;
  /** The validation after `step` steps. */
  validate(step: number): Promise<Record<string, number>> | Record<string, number>;
  dispose(): void;
}

export type ScheduleKind = 'one-cycle' | 'warmup-cosine' | 'constant';

export interface TrainingOptions {
  steps: number;
  batchSize: number;
  /** Peak learning rate (default 1e-3). */
  peakLr?: number;
  /** Default 'one-cycle'. */
  schedule?: ScheduleKind;
  /** OneCycle: share of steps rising (default 0.2), lr from peak/10 to peak/10⁴ (MAE-PDE). */
  pctStart?: number;
  divFactor?: number;
  finalDivFactor?: number;
  /** OneCycle's β₁ cycling 0.95 → 0.85 → 0.95 against the lr (PyTorch's default; default true). */
  cycleMomentum?: boolean;
  /** Warm-up + cosine: warm-up steps (default 5% of the steps) and final lr (default 0). */
  warmupSteps?: number;
  minLr?: number;
  /** AdamW's decoupled weight decay for a loss step (default 0.01). */
  weightDecay?: number;
  /** Global-norm clipping for a loss step (default none). */
  clipNorm?: number;
  validateEvery?: number;
  checkpointEvery?: number;
  /** Continue from a checkpoint of the same model and settings. */
  resume?: Checkpoint;
}

/** The loss of every completed step and every validation, as checkpoints store them. */
export interface TrainingHistory {
  loss: number[];
  validation: Record<string, number>[];
}

export type TrainingHooks = Pick<
  TrainLoopOptions,
  'onMetrics' | 'onCheckpoint' | 'yieldStep' | 'pause' | 'syncAt' | 'readEvery' | 'now'
>;

export interface Training {
  readonly schedule: Schedule;
  readonly momentumSchedule?: Schedule;
  /** The AdamW of a loss step (undefined when the model updates itself). */
  readonly optimizer?: AdamW;
  readonly history: TrainingHistory;
  /** Steps already done (non-zero when resumed). */
  readonly startStep: number;
  /** Runs the validation and records it in the history (with its step). */
  validate(step: number): Promise<Record<string, number>>;
  /** A checkpoint of the current weights, optimizer state and history. */
  capture(step: number): Promise<Checkpoint>;
  /** Everything trainLoop needs; the hooks given are called after the history is updated. */
  loopOptions(hooks?: TrainingHooks): TrainLoopOptions;
  run(hooks?: TrainingHooks): Promise<TrainLoopResult>;
  /** Frees the optimizer moments (the model is its owner's to dispose). */
  dispose(): void;
}

export function trainingSchedule(options: TrainingOptions): { lr: Schedule; momentum?: Schedule } {
  const peak = options.peakLr ?? 1e-3;
  const totalSteps = options.steps;
  const kind = options.schedule ?? 'one-cycle';
  if (kind === 'constant') return { lr: constantSchedule(peak) };
  if (kind === 'warmup-cosine') {
    return {
      lr: warmupCosineSchedule({
        peak,
        warmupSteps: options.warmupSteps ?? Math.floor(0.05 * totalSteps),
        totalSteps,
        min: options.minLr ?? 0,
      }),
    };
  }
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

/** Checks the step and batch counts, in words. */
export function checkTrainingSize(steps: number, batchSize: number): void {
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`Steps must be ≥ 1, not ${steps}.`);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`The batch size must be ≥ 1, not ${batchSize}.`);
  }
}

function readHistory(checkpoint: Checkpoint): TrainingHistory {
  const h = checkpoint.history as Partial<TrainingHistory> | undefined;
  return {
    loss: Array.isArray(h?.loss) ? h.loss.filter((x) => typeof x === 'number') : [],
    validation: Array.isArray(h?.validation) ? h.validation : [],
  };
}

/**
 * Sets up training of `model`; on a resume the checkpoint's weights, optimizer state, history
 * and step are loaded first. Throws (freeing what it made) when the checkpoint does not fit.
 */
export function createTraining(model: TrainableModel, options: TrainingOptions): Training {
  const { steps, batchSize } = options;
  checkTrainingSize(steps, batchSize);
  const { step } = model;
  const optimizer =
    step.kind === 'loss'
      ? new AdamW(model.params, { ...step.adam, weightDecay: options.weightDecay ?? 0.01 })
      : undefined;
  let history: TrainingHistory = { loss: [], validation: [] };
  let startStep = 0;
  try {
    const { resume } = options;
    if (resume) {
      const problem = model.resumeProblem(resume);
      if (problem) throw new CheckpointError(problem);
      loadWeights(model.params, resume);
      if (optimizer && resume.optimizer) optimizer.restore(resume.optimizer);
      if (step.kind === 'update') {
        for (const [name, state] of Object.entries(resume.optimizers ?? {})) {
          step.optimizers[name]?.restore(state);
        }
      }
      history = readHistory(resume);
      startStep = resume.step;
    }
  } catch (error) {
    optimizer?.dispose();
    throw error;
  }
  const { lr: schedule, momentum: momentumSchedule } = trainingSchedule(options);

  const training: Training = {
    schedule,
    momentumSchedule,
    optimizer,
    history,
    startStep,
    async validate(at) {
      const metrics = await model.validate(at);
      history.validation.push({ step: at, ...metrics });
      return metrics;
    },
    capture(at) {
      return captureCheckpoint({
        modelId: model.modelId,
        modelVersion: model.modelVersion,
        config: model.checkpointConfig(),
        step: at,
        params: model.params,
        optimizer,
        ...(step.kind === 'update' ? { optimizers: step.optimizers } : {}),
        history: { loss: [...history.loss], validation: history.validation.map((v) => ({ ...v })) },
      });
    },
    loopOptions(hooks = {}) {
      return {
        params: model.params,
        schedule,
        momentumSchedule,
        steps,
        startStep,
        batchSize,
        ...(step.kind === 'loss'
          ? { optimizer, trainStep: (index: number) => step.loss(index) }
          : { update: step.update }),
        clipNorm: options.clipNorm,
        validateEvery: options.validateEvery,
        validate: (at) => training.validate(at),
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
      optimizer?.dispose();
    },
  };
  return training;
}
