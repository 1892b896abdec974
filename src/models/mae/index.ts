/**
 * The masked autoencoder of MAE-PDE, worker-side (tfjs): its ModelSpec with the functions that
 * build, run and train it. The main thread imports ./info and ./config instead.
 *
 * - config.ts      schema, presets, config checks, analytic parameter count (plain data)
 * - info.ts        the ModelSpec description (plain data)
 * - model.ts       createMae, maeForward / maeLoss, maeReconstruct (+ attention), maeEncode
 * - windows.ts     dataset → model grid, seeded window draws, Fourier-shift augmentation
 * - resample.ts    periodic Fourier resampling of square frames
 * - validation.ts  fixed windows and masks, MAE vs linear / nearest baselines
 * - train.ts       batches, the train step, createMaeTraining (AdamW, schedules, checkpoints)
 * - checkpoint.ts  checkpoint config and loading a model back
 */
import { maeFromCheckpoint } from './checkpoint';
import { maeInfo } from './info';
import { createMae, maeEncode, maeForward, maeReconstruct } from './model';
import { createMaeTraining } from './train';

export const maeSpec = {
  ...maeInfo,
  create: createMae,
  forward: maeForward,
  reconstruct: maeReconstruct,
  encode: maeEncode,
  createTraining: createMaeTraining,
  fromCheckpoint: maeFromCheckpoint,
};

export * from './config';
export * from './info';
export * from './model';
export * from './windows';
export * from './resample';
export * from './validation';
export * from './train';
export * from './checkpoint';
