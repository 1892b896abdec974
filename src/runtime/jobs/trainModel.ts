/**
 * The training job, for any model of the registry: reads a saved dataset (train split to learn
 * from, val split to validate on), builds the model's trainer fresh or restores it from a
 * checkpoint, and runs nn's generic training with live metrics, snapshots of the model at work on
 * fixed validation samples, pause/resume, checkpoints in IndexedDB and a run record that keeps the
 * history and the outcome.
 */
import { checkTrainable } from '../../data/io/nonFinite';
import { datasetSplits } from '../../data/trajectories';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '../../models/nn/checkpoint';
import type { StepMetrics } from '../../models/nn/trainLoop';
import { createTraining, type Training } from '../../models/nn/training';
import { modelRuntime } from '../../models/registry';
import type { ModelTrainer } from '../../models/runtime';
import { checkpointIdOf } from '../../storage/checkpointRecords';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import {
  emptyHistory,
  historyUpTo,
  pushValidation,
  type RunRecordMeta,
  type RunStatus,
} from '../../storage/runRecords';
import { errorMessage } from '../../util/errorMessage';
import { JobCancelledError, type JobContext } from '../jobRunner';
import {
  STEP_METRICS,
  validationMetricName,
  type TrainModelParams,
  type TrainModelResult,
} from './trainModelConfig';

export async function trainModel(
  params: TrainModelParams,
  ctx: JobContext,
  openStorage: () => Promise<LabStorage> = () => openLabStorage(),
): Promise<TrainModelResult> {
  const { runId, options, config } = params;
  const runtime = modelRuntime(params.modelId);
  ctx.progress(0, 'Reading the dataset');
  const storage = await openStorage();
  let trainer: ModelTrainer | undefined;
  let training: Training | undefined;
  try {
    const dataset = await storage.datasets.get(params.datasetId);
    if (!dataset) throw new Error('The chosen dataset is no longer saved in this browser.');
    const { meta } = dataset.summary;
    checkTrainable(meta);
    const problem = runtime.datasetProblem(meta, config);
    if (problem) throw new Error(`${runtime.info.title} cannot train on this dataset: ${problem}`);
    const splits = datasetSplits(meta, dataset.payload);

    let checkpoint: Checkpoint | undefined;
    let history = emptyHistory();
    let startedAt = Date.now();
    if (params.resumeFromCheckpointId) {
      const saved = await storage.checkpoints.get(params.resumeFromCheckpointId);
      if (!saved) throw new Error('The run’s checkpoint is no longer saved in this browser.');
      checkpoint = decodeCheckpoint(saved.payload.bytes, { modelId: params.modelId });
      const run = await storage.runs.get(runId);
      if (run) {
        history = historyUpTo(run.payload.history, checkpoint.step);
        startedAt = run.summary.meta.startedAt;
      }
    }

    ctx.progress(0, checkpoint ? `Restoring step ${checkpoint.step}` : 'Building the model');
    trainer = runtime.createTrainer({ config, options, meta, ...splits });
    training = createTraining(trainer, {
      steps: options.steps,
      batchSize: options.batchSize,
      peakLr: options.peakLr,
      schedule: options.schedule,
      pctStart: options.warmupFraction,
      warmupSteps: Math.round(options.warmupFraction * options.steps),
      weightDecay: options.weightDecay,
      clipNorm: options.clipNorm > 0 ? options.clipNorm : undefined,
      validateEvery: options.validateEvery,
      checkpointEvery: options.checkpointEvery,
      resume: checkpoint,
    });
    const t = training;
    const model = trainer;
    const checkpointId = checkpointIdOf(runId);
    let step = t.startStep;
    let loss = history.loss.at(-1) ?? Number.NaN;
    let finalMetrics: Record<string, number> = {};
    let savedStep = checkpoint?.step ?? -1;
    let snapshotDue = true;

    const writeRun = async (status: RunStatus, error?: string) => {
      const runMeta: RunRecordMeta = {
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
        ...(params.sweep ? { sweep: params.sweep } : {}),
      };
      await storage.runs.put({
        id: runId,
        name: params.runName,
        meta: runMeta,
        payload: { history },
      });
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

    const snapshot = async () => ctx.snapshot(step, await model.snapshot());

    const onMetrics = (m: StepMetrics) => {
      step = m.step;
      loss = m.loss;
      history.step.push(m.step);
      history.loss.push(m.loss);
      history.lr.push(m.lr);
      ctx.metric(STEP_METRICS.loss, m.step, m.loss);
      ctx.metric(STEP_METRICS.lr, m.step, m.lr);
      ctx.metric(STEP_METRICS.gradNorm, m.step, m.gradNorm);
      // The step's share of its read window, device time included: on a GPU `stepMs` is mostly
      // the time to queue the work, and the panel's step time should agree with samples/s.
      ctx.metric(STEP_METRICS.stepMs, m.step, m.meanStepMs);
      ctx.metric(STEP_METRICS.samplesPerSecond, m.step, m.samplesPerSecond);
      if (m.validation) {
        finalMetrics = { ...m.validation };
        pushValidation(history, m.step, m.validation);
        for (const [id, value] of Object.entries(m.validation)) {
          ctx.metric(validationMetricName(id), m.step, value);
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
    trainer?.dispose();
    storage.close();
  }
}
