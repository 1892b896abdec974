/**
 * The training job: reads a saved dataset (train split to learn from, val split to validate on),
 * builds a fresh MAE or restores one from a checkpoint, and runs the generic training loop with
 * live metrics, reconstruction snapshots of fixed validation samples, pause/resume, checkpoints
 * in IndexedDB and a run record that keeps the history and the outcome.
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetRecordMeta, DatasetRecordPayload } from '../../storage/datasetRecords';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import {
  emptyHistory,
  type RunHistory,
  type RunRecordMeta,
  type RunStatus,
} from '../../storage/runRecords';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../../models/nn/checkpoint';
import type { StepMetrics } from '../../models/nn/trainLoop';
import { MAE_MODEL_ID } from '../../models/mae/checkpoint';
import { maeReconstruct } from '../../models/mae/model';
import { createMaeTraining, type MaeTraining } from '../../models/mae/train';
import type { TrajectoryArray } from '../../models/mae/windows';
import { errorMessage } from '../../util/errorMessage';
import { JobCancelledError, type JobContext } from '../jobRunner';
import { checkTrainable } from './readSavedDataset';
import {
  checkpointIdOf,
  TRAIN_METRICS,
  type TrainModelParams,
  type TrainModelResult,
} from './trainModelConfig';

/** Fixed validation windows whose reconstruction is pictured. */
const SNAPSHOT_SAMPLES = 2;
/** Fixed validation windows the masked-region errors are measured on. */
const VALIDATION_WINDOWS = 8;
/** MAE-PDE's scalar fields: the model reads the dataset's first channel. */
const CHANNELS = 1;

interface Splits {
  train: TrajectoryArray;
  /** Undefined when the dataset keeps no validation trajectories: training data validate. */
  validation?: TrajectoryArray;
}

/** The train and val trajectories of a dataset, stored in that order along N. */
export function datasetSplits(meta: DatasetRecordMeta, payload: DatasetRecordPayload): Splits {
  const [N, T, X, Y, C] = payload.shape as [number, number, number, number, number];
  const perTrajectory = T * X * Y * C;
  const part = (start: number, count: number): TrajectoryArray => ({
    data: payload.data.subarray(start * perTrajectory, (start + count) * perTrajectory),
    shape: [count, T, X, Y, C],
  });
  const train = Math.min(meta.split.train, N);
  const val = Math.min(meta.split.val, N - train);
  if (train < 1) throw new RangeError('This dataset keeps no trajectory for training.');
  return { train: part(0, train), ...(val > 0 ? { validation: part(train, val) } : {}) };
}

/** Keeps the history up to `step` (a run resumed from an older checkpoint forgets the rest). */
function historyUpTo(history: RunHistory, step: number): RunHistory {
  const keep = history.step.filter((s) => s <= step).length;
  const keepVal = history.valStep.filter((s) => s <= step).length;
  return {
    step: history.step.slice(0, keep),
    loss: history.loss.slice(0, keep),
    lr: history.lr.slice(0, keep),
    valStep: history.valStep.slice(0, keepVal),
    valLoss: history.valLoss.slice(0, keepVal),
    valRelL2: history.valRelL2.slice(0, keepVal),
  };
}

