/**
 * The masked autoencoder of MAE-PDE, worker-side (tfjs): its runtime for the model registry. The
 * main thread imports ./info and ./config instead.
 *
 * - config.ts      schema, presets, config checks, analytic parameter count (plain data)
 * - info.ts        the ModelSpec description (plain data)
 * - model.ts       createMae, maeForward / maeLoss, maeReconstruct (+ attention), maeEncode
 * - windows.ts     dataset → model grid, seeded window draws, Fourier-shift augmentation
 * - validation.ts  fixed windows and masks, MAE vs linear / nearest baselines
 * - train.ts       batches, the train step, MAE's part of nn's generic training
 * - checkpoint.ts  checkpoint config and loading a model back
 * - reconstructor.ts  its 'reconstruct' capability (Mask preview, Results evaluation)
 * - pretrained.ts, pretrainedRun.ts  the pretrained MAE the site ships, and installing it
 * - jobs/          its own worker jobs: the downstream experiments (regression, stepper, latent)
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelRuntime, ModelTrainer } from '../runtime';
import type { ReconstructionSnapshot } from '../snapshot';
import {
  MAE_MODEL_VERSION,
  maeCheckpointConfig,
  maeFromCheckpoint,
  readMaeCheckpointConfig,
} from './checkpoint';
import type { MaeConfig } from './config';
import { maeInfo } from './info';
import { maeJobs } from './jobs';
import { createMae, maeReconstruct, type MaeModel } from './model';
import { maePretrained } from './pretrainedRun';
import { maeReconstructor } from './reconstructor';
import { createMaeTrainable, type MaeTrainable } from './train';

/** Fixed validation windows the masked-region errors are measured on during a run. */
const VALIDATION_WINDOWS = 8;
/** Fixed validation windows whose reconstruction is pictured. */
const SNAPSHOT_SAMPLES = 2;
/** MAE-PDE's scalar fields: the model reads the dataset's first channel. */
const CHANNELS = 1;

async function reconstructionSnapshot(t: MaeTrainable): Promise<ReconstructionSnapshot> {
  const v = t.validation;
  const [T, X, Y, C] = t.model.geometry.window;
  const k = Math.min(SNAPSHOT_SAMPLES, v.masks.length);
  const original = v.windows.slice(0, k * T * X * Y * C);
  const input = tf.tensor5d(original, [k, T, X, Y, C]);
  try {
    const { reconstruction } = await maeReconstruct(t.model, input, v.masks.slice(0, k));
    const pixelMask = v.pixelMask.slice(0, k * T * X * Y);
    return { kind: 'reconstruction', shape: [k, T, X, Y, C], original, pixelMask, reconstruction };
  } finally {
    input.dispose();
  }
}

export const maeRuntime: ModelRuntime<MaeConfig, MaeModel> = {
  info: maeInfo,
  version: MAE_MODEL_VERSION,
  create: createMae,
  checkpointConfig: maeCheckpointConfig,
  datasetProblem(meta, config) {
    const frames = meta.times.length;
    return frames < config.frames
      ? `Its trajectories have ${frames} frames; this MAE reads windows of ${config.frames}. Build longer trajectories or choose a shorter window.`
      : undefined;
  },
  createTrainer({ config, options, train, validation }): ModelTrainer {
    const trainable = createMaeTrainable({
      config,
      channels: CHANNELS,
      seed: options.seed,
      train,
      validation,
      batchSize: options.batchSize,
      validationWindows: VALIDATION_WINDOWS,
    });
    return { ...trainable, snapshot: () => reconstructionSnapshot(trainable) };
  },
  checkpointSettings(checkpoint) {
    const { model, channels } = readMaeCheckpointConfig(checkpoint);
    return { config: model, channels };
  },
  fromCheckpoint: maeFromCheckpoint,
  jobs: maeJobs,
  reconstructor: maeReconstructor,
  pretrained: maePretrained,
};

export * from './config';
export * from './info';
export * from './model';
export * from './windows';
export * from './validation';
export * from './train';
export * from './checkpoint';
