/**
 * PhysicNet-style, worker-side (tfjs): its runtime for the model registry. The main thread imports
 * ./info and ./config instead.
 *
 * - config.ts      schema, presets, config checks, analytic parameter count (plain data)
 * - info.ts        the ModelSpec description (plain data)
 * - model.ts       encoders, shared codebook, flow experts, decoders, crops and the fusion gate
 * - windows.ts     input / forecast windows cut from trajectories
 * - train.ts       the loss, the Adam step, the codebook's EMA update and dead-code restarts
 * - evaluation.ts  MSE and SSIM per step, codebook use, the flow's end-point error
 * - checkpoint.ts  checkpoint config and loading a model back
 * - jobs/          its own worker jobs (the Results panel's forecast)
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetMeta } from '../../data/io/meta';
import type { TrajectoryArray } from '../../data/trajectories';
import type { ModelRuntime, ModelTrainer } from '../runtime';
import type { ExpertsSnapshot } from '../snapshot';
import {
  PHYSICNET_MODEL_ID,
  PHYSICNET_MODEL_VERSION,
  physicnetCheckpointConfig,
  physicnetFromCheckpoint,
  readPhysicNetCheckpointConfig,
} from './checkpoint';
import {
  PHYSICNET_DOWNSAMPLING,
  physicnetGridProblem,
  physicnetSchema,
  type PhysicNetConfig,
} from './config';
import { evaluatePhysicNet, swirlDisplacement, type TrueDisplacement } from './evaluation';
import { physicnetInfo } from './info';
import { physicnetJobs } from './jobs';
import { physicnetPretrained } from './pretrainedRun';
import {
  createPhysicNet,
  cropSize,
  denormalize,
  normalize,
  physicnetForward,
  tiledPlacements,
  type PhysicNetModel,
} from './model';
import { createPhysicNetTrainer } from './train';
import { firstWindows, gatherWindows, windowProblem, type WindowStart } from './windows';

/** Validation windows: each validation trajectory's first. */
const VALIDATION_WINDOWS = 8;

/**
 * One window's forecast (by default the set's first: the Train panel's validation window), with
 * its codes, flow and crops; the Results panel asks for a trajectory's.
 */
export async function expertsSnapshot(
  model: PhysicNetModel,
  set: TrajectoryArray,
  trueDisplacement?: TrueDisplacement,
  window: WindowStart = { trajectory: 0, start: 0 },
): Promise<ExpertsSnapshot> {
  const { config, channels } = model;
  const [, , X, Y, C] = set.shape;
  const { input, target } = gatherWindows(set, config, [window]);
  const placements = tiledPlacements(X, config.crops);
  const frame = X * Y * C;
  const lastInput = input.slice((config.inputFrames - 1) * frame);
  const outputs = tf.tidy(() => {
    const x = tf
      .tensor5d(input, [1, config.inputFrames, X, Y, C])
      .slice([0, 0, 0, 0, 0], [1, config.inputFrames, X, Y, channels]);
    const out = physicnetForward(model, normalize(model, x) as tf.Tensor5D, placements);
    const last = config.inputFrames - 1;
    return {
      forecast: denormalize(model, out.forecast),
      global: denormalize(model, out.global.forecast),
      codes: out.global.indices?.slice([0, last], [1, 1]),
      flow: out.global.flows?.slice([0, 0], [1, 1]).mul(PHYSICNET_DOWNSAMPLING),
    };
  });
  try {
    const [forecast, globalForecast, codes, flow] = await Promise.all([
      outputs.forecast.data<'float32'>(),
      outputs.global.data<'float32'>(),
      outputs.codes?.data<'int32'>(),
      outputs.flow?.data<'float32'>(),
    ]);
    const h = X / PHYSICNET_DOWNSAMPLING;
    const w = Y / PHYSICNET_DOWNSAMPLING;
    const pick = (values: Float32Array) => spreadChannels(values, channels, C);
    return {
      kind: 'experts',
      shape: [1, config.outputFrames, X, Y, C],
      input: lastInput,
      truth: target,
      forecast: pick(forecast),
      globalForecast: pick(globalForecast),
      ...(codes ? { codes: Int32Array.from(codes) } : {}),
      codebookSize: config.codes,
      latentShape: [h, w],
      // The warp reads flow[..., 1] along rows (X) and flow[..., 0] along columns (Y).
      ...(flow ? { flow: swapPairs(flow) } : {}),
      ...(trueDisplacement ? { trueFlow: interleave(trueDisplacement(window)) } : {}),
      crops: config.local
        ? placements.map(({ row, col }) => ({ row, col, size: cropSize(X) }))
        : [],
    };
  } finally {
    tf.dispose(Object.values(outputs));
  }
}

