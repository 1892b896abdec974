/**
 * DINo, worker-side (tfjs): its runtime for the model registry. The main thread imports ./info and
 * ./config instead.
 *
 * - config.ts       schema, presets, config checks, analytic parameter count (plain data)
 * - info.ts         the ModelSpec description (plain data)
 * - model.ts        the FourierNet decoder with code shifts and the latent dynamics
 * - coordinates.ts  the decoder's coordinates of grids and sensor points
 * - observation.ts  observation masks and values at observed points
 * - train.ts        auto-decoded codes, teacher-forced rollouts, faithful / simple step cadence
 * - forecast.ts     test-time code fitting, rollout, decoding at any coordinates
 * - evaluation.ts   In-t / Out-t × In-s / Out-s errors
 * - checkpoint.ts   checkpoint config and loading a model back
 */
import * as tf from '@tensorflow/tfjs';
import type { TrajectoryArray } from '../../data/trajectories';
import type { ModelRuntime, ModelTrainer } from '../runtime';
import type { ForecastSnapshot } from '../snapshot';
import {
  DINO_MODEL_ID,
  DINO_MODEL_VERSION,
  dinoCheckpointConfig,
  dinoFromCheckpoint,
  readDinoCheckpointConfig,
} from './checkpoint';
import { dinoSchema, type DinoConfig } from './config';
import { gridCoordinates, gridPointCoordinates } from './coordinates';
import { evaluateDino, dinoMetrics } from './evaluation';
import { decodeFrames, forecast, frameTimes } from './forecast';
import { dinoInfo } from './info';
import { dinoJobs } from './jobs';
import { createDino, type DinoModel } from './model';
import { dinoPretrained } from './pretrainedRun';
import { gatherPoints } from './observation';
import { createDinoTrainer, rolloutLoss, type DinoTrainer } from './train';

/** Held-out trajectories each validation fits and forecasts. */
const VALIDATION_TRAJECTORIES = 4;

/** The first `count` trajectories of a set. */
function firstTrajectories(set: TrajectoryArray, count: number): TrajectoryArray {
  const [N, T, X, Y, C] = set.shape;
  const n = Math.min(count, N);
  return { data: set.data.subarray(0, n * T * X * Y * C), shape: [n, T, X, Y, C] };
}

/** Training trajectory 0 forecast from its own auto-decoded first code, over every frame. */
async function forecastSnapshot(
  trainer: DinoTrainer,
  train: TrajectoryArray,
): Promise<ForecastSnapshot> {
  const { model } = trainer;
  const [, T, X, Y, C] = train.shape;
  const frames = T;
  const out = tf.tidy(() => {
    const code0 = trainer.firstCodes().slice([0, 0], [1, model.codeSize]) as tf.Tensor2D;
    return forecast(model, code0, frameTimes(frames, model.config.dt), gridCoordinates(X, Y));
  });
  try {
    const values = await out.data<'float32'>();
    const truth = train.data.slice(0, frames * X * Y * C);
    // The model reads the dataset's first channels; the picture shows those.
    const forecastValues = new Float32Array(frames * X * Y * C);
    for (let i = 0; i < frames * X * Y; i++) {
      for (let c = 0; c < model.channels; c++)
        forecastValues[i * C + c] = values[i * model.channels + c]!;
    }
    return {
      kind: 'forecast',
      shape: [1, frames, X, Y, C],
      truth,
      forecast: forecastValues,
      observed: trainer.mask.slice(),
      trainFrames: model.config.trainFrames,
    };
  } finally {
    out.dispose();
  }
}

/** Trajectories whose training losses are measured at each validation. */
const LOSS_TRAJECTORIES = 4;

/**
 * Both training objectives on the first trajectories' current codes, without a step, and teacher
 * forcing's ε: the live curves of DINo's two losses.
 */