export async function trainModel(
  params: TrainModelParams,
  ctx: JobContext,
  openStorage: () => Promise<LabStorage> = () => openLabStorage(),
): Promise<TrainModelResult> {
  const { runId, options, config } = params;
  if (params.modelId !== MAE_MODEL_ID) throw new Error(`No trainer for model "${params.modelId}".`);
  ctx.progress(0, 'Reading the dataset');
  const storage = await openStorage();
  let training: MaeTraining | undefined;
  try {
    const dataset = await storage.datasets.get(params.datasetId);
    if (!dataset) throw new Error('The chosen dataset is no longer saved in this browser.');
    checkTrainable(dataset.summary.meta);
    const splits = datasetSplits(dataset.summary.meta, dataset.payload);

    let checkpoint: Checkpoint | undefined;
    let history = emptyHistory();
    let startedAt = Date.now();
    if (params.resumeFromCheckpointId) {
      const saved = await storage.checkpoints.get(params.resumeFromCheckpointId);
      if (!saved) throw new Error('The run’s checkpoint is no longer saved in this browser.');
      checkpoint = decodeCheckpoint(saved.payload.bytes, { modelId: MAE_MODEL_ID });
      const run = await storage.runs.get(runId);
      if (run) {
        history = historyUpTo(run.payload.history, checkpoint.step);
        startedAt = run.summary.meta.startedAt;
      }
    }

    ctx.progress(0, checkpoint ? `Restoring step ${checkpoint.step}` : 'Building the model');
    training = createMaeTraining({
      config,
      channels: CHANNELS,
      seed: options.seed,
      train: splits.train,
      validation: splits.validation,
      steps: options.steps,
      batchSize: options.batchSize,
      peakLr: options.peakLr,
      schedule: options.schedule,
      pctStart: options.warmupFraction,
      warmupSteps: Math.round(options.warmupFraction * options.steps),
      weightDecay: options.weightDecay,
      clipNorm: options.clipNorm > 0 ? options.clipNorm : undefined,
      augmentProbability: options.augment ? undefined : 0,
      validationWindows: VALIDATION_WINDOWS,
      validateEvery: options.validateEvery,
      checkpointEvery: options.checkpointEvery,
      resume: checkpoint,
    });
    const t = training;
    const checkpointId = checkpointIdOf(runId);
    let step = t.startStep;
    let loss = history.loss.at(-1) ?? Number.NaN;
    let finalMetrics: Record<string, number> = {};
    let savedStep = checkpoint?.step ?? -1;
    let snapshotDue = true;

    const writeRun = async (status: RunStatus, error?: string) => {
      const meta: RunRecordMeta = {
        modelId: params.modelId,
        config: { ...config },
        options: { ...options },
        datasetId: params.datasetId,
        datasetName: dataset.summary.name,
        status,
        step,
        startedAt,
        updatedAt: Date.now(),
        ...(Number.isFinite(loss) ? { finalLoss: loss } : {}),
        ...(Object.keys(finalMetrics).length ? { finalMetrics } : {}),
        ...(savedStep >= 0 ? { latestCheckpointId: checkpointId } : {}),
        ...(error ? { error } : {}),
      };
      await storage.runs.put({ id: runId, name: params.runName, meta, payload: { history } });
    };

    const saveCheckpoint = async (at: number) => {
      if (at === savedStep) return;
      const captured = await t.capture(at);
      const bytes = encodeCheckpoint(captured);
      await storage.checkpoints.put({
        id: checkpointId,
        name: `${params.runName} · step ${at}`,
        meta: {
          modelId: captured.modelId,
          modelVersion: captured.modelVersion,
          config: captured.config as Record<string, unknown>,
          step: at,
          runId,
          datasetId: params.datasetId,
          createdAt: Date.now(),
        },
        payload: { bytes },
      });
      savedStep = at;
      await writeRun(ctx.paused ? 'paused' : 'running');
    };

    const snapshot = async () => {
      const v = t.validation;
      const [T, X, Y, C] = t.model.geometry.window;
      const k = Math.min(SNAPSHOT_SAMPLES, v.masks.length);
      const original = v.windows.slice(0, k * T * X * Y * C);
      const input = tf.tensor5d(original, [k, T, X, Y, C]);
      try {
        const { reconstruction } = await maeReconstruct(t.model, input, v.masks.slice(0, k));
        const pixelMask = v.pixelMask.slice(0, k * T * X * Y);
        ctx.snapshot(step, { shape: [k, T, X, Y, C], original, pixelMask, reconstruction });
      } finally {
        input.dispose();
      }
    };

    const onMetrics = (m: StepMetrics) => {
      step = m.step;
      loss = m.loss;
      history.step.push(m.step);
      history.loss.push(m.loss);
      history.lr.push(m.lr);
      ctx.metric(TRAIN_METRICS.loss, m.step, m.loss);
      ctx.metric(TRAIN_METRICS.lr, m.step, m.lr);
      ctx.metric(TRAIN_METRICS.gradNorm, m.step, m.gradNorm);
      // The step's share of its read window, device time included: on a GPU `stepMs` is mostly
      // the time to queue the work, and the panel's step time should agree with samples/s.
      ctx.metric(TRAIN_METRICS.stepMs, m.step, m.meanStepMs);
      ctx.metric(TRAIN_METRICS.samplesPerSecond, m.step, m.samplesPerSecond);
      if (m.validation) {
        finalMetrics = { ...m.validation };
        const { mse, relL2, relL2Linear, relL2Nearest } = m.validation;
        history.valStep.push(m.step);
        history.valLoss.push(mse ?? Number.NaN);
        history.valRelL2.push(relL2 ?? Number.NaN);
        if (mse !== undefined) ctx.metric(TRAIN_METRICS.valLoss, m.step, mse);
        if (relL2 !== undefined) ctx.metric(TRAIN_METRICS.relL2, m.step, relL2);
        if (relL2Linear !== undefined) ctx.metric(TRAIN_METRICS.relL2Linear, m.step, relL2Linear);
        if (relL2Nearest !== undefined) {
          ctx.metric(TRAIN_METRICS.relL2Nearest, m.step, relL2Nearest);
        }
      }
      if (options.snapshotEvery > 0 && m.step % options.snapshotEvery === 0) snapshotDue = true;
      ctx.progress(
        m.step / options.steps,
        `Step ${m.step} of ${options.steps} · loss ${m.loss.toPrecision(3)}`,
      );
    };

    await writeRun('running');
    try {
      await t.run({
        onMetrics,
        onCheckpoint: saveCheckpoint,
        yieldStep: async () => {
          if (snapshotDue) {
            snapshotDue = false;
            await snapshot();
          }
          await ctx.step();
        },
        // Pictures are taken between steps at these steps: their metrics must be in by then.
        syncAt: (at) => options.snapshotEvery > 0 && at % options.snapshotEvery === 0,
        pause: async (flush) => {
          if (!ctx.paused) return;
          await flush();
          await saveCheckpoint(step);
          await writeRun('paused');
          ctx.progress(step / options.steps, `Paused at step ${step} (checkpoint saved)`);
          await ctx.whilePaused();
          await writeRun('running');
        },
      });
    } catch (error) {
      if (error instanceof JobCancelledError) {
        await writeRun('stopped');
      } else {
        await writeRun('failed', errorMessage(error));
      }
      throw error;
    }
    await snapshot();
    await saveCheckpoint(step);
    await writeRun('done');
    ctx.progress(1, `Trained ${step} steps`);
    return { runId, step, loss, checkpointId, finalMetrics };
  } finally {
    training?.dispose();
    storage.close();
  }
}
