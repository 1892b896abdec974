/**
 * The worker-side half of a model (tfjs): what jobs, the CLI and the saved-model loader reach a
 * model through. Each model folder's index.ts exports one, listed in ./registry.ts beside its
 * plain-data half in ./catalog.ts; generic training (./nn/training.ts) runs what it supplies.
 */
import type { DatasetMeta } from '../data/io/meta';
import type { TrajectoryArray } from '../data/trajectories';
import type { Checkpoint } from './nn/checkpoint';
import type { Params } from './nn/params';
import type { TrainableModel } from './nn/training';
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
}
