/**
 * The time-stepping experiment job (MAE-PDE's second downstream task): on a saved dataset,
 * resampled to a saved MAE's grid and window, trains one small FNO stepper per arm (no
 * conditioning, the frozen MAE's embedding, the true coefficients) with the same budget, seed
 * and batches, then rolls each out from the true first window of every test trajectory and
 * reports the relative L2 error of each chunk of T frames.
 */
import type { DatasetMeta } from '../../../data/io/meta';
import { checkTrainable } from '../../../data/io/nonFinite';
import { splitRange } from '../../../data/trajectories';
import { errorMessage } from '../../../util/errorMessage';
import type { ModelJobContext } from '../../runtime';
import { coefficientTargets, trajectoryEquations } from '../downstream/coefficients';
import {
  chunkErrorsByTrajectory,
  meanChunkErrors,
  rollout,
  rolloutChunks,
} from '../downstream/rollout';
import { createStepper, STEPPER_DEFAULTS } from '../../nn/fnoStepper';
import {
  coefficientCondition,
  coefficientFeatures,
  maeCondition,
  noCondition,
  type Conditioner,
} from '../downstream/stepperConditioning';
import { maxPairStart, trainStepper } from '../downstream/stepperTraining';
import type { MaeModel } from '../model';
import { createWindowSource, type WindowSource } from '../windows';
import { loadEncoder } from './loadEncoder';
import {
  STEPPER_ARM_IDS,
  STEPPER_ARM_LABELS,
  type StepperArmId,
  type StepperArmResult,
  type StepperExperimentParams,
  type StepperExperimentResult,
} from './stepperExperimentConfig';

/** At most about this many points of each loss curve travel back. */
const LOSS_POINTS = 100;

function checkParams(params: StepperExperimentParams): void {
  if (params.arms.length === 0) throw new RangeError('Choose at least one arm to train.');
  for (const arm of params.arms) {
    if (!STEPPER_ARM_IDS.includes(arm)) throw new RangeError(`Unknown arm "${String(arm)}".`);
  }
  const whole = { steps: params.steps, 'batch size': params.batchSize, width: params.width };
  for (const [what, value] of Object.entries({
    ...whole,
    modes: params.modes,
    'embedding size': params.embedDim,
  })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`The ${what} must be a whole number ≥ 1 (got ${value}).`);
    }
  }
  if (!(params.lr > 0))
    throw new RangeError(`The learning rate must be positive (got ${params.lr}).`);
  if (!Number.isSafeInteger(params.seed)) throw new RangeError(`The seed must be a whole number.`);
}

/** The arm's conditioner, or why it cannot run on this dataset. */
function conditionerFor(
  arm: StepperArmId,
  model: MaeModel,
  meta: DatasetMeta,
  count: number,
): Conditioner | { problem: string } {
  if (arm === 'none') return noCondition;
  if (arm === 'mae') return maeCondition(model);
  try {
    return coefficientCondition(coefficientFeatures(coefficientTargets(meta, count)));
  } catch (error) {
    return { problem: errorMessage(error) };
  }
}

/** Channel 0 of one trajectory's predicted frames, from [trajectories, horizon, S, S, C]. */
function channelZero(values: Float32Array, index: number, horizon: number, source: WindowSource) {
  const { size, channels } = source;
  const points = horizon * size * size;
  const out = new Float32Array(points);
  const at = index * points * channels;
  for (let p = 0; p < points; p++) out[p] = values[at + p * channels]!;
  return out;
}

