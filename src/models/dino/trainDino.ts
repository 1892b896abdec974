/**
 * One DINo training run through the same runtime and generic training as the browser's Train
 * panel, without Node or a console: what the CLI's runs and the claim experiment share. It
 * returns the trained model rebuilt from its checkpoint.
 */
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import { defaults } from '../../schema/params';
import type { Checkpoint } from '../nn/checkpoint';
import { createTraining, type TrainingHooks } from '../nn/training';
import { trainSchema, type TrainOptions } from '../trainOptions';
import { dinoRuntime } from '.';
import { dinoFromCheckpoint } from './checkpoint';
import type { DinoConfig } from './config';
import type { DinoModel } from './model';
import { observationMask } from './observation';

export interface TrainDinoOptions {
  config: DinoConfig;
  train: TrajectoryArray;
  validation?: TrajectoryArray;
  /** The dataset's description (DINo reads its channels). */
  meta: DatasetMeta;
  steps: number;
  batchSize: number;
  /** The decoder's learning rate; codes and dynamics use the config's ratios of it. */
  peakLr: number;
  seed: number;
  validateEvery: number;
  /** The generic training's hooks: metrics, and yieldStep to report progress and stop. */
  hooks?: TrainingHooks;
}

export interface TrainedDino {
  checkpoint: Checkpoint;
  /** The trained model, rebuilt from the checkpoint (the caller disposes it). */
  model: DinoModel;
  /** Observed points of the grid the run trained on. */
  mask: Uint8Array;
  seconds: number;
  finalLoss: number;
  validations: Record<string, number>[];
}

export async function trainDino(options: TrainDinoOptions): Promise<TrainedDino> {
  const { config, steps, batchSize, peakLr, seed, validateEvery } = options;
  const trainOptions: TrainOptions = {
    ...defaults(trainSchema),
    steps,
    batchSize,
    peakLr,
    seed,
    // DINo's optimisers run at fixed rates (methods §3e).
    schedule: 'constant',
    clipNorm: 0,
    validateEvery,
  };
  const trainer = dinoRuntime.createTrainer({
    config,
    options: trainOptions,
    train: options.train,
    ...(options.validation ? { validation: options.validation } : {}),
    meta: options.meta,
  });
  const started = performance.now();
  let finalLoss = Number.NaN;
  let training: ReturnType<typeof createTraining> | undefined;
  try {
    training = createTraining(trainer, {
      steps,
      batchSize,
      peakLr,
      schedule: 'constant',
      validateEvery,
    });
    const hooks = options.hooks ?? {};
    await training.run({
      ...hooks,
      onMetrics: (m) => {
        finalLoss = m.loss;
        hooks.onMetrics?.(m);
      },
    });
    const checkpoint = await training.capture(steps);
    const [, , X, Y] = options.train.shape;
    return {
      checkpoint,
      model: dinoFromCheckpoint(checkpoint),
      mask: observationMask(X, Y, config.subsamplingRate, config.maskSeed),
      seconds: (performance.now() - started) / 1000,
      finalLoss,
      validations: training.history.validation,
    };
  } finally {
    training?.dispose();
    trainer.dispose();
  }
}
