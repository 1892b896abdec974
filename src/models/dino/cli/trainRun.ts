/**
 * One DINo training run in Node through the same runtime and generic training as the browser's
 * Train panel, with a progress line; what `npm run pretrain -- dino` and the experiment share.
 */
import type { GeneratedDataset } from '../../../data/generate';
import { defaults } from '../../../schema/params';
import { createTraining } from '../../nn/training';
import { trainSchema, type TrainOptions } from '../../trainOptions';
import { dinoRuntime } from '..';
import type { DinoConfig } from '../config';
import type { DinoModel } from '../model';
import { dinoFromCheckpoint } from '../checkpoint';
import { observationMask } from '../observation';
import type { Checkpoint } from '../../nn/checkpoint';

export interface DinoRunOptions {
  config: DinoConfig;
  train: GeneratedDataset;
  validation?: GeneratedDataset;
  steps: number;
  batchSize: number;
  /** The decoder's learning rate; codes and dynamics use the config's ratios of it. */
  peakLr: number;
  seed: number;
  validateEvery: number;
  label: string;
}

export interface DinoRun {
  checkpoint: Checkpoint;
  /** The trained model, rebuilt from the checkpoint (the caller disposes it). */
  model: DinoModel;
  /** Observed points of the grid the run trained on. */
  mask: Uint8Array;
  seconds: number;
  finalLoss: number;
  validations: Record<string, number>[];
}

export async function trainDinoRun(options: DinoRunOptions): Promise<DinoRun> {
  const { config, steps, batchSize, peakLr, seed } = options;
  const trainOptions: TrainOptions = {
    ...defaults(trainSchema),
    steps,
    batchSize,
    peakLr,
    seed,
    // DINo's optimisers run at fixed rates (methods §3e).
    schedule: 'constant',
    clipNorm: 0,
    validateEvery: options.validateEvery,
  };
  const trainer = dinoRuntime.createTrainer({
    config,
    options: trainOptions,
    train: { data: options.train.data, shape: options.train.shape },
    ...(options.validation
      ? { validation: { data: options.validation.data, shape: options.validation.shape } }
      : {}),
    meta: {
      equation: 'wave',
      scheme: 'generated',
      seed,
      grid: options.train.grid,
      times: options.train.times,
      channels: options.train.channels,
      coefficients: options.train.coefficients,
      split: { train: options.train.shape[0], val: 0, test: 0 },
    },
  });
  const training = createTraining(trainer, {
    steps,
    batchSize,
    peakLr,
    schedule: 'constant',
    validateEvery: options.validateEvery,
  });
  const started = performance.now();
  let finalLoss = Number.NaN;
  try {
    await training.run({
      onMetrics: (m) => {
        finalLoss = m.loss;
        if (m.validation) {
          const v = m.validation;
          const elapsed = (performance.now() - started) / 1000;
          const eta = (elapsed / m.step) * (steps - m.step);
          console.log(
            `  ${options.label} step ${m.step}: loss ${m.loss.toExponential(2)}, held-out relL2 ${v.relL2!.toFixed(3)} (in-t ${v.relL2InTOutS!.toFixed(3)}, out-t ${v.relL2OutTOutS!.toFixed(3)} off the sensors), ε ${v.epsilon!.toFixed(3)}, ${elapsed.toFixed(0)} s, ETA ${eta.toFixed(0)} s`,
          );
        }
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
    training.dispose();
    trainer.dispose();
  }
}
