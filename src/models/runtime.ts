/**
 * The worker-side half of a model (tfjs): what jobs, the CLI and the saved-model loader reach a
 * model through. Each model folder's index.ts exports one, listed in ./registry.ts beside its
 * plain-data half in ./catalog.ts; generic training (./nn/training.ts) runs what it supplies.
 */
import type { DatasetMeta } from '../data/io/meta';
import type { Float32NdArray } from '../data/io/ndarray';
import type { NonFiniteReport } from '../data/io/nonFinite';
import type { TrajectoryArray } from '../data/trajectories';
import type { Checkpoint, Json } from './nn/checkpoint';
import type { Params } from './nn/params';
import type { TrainableModel } from './nn/training';
import type { PretrainedShipping } from './pretrained';
import type { Reconstructor } from './reconstruction';
import type { ModelSnapshot } from './snapshot';
import type { TrainOptions } from './trainOptions';
import type { ModelSpec } from './types';

/** A model built from a checkpoint; what a panel does with it is the model's own API. */
export interface BuiltModel {
  readonly params: Params;
  dispose(): void;
}

/** The settings and channels a checkpoint was trained with, upgraded to this version. */
export interface CheckpointSettings<C> {
  config: C;
  channels: number;
}

export interface TrainerSetup<C> {
  config: C;
  /** How to train: seed and batch size, the steps (for schedules such as teacher forcing). */
  options: TrainOptions;
  train: TrajectoryArray;
  /** Where validation and snapshots come from (default: the training data). */
  validation?: TrajectoryArray;
  meta: DatasetMeta;
}

/** What generic training runs, plus the model's live picture of itself at work. */
export interface ModelTrainer extends TrainableModel {
  /** The fixed validation samples pictured at work. */
  snapshot(): Promise<ModelSnapshot>;
}

// `any` config: the registry holds every model's runtime in one table, and each model's own
// functions narrow it (as ModelSpec's methods do).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ModelRuntime<C = any, M extends BuiltModel = BuiltModel> {
  info: ModelSpec;
  /** Bumped when parameter names or their meaning change; checkpoints carry it. */
  version: number;
  /** A fresh model with seeded weights. */
  create(config: C, options: { seed?: number; channels: number }): M;
  /** A checkpoint's `config` for a built model: `{ model: settings, channels }`. */
  checkpointConfig(model: M): Json;
  /** Why this model cannot train on a dataset, in words; undefined when it can. */
  datasetProblem(meta: DatasetMeta, config: C): string | undefined;
  createTrainer(setup: TrainerSetup<C>): ModelTrainer;
  /**
   * The settings a checkpoint was taken with, upgraded in one place: settings added since it
   * was written take the values it was built with. Throws a CheckpointError in words.
   */
  checkpointSettings(checkpoint: Checkpoint): CheckpointSettings<C>;
  /** A fresh model with the checkpoint's settings and weights (throws in words when they do not fit). */
  fromCheckpoint(checkpoint: Checkpoint): M;
  /**
   * The model's own worker jobs by name (its downstream experiments, say), which the UI starts
   * as `modelJob` with this model's id; see ModelJob.
   */
  jobs?: ModelJobs;
  /** How it fills hidden patches: a 'reconstruct' model's (the Mask and Results panels). */
  reconstructor?: Reconstructor<M>;
  /** The pretrained checkpoint the site ships for it, if any (installed as a finished run). */
  pretrained?: PretrainedShipping;
}

/** A saved dataset as a model job reads it: the record's metadata and its [N, T, X, Y, C] values. */
export interface SavedDataset {
  /** The dataset's metadata; `nonFinite` marks an import that held NaN or ±Infinity. */
  meta: DatasetMeta & { nonFinite?: NonFiniteReport };
  payload: Float32NdArray;
}

/** A saved checkpoint as a model job reads it: the bytes models/nn/checkpoint decodes, and its record. */
export interface SavedCheckpoint {
  /** encodeCheckpoint's bytes. */
  bytes: Uint8Array;
  meta: {
    modelId: string;
    modelVersion: number;
    config: Record<string, unknown>;
    /** Optimizer steps completed. */
    step: number;
    runId: string;
    datasetId: string;
    createdAt: number;
  };
  /** The checkpoint's name in lists, e.g. "tiny run · step 7". */
  name: string;
  /** Its run's name (the checkpoint's name without its step once the run record is gone). */
  runName: string;
}

/**
 * What the worker gives a model's job: progress, metrics, cooperative stops, and reads from lab
 * storage as plain data, so models import neither runtime/ nor storage/.
 */
export interface ModelJobContext {
  /** Reports overall progress (0…1) and what the job is doing now. */
  progress(fraction: number, message: string): void;
  metric(name: string, step: number, value: number): void;
  /** Call once per step: lets a Stop or Pause arrive; throws the job-cancelled error on a stop. */
  step(): Promise<void>;
  /** The saved dataset; throws, in words, when it is no longer saved. */
  readDataset(id: string): Promise<SavedDataset>;
  /**
   * The saved checkpoint, or undefined when it is no longer saved (the job says what to choose
   * instead); throws, in words, when it cannot be read.
   */
  readCheckpoint(id: string): Promise<SavedCheckpoint | undefined>;
}

/**
 * One of a model's jobs. Its params arrive as the main thread sent them (structured-cloned), so
 * a job checks them; its result goes back the same way (plain data and typed arrays).
 */
export type ModelJob = (params: unknown, ctx: ModelJobContext) => Promise<unknown>;

export type ModelJobs = { readonly [job: string]: ModelJob };

/** A job typed by its params and result, as the `jobs` table holds it. */
export function modelJob<P, R>(run: (params: P, ctx: ModelJobContext) => Promise<R>): ModelJob {
  return run as ModelJob;
}
