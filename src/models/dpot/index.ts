/**
 * DPOT, worker-side (tfjs): its runtime for the model registry. The main thread imports ./info
 * and ./config instead.
 *
 * - config.ts      schema, presets, config checks, parameter count (plain data)
 * - info.ts        the ModelSpec description (plain data)
 * - afno.ts        the Fourier token mixer; model.ts the network around it
 * - noise.ts       the denoising noise; windows.ts and sources.ts the training windows
 * - train.ts       the relative-L2 step and DPOT's optimiser and schedules
 * - rollout.ts     auto-regressive rollouts and their errors
 * - checkpoint.ts  checkpoint config and loading a model back
 * - claim*.ts      methods §2g's two claims; jobs/ the model's own worker jobs; cli/ its commands
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import type { ModelRuntime, ModelTrainer } from '../runtime';
import type { RolloutSnapshot } from '../snapshot';
import {
  DPOT_MODEL_ID,
  DPOT_MODEL_VERSION,
  dpotCheckpointConfig,
  dpotFromCheckpoint,
  readDpotCheckpointConfig,
} from './checkpoint';
import { dpotSchema, dpotTrainingFrames, type DpotConfig } from './config';
import { dpotInfo } from './info';
import { dpotJobs } from './jobs';
import { createDpot, dpotMixerSpectra, type DpotModel } from './model';
import { dpotPretrained } from './pretrainedRun';
import {
  dpotStep,
  errorHorizon,
  evaluateDpotRollouts,
  relativeL2PerStep,
  rolloutFrames,
} from './rollout';
import { dpotSources, padOnes } from './sources';
import { createDpotTrainer } from './train';
import type { DpotWindowSource } from './windows';

/** Rollout steps a validation and the Train panel's picture make (fewer when the data are short). */
export const VALIDATION_STEPS = 20;
/** Held-out trajectories each validation rolls out, over all equations of the dataset. */
const VALIDATION_TRAJECTORIES = 8;

/** Steps a rollout of these trajectories can make from the model's input frames. */
export function rolloutSteps(frames: number, config: DpotConfig): number {
  return Math.min(VALIDATION_STEPS, frames - config.inputFrames);
}

/** The sources a split of the dataset holds: one per equation of a mix, from `offset` on. */
export function splitSources(
  set: TrajectoryArray,
  meta: Pick<DatasetMeta, 'mix'>,
  offset: number,
): DpotWindowSource[] {
  const mix = meta.mix && { ...meta.mix, index: meta.mix.index.slice(offset) };
  return dpotSources(set, mix);
}

/**
 * A trajectory's rollout from its first frames, against the truth on its own channels (read
 * padded with ones to the model's), with each block's mixer spectrum on its input window.
 */
export async function rolloutSnapshot(
  model: DpotModel,
  set: TrajectoryArray,
  trajectory: number,
  steps: number,
): Promise<RolloutSnapshot> {
  const { inputFrames: tIn } = model.config;
  const [, T, X, Y, C] = set.shape;
  const frame = X * Y * C;
  const at = trajectory * T * frame;
  const frames = (from: number, count: number) =>
    set.data.slice(at + from * frame, at + (from + count) * frame);
  const window = padOnes({ data: frames(0, tIn), shape: [1, tIn, X, Y, C] }, model.channels);
  const initial = tf.tensor5d(window.data, [1, tIn, X, Y, model.channels]);
  const truth = frames(tIn, steps);
  try {
    const rolled = rolloutFrames(dpotStep(model), initial, steps);
    const predicted = rolled.slice([0, 0, 0, 0, 0], [1, steps, X, Y, C]);
    rolled.dispose();
    const truthTensor = tf.tensor5d(truth, [1, steps, X, Y, C]);
    const errors = relativeL2PerStep(predicted, truthTensor);
    const forecast = await predicted.data<'float32'>();
    tf.dispose([predicted, truthTensor]);
    return {
      kind: 'rollout',
      shape: [1, steps, X, Y, C],
      input: frames(tIn - 1, 1),
      truth,
      forecast: Float32Array.from(forecast),
      errors,
      horizon: errorHorizon(errors),
      spectra: await dpotMixerSpectra(model, initial),
    };
  } finally {
    initial.dispose();
  }
}