function trainingLosses(
  trainer: DinoTrainer,
  train: TrajectoryArray,
  step: number,
): Record<string, number> {
  const { model } = trainer;
  const { trainFrames, dt } = model.config;
  const members = Array.from({ length: Math.min(LOSS_TRAJECTORIES, train.shape[0]) }, (_, i) => i);
  const points = trainer.observed;
  const truth = gatherPoints(train, members, points, {
    count: trainFrames,
    channels: model.channels,
  });
  const [decoderLoss, dynamicsLoss] = tf.tidy(() => {
    const codes = trainer.codeTable().slice([0, 0, 0], [members.length, -1, -1]) as tf.Tensor3D;
    const decoded = decodeFrames(
      model,
      codes,
      gridPointCoordinates(points, train.shape[2], train.shape[3]),
    );
    const target = tf.tensor4d(truth, [members.length, trainFrames, points.length, model.channels]);
    return [
      decoded.sub(target).square().mean().dataSync()[0]!,
      rolloutLoss(model, codes, trainer.restarts(step), dt).dataSync()[0]!,
    ];
  });
  return { decoderLoss: decoderLoss!, dynamicsLoss: dynamicsLoss!, epsilon: trainer.epsilon(step) };
}

export const dinoRuntime: ModelRuntime<DinoConfig, DinoModel> = {
  info: dinoInfo,
  version: DINO_MODEL_VERSION,
  create: createDino,
  checkpointConfig: dinoCheckpointConfig,
  datasetProblem(meta, config) {
    const frames = meta.times.length;
    if (frames <= config.trainFrames) {
      return `DINo trains on the first ${config.trainFrames} frames and is tested on the frames after them; these trajectories have ${frames}. Build longer ones (20 frames, as DINo) or lower “Training frames”.`;
    }
    return undefined;
  },
  createTrainer({ config, options, train, validation, meta }): ModelTrainer {
    const channels = meta.channels.length;
    const model = createDino(config, { seed: options.seed, channels });
    let trainer: DinoTrainer;
    try {
      trainer = createDinoTrainer({
        model,
        train,
        config,
        seed: options.seed,
        batchSize: options.batchSize,
      });
    } catch (error) {
      model.dispose();
      throw error;
    }
    const held = firstTrajectories(validation ?? train, VALIDATION_TRAJECTORIES);
    return {
      modelId: DINO_MODEL_ID,
      modelVersion: DINO_MODEL_VERSION,
      params: trainer.params,
      checkpointConfig: () => dinoCheckpointConfig(model),
      resumeProblem(checkpoint) {
        const saved = readDinoCheckpointConfig(checkpoint);
        const same = (Object.keys(dinoSchema) as (keyof DinoConfig)[]).every(
          (k) => saved.model[k] === config[k],
        );
        return same && saved.channels === channels
          ? undefined
          : 'This checkpoint was trained with other model settings; load it with its own config.';
      },
      step: {
        kind: 'update',
        update: (index, lr) => {
          const { loss, gradNorm, decoderLoss, dynamicsLoss } = trainer.update(index, lr);
          tf.dispose([decoderLoss, dynamicsLoss]);
          return { loss, gradNorm };
        },
        optimizers: trainer.optimizers,
      },
      async validate(step) {
        const evaluation = await evaluateDino(model, held, {
          mask: trainer.mask,
          batchSize: VALIDATION_TRAJECTORIES,
        });
        return { ...dinoMetrics(evaluation), ...trainingLosses(trainer, train, step) };
      },
      snapshot: () => forecastSnapshot(trainer, train),
      dispose() {
        trainer.dispose();
        model.dispose();
      },
    };
  },
  checkpointSettings(checkpoint) {
    const { model, channels } = readDinoCheckpointConfig(checkpoint);
    return { config: model, channels };
  },
  fromCheckpoint: dinoFromCheckpoint,
  pretrained: dinoPretrained,
  jobs: dinoJobs,
};

export * from './checkpoint';
export * from './config';
export * from './coordinates';
export * from './evaluation';
export * from './forecast';
export * from './info';
export * from './model';
export * from './observation';
export * from './train';