/** Values of `channels` channels laid out among `total` (the others zero). */
function spreadChannels(values: Float32Array, channels: number, total: number): Float32Array {
  if (channels === total) return Float32Array.from(values);
  const out = new Float32Array((values.length / channels) * total);
  for (let i = 0; i < values.length / channels; i++) {
    for (let c = 0; c < channels; c++) out[i * total + c] = values[i * channels + c]!;
  }
  return out;
}

/** (along Y, along X) pairs → (along X, along Y). */
function swapPairs(flow: Float32Array): Float32Array {
  const out = new Float32Array(flow.length);
  for (let i = 0; i < flow.length; i += 2) {
    out[i] = flow[i + 1]!;
    out[i + 1] = flow[i]!;
  }
  return out;
}

function interleave({ dx, dy }: { dx: Float32Array; dy: Float32Array }): Float32Array {
  const out = new Float32Array(dx.length * 2);
  for (let i = 0; i < dx.length; i++) {
    out[2 * i] = dx[i]!;
    out[2 * i + 1] = dy[i]!;
  }
  return out;
}

function datasetProblem(meta: DatasetMeta, config: PhysicNetConfig): string | undefined {
  return physicnetGridProblem(meta.grid.n, meta.grid.n) ?? windowProblem(meta.times.length, config);
}

export const physicnetRuntime: ModelRuntime<PhysicNetConfig, PhysicNetModel> = {
  info: physicnetInfo,
  version: PHYSICNET_MODEL_VERSION,
  create: createPhysicNet,
  checkpointConfig: physicnetCheckpointConfig,
  datasetProblem,
  createTrainer({ config, options, train, validation, meta }): ModelTrainer {
    const channels = meta.channels.length;
    const model = createPhysicNet(config, { seed: options.seed, channels });
    let trainer: ReturnType<typeof createPhysicNetTrainer>;
    try {
      trainer = createPhysicNetTrainer({
        model,
        train,
        seed: options.seed,
        batchSize: options.batchSize,
        clipNorm: options.clipNorm,
      });
    } catch (error) {
      model.dispose();
      throw error;
    }
    const held = validation ?? train;
    const displacement = swirlDisplacement(meta, validation ? train.shape[0] : 0);
    return {
      modelId: PHYSICNET_MODEL_ID,
      modelVersion: PHYSICNET_MODEL_VERSION,
      params: model.params,
      checkpointConfig: () => physicnetCheckpointConfig(model),
      resumeProblem(checkpoint) {
        const saved = readPhysicNetCheckpointConfig(checkpoint);
        const same = (Object.keys(physicnetSchema) as (keyof PhysicNetConfig)[]).every(
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
      async validate() {
        const evaluation = await evaluatePhysicNet(model, held, {
          windows: firstWindows(held, VALIDATION_WINDOWS),
          ...(displacement ? { trueDisplacement: displacement } : {}),
        });
        const metrics: Record<string, number> = {
          testMse: evaluation.testMse,
          relL2: evaluation.relL2,
          ssim: evaluation.testSsim,
        };
        if (config.quantize) {
          metrics.perplexity = evaluation.perplexity;
          metrics.deadCodes = evaluation.deadCodes;
        }
        if (evaluation.flowEndPointError !== undefined) {
          metrics.flowEndPointError = evaluation.flowEndPointError;
        }
        return metrics;
      },
      snapshot: () => expertsSnapshot(model, held, displacement),
      dispose() {
        trainer.dispose();
        model.dispose();
      },
    };
  },
  checkpointSettings(checkpoint) {
    const { model, channels } = readPhysicNetCheckpointConfig(checkpoint);
    return { config: model, channels };
  },
  fromCheckpoint: physicnetFromCheckpoint,
  pretrained: physicnetPretrained,
  jobs: physicnetJobs,
};

export * from './checkpoint';
export * from './config';
export * from './evaluation';
export * from './info';
export * from './model';
export * from './train';
export * from './windows';