function datasetProblem(meta: DatasetMeta, config: DpotConfig): string | undefined {
  const n = meta.grid.n;
  if (n !== config.size) {
    return `DPOT reads a ${config.size} × ${config.size} grid and this dataset is ${n} × ${n}: set the model's Grid to ${n}, or build the data on a ${config.size} × ${config.size} grid.`;
  }
  const frames = meta.times.length;
  const needed = dpotTrainingFrames(config);
  if (frames < needed) {
    const pushforward = config.pushforward
      ? `, rolls ${config.pushforward} more on its own predictions`
      : '';
    return `DPOT reads ${config.inputFrames} frames${pushforward} and predicts the next: it needs trajectories of at least ${needed} frames, and these have ${frames}.`;
  }
  return undefined;
}

export const dpotRuntime: ModelRuntime<DpotConfig, DpotModel> = {
  info: dpotInfo,
  version: DPOT_MODEL_VERSION,
  create: createDpot,
  checkpointConfig: dpotCheckpointConfig,
  datasetProblem,
  createTrainer({ config, options, train, validation, meta }): ModelTrainer {
    const channels = meta.channels.length;
    const model = createDpot(config, { seed: options.seed, channels });
    let trainer: ReturnType<typeof createDpotTrainer>;
    try {
      trainer = createDpotTrainer({
        model,
        train: splitSources(train, meta, 0),
        seed: options.seed,
        batchSize: options.batchSize,
        clipNorm: options.clipNorm,
      });
    } catch (error) {
      model.dispose();
      throw error;
    }
    const held = splitSources(validation ?? train, meta, validation ? train.shape[0] : 0);
    const steps = rolloutSteps(train.shape[1], config);
    return {
      modelId: DPOT_MODEL_ID,
      modelVersion: DPOT_MODEL_VERSION,
      params: model.params,
      checkpointConfig: () => dpotCheckpointConfig(model),
      resumeProblem(checkpoint) {
        const saved = readDpotCheckpointConfig(checkpoint);
        const same = (Object.keys(dpotSchema) as (keyof DpotConfig)[]).every(
          (k) => saved.model[k] === config[k],
        );
        return same && saved.channels === channels
          ? undefined
          : 'This checkpoint was trained with other model settings; load it with its own config.';
      },
      step: {
        kind: 'update',
        update: (index, lr) => trainer.update(index, lr),
        optimizers: { adam: trainer.optimizer },
      },
      validate() {
        const { perStep, full } = evaluateDpotRollouts(
          model,
          held.map(({ set }) => set),
          { steps, countPerSet: Math.max(1, Math.ceil(VALIDATION_TRAJECTORIES / held.length)) },
        );
        return {
          oneStepL2re: perStep[0]!,
          rolloutL2re: full,
          finalStepL2re: perStep[steps - 1]!,
          horizon: errorHorizon(perStep) ?? steps,
        };
      },
      snapshot: () => rolloutSnapshot(model, held[0]!.set, 0, steps),
      dispose() {
        trainer.dispose();
        model.dispose();
      },
    };
  },
  checkpointSettings(checkpoint) {
    const { model, channels } = readDpotCheckpointConfig(checkpoint);
    return { config: model, channels };
  },
  fromCheckpoint: dpotFromCheckpoint,
  pretrained: dpotPretrained,
  jobs: dpotJobs,
};

export * from './checkpoint';
export * from './config';
export * from './info';
export * from './loss';
export * from './model';
export * from './rollout';
export * from './sources';
export * from './train';
export * from './windows';