export async function stepperExperiment(
  params: StepperExperimentParams,
  ctx: ModelJobContext,
): Promise<StepperExperimentResult> {
  checkParams(params);
  const arms = [...new Set(params.arms)];

  ctx.progress(0, 'Reading the dataset');
  const dataset = await ctx.readDataset(params.datasetId);
  const { meta } = dataset;
  checkTrainable(meta);
  const shape = dataset.payload.shape as [number, number, number, number, number];
  const count = shape[0];

  ctx.progress(0, 'Loading the encoder');
  const loaded = await loadEncoder(ctx, params.checkpointId, 'choose another encoder');
  try {
    const mae = loaded.model;
    const source = createWindowSource(
      { data: dataset.payload.data, shape },
      mae.config,
      mae.channels,
    );
    if (maxPairStart(source) < 0) {
      throw new RangeError(
        `Trajectories of ${source.frames} frames are too short: the stepper needs two windows of ${source.window} frames (${2 * source.window}).`,
      );
    }
    const train = Array.from({ length: Math.min(meta.split.train, count) }, (_, i) => i);
    if (train.length === 0) throw new Error('This dataset keeps no training trajectories.');
    const test = splitRange(meta.split, count, 'test');
    const split = test.count > 0 ? 'test' : 'validation';
    const evalRange = test.count > 0 ? test : splitRange(meta.split, count, 'validation');
    if (evalRange.count === 0) {
      throw new Error('This dataset keeps no test or validation trajectories to roll out.');
    }
    const evaluated = Array.from({ length: evalRange.count }, (_, i) => evalRange.first + i);
    const chunks = rolloutChunks(source.frames, source.window);
    const horizon = source.frames - source.window;

    const skipped: StepperExperimentResult['skipped'] = [];
    const results: StepperArmResult[] = [];
    const every = Math.max(1, Math.ceil(params.steps / LOSS_POINTS));
    for (const [a, arm] of arms.entries()) {
      const label = STEPPER_ARM_LABELS[arm];
      const conditioner = conditionerFor(arm, mae, meta, count);
      if ('problem' in conditioner) {
        skipped.push({ arm, reason: conditioner.problem });
        continue;
      }
      const at = (within: number) => (a + within) / arms.length;
      const stepper = createStepper(
        {
          frames: source.window,
          channels: source.channels,
          size: source.size,
          width: params.width,
          modes: params.modes,
          blocks: STEPPER_DEFAULTS.blocks,
          embedDim: params.embedDim,
          conditionDim: conditioner.dim,
        },
        params.seed,
      );
      try {
        const loss: StepperArmResult['loss'] = [];
        await trainStepper({
          model: stepper,
          conditioner,
          source,
          train,
          steps: params.steps,
          batchSize: params.batchSize,
          lr: params.lr,
          seed: params.seed,
          yieldStep: () => ctx.step(),
          onMetrics: ({ step, loss: value }) => {
            if (step % every === 0 || step === params.steps || step === 1)
              loss.push({ step, value });
            ctx.progress(
              at((0.9 * step) / params.steps),
              `${label}: step ${step}/${params.steps}, loss ${value.toFixed(4)}`,
            );
          },
        });
        ctx.progress(at(0.9), `${label}: rolling out ${evaluated.length} ${split} trajectories`);
        const predictions = await rollout(stepper, conditioner, source, evaluated, {
          yieldStep: () => ctx.step(),
        });
        const chunkErrors = meanChunkErrors(
          chunkErrorsByTrajectory(source, evaluated, predictions),
        );
        results.push({
          arm,
          chunkErrors,
          meanError: chunkErrors.reduce((s, e) => s + e, 0) / chunkErrors.length,
          loss,
          parameterCount: stepper.params.count('trainable'),
          forecast: channelZero(predictions, 0, horizon, source),
        });
      } finally {
        stepper.dispose();
      }
    }
    if (results.length === 0) {
      throw new Error(`No arm could run: ${skipped.map((s) => s.reason).join('; ')}`);
    }

    const shown = evaluated[0]!;
    const truthAll = new Float32Array(horizon * source.size * source.size * source.channels);
    const frameValues = source.size * source.size * source.channels;
    truthAll.set(
      source.data.subarray(
        (shown * source.frames + source.window) * frameValues,
        (shown + 1) * source.frames * frameValues,
      ),
    );
    ctx.progress(1, `Trained and rolled out ${results.length} of ${arms.length} arms`);
    return {
      arms: results,
      skipped,
      chunks,
      window: source.window,
      frames: source.frames,
      size: source.size,
      split,
      evaluated: evaluated.length,
      trainTrajectories: train.length,
      forecastTrajectory: shown,
      forecastEquation: trajectoryEquations(meta, count)[shown] ?? meta.equation,
      truth: channelZero(truthAll, 0, horizon, source),
      runName: loaded.runName,
      step: loaded.step,
    };
  } finally {
    loaded.model.dispose();
  }
}
