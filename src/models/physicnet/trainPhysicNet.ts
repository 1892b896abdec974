/**
 * One PhysicNet-style training run through the same runtime and generic training as the browser's
 * Train panel, without Node or a console: what the CLI's runs and the claim experiment share. It
 * returns the trained model rebuilt from its checkpoint.
 */
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import { defaults } from '../../schema/params';
import type { Checkpoint } from '../nn/checkpoint';
import { createTraining, type ScheduleKind, type TrainingHooks } from '../nn/training';
import { trainSchema, type TrainOptions } from '../trainOptions';
import { physicnetRuntime } from '.';
import { physicnetFromCheckpoint } from './checkpoint';
import type { PhysicNetConfig } from './config';
import type { PhysicNetModel } from './model';

/** Methods §4c: Adam at 1e-3. */
export const PHYSICNET_LR = 1e-3;

export interface TrainPhysicNetOptions {
  config: PhysicNetConfig;
  train: TrajectoryArray;
  /** Where validation reads its windows (default: the training data). */
  validation?: TrajectoryArray;
  /** The dataset's description: channels, and for swirl data the true flow of each trajectory. */
  meta: DatasetMeta;
  steps: number;
  batchSize: number;
  /** Adam's learning rate (default PHYSICNET_LR); the peak of the schedule. */
  peakLr?: number;
  /** Default 'constant', as methods §4c. */
  schedule?: ScheduleKind;
  seed: number;
  validateEvery: number;
  /** The generic training's hooks: metrics, and yieldStep to report progress and stop. */
  hooks?: TrainingHooks;
}

export interface TrainedPhysicNet {
  checkpoint: Checkpoint;
  /** The trained model, rebuilt from the checkpoint (the caller disposes it). */
  model: PhysicNetModel;
  seconds: number;
  finalLoss: number;
  validations: Record<string, number>[];
}

export async function trainPhysicNet(options: TrainPhysicNetOptions): Promise<TrainedPhysicNet> {
  const { config, steps, batchSize, seed, validateEvery } = options;
  const peakLr = options.peakLr ?? PHYSICNET_LR;
  const schedule = options.schedule ?? 'constant';
  const trainOptions: TrainOptions = {
    ...defaults(trainSchema),
    steps,
    batchSize,
    peakLr,
    seed,
    schedule,
    // The model's own Adam step neither decays nor clips.
    weightDecay: 0,
    clipNorm: 0,
    validateEvery,
  };
  const trainer = physicnetRuntime.createTrainer({
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
      schedule,
      validateEvery,
      ...(schedule === 'warmup-cosine' ? { warmupSteps: Math.floor(0.05 * steps) } : {}),
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
    return {
      checkpoint,
      model: physicnetFromCheckpoint(checkpoint),
      seconds: (performance.now() - started) / 1000,
      finalLoss,
      validations: training.history.validation,
    };
  } finally {
    training?.dispose();
    trainer.dispose();
  }
}
