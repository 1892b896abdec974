/**
 * Puts the pretrained MAE the site ships (public/pretrained/, made by `npm run pretrain -- mae`)
 * into lab storage as a finished run with its checkpoint, so every panel lists it like a model
 * the user trained: the Mask panel reconstructs with it, Results scores it, Train overlays its
 * curves. Runs in the worker, where the checkpoint can be decoded and checked before it is kept.
 */
import { decodeCheckpoint } from '../../models/nn/checkpoint';
import { oneCycleSchedule } from '../../models/nn/schedules';
import { MAE_MODEL_ID, readMaeCheckpointConfig } from '../../models/mae/checkpoint';
import {
  parsePretrainedManifest,
  PRETRAIN_SCHEDULE,
  PRETRAINED_MAE_MANIFEST,
} from '../../models/mae/pretrained';
import type { LabStorage } from '../../storage/labStorage';
import {
  emptyHistory,
  pushValidation,
  type RunHistory,
  type RunRecordMeta,
} from '../../storage/runRecords';
import { errorMessage } from '../../util/errorMessage';
import type { TrainOptions } from '../../models/trainOptions';
import { checkpointIdOf } from '../../storage/checkpointRecords';
import { PRETRAINED_RUN_ID, type PretrainedInstall } from './config';

/** Where the shipped model was trained: a dataset made in Node, not one saved in this browser. */
const PRETRAINING_DATASET_ID = 'pretraining-data';

interface ValidationEntry {
  step?: unknown;
  relL2?: unknown;
  mse?: unknown;
}

/**
 * `directoryUrl` is the absolute URL of the pretrained directory, ending in '/'. Resolves
 * `absent` when the site has no manifest; throws, in words, when what it has is broken.
 */
export async function installPretrained(
  directoryUrl: string,
  openStorage: () => Promise<LabStorage>,
  fetchFile: typeof fetch = fetch,
): Promise<PretrainedInstall> {
  const manifestResponse = await fetchFile(new URL(PRETRAINED_MAE_MANIFEST, directoryUrl));
  if (manifestResponse.status === 404) return { status: 'absent' };
  if (!manifestResponse.ok) {
    throw new Error(`The pretrained model cannot be fetched (HTTP ${manifestResponse.status}).`);
  }
  let manifestJson: unknown;
  try {
    manifestJson = await manifestResponse.json();
  } catch {
    // A dev server or host may answer a missing file with its HTML page instead of a 404.
    return { status: 'absent' };
  }
  const manifest = parsePretrainedManifest(manifestJson);
  const checkpointId = checkpointIdOf(PRETRAINED_RUN_ID);
  const createdAt = Date.parse(manifest.createdAt);
  const storage = await openStorage();
  try {
    const existing = await storage.runs.list();
    const run = existing.records.find((r) => r.id === PRETRAINED_RUN_ID);
    const checkpoints = await storage.checkpoints.list();
    if (
      run?.meta.startedAt === createdAt &&
      checkpoints.records.some((c) => c.id === checkpointId)
    ) {
      return { status: 'current', manifest, checkpointId };
    }

    const response = await fetchFile(new URL(manifest.checkpoint, directoryUrl));
    if (!response.ok) {
      throw new Error(`The pretrained checkpoint cannot be fetched (HTTP ${response.status}).`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    let checkpoint;
    try {
      checkpoint = decodeCheckpoint(bytes, { modelId: MAE_MODEL_ID });
      readMaeCheckpointConfig(checkpoint);
    } catch (error) {
      throw new Error(`The shipped pretrained checkpoint is damaged: ${errorMessage(error)}`);
    }
    const history = pretrainingHistory(checkpoint.history, manifest.training);
    const last = history.valStep.length - 1;
    const name = `Pretrained ${manifest.preset} MAE (ships with the lab)`;
    const options: TrainOptions = {
      schedule: PRETRAIN_SCHEDULE.schedule,
      warmupFraction: PRETRAIN_SCHEDULE.pctStart,
      weightDecay: PRETRAIN_SCHEDULE.weightDecay,
      clipNorm: 0,
      steps: manifest.training.steps,
      batchSize: manifest.training.batchSize,
      peakLr: manifest.training.peakLr,
      seed: manifest.training.seed,
      validateEvery: 0,
      checkpointEvery: 0,
      snapshotEvery: 0,
    };
    const all = manifest.errors.find((row) => row.id === 'all');
    const meta: RunRecordMeta = {
      modelId: MAE_MODEL_ID,
      config: { ...manifest.config },
      options,
      datasetId: PRETRAINING_DATASET_ID,
      datasetName: manifest.training.data,
      status: 'done',
      step: checkpoint.step,
      startedAt: createdAt,
      updatedAt: createdAt,
      ...(history.loss.length ? { finalLoss: history.loss.at(-1)! } : {}),
      ...(all
        ? {
            finalMetrics: {
              relL2: all.relL2,
              relL2Linear: all.relL2Linear,
              relL2Nearest: all.relL2Nearest,
              ...(last >= 0 && history.val.mse ? { mse: history.val.mse[last]! } : {}),
            },
          }
        : {}),
      latestCheckpointId: checkpointId,
    };
    await storage.checkpoints.put({
      id: checkpointId,
      name: `${name} · step ${checkpoint.step}`,
      meta: {
        modelId: checkpoint.modelId,
        modelVersion: checkpoint.modelVersion,
        config: checkpoint.config as Record<string, unknown>,
        step: checkpoint.step,
        runId: PRETRAINED_RUN_ID,
        datasetId: PRETRAINING_DATASET_ID,
        createdAt,
      },
      payload: { bytes },
    });
    await storage.runs.put({ id: PRETRAINED_RUN_ID, name, meta, payload: { history } });
    return { status: 'installed', manifest, checkpointId };
  } finally {
    storage.close();
  }
}

/**
 * The run history the Train panel draws, from the checkpoint's (loss per step and the held-out
 * validations) and the lr of MAE training's one-cycle schedule at each step.
 */
export function pretrainingHistory(
  saved: unknown,
  training: { steps: number; peakLr: number },
): RunHistory {
  const history = emptyHistory();
  const { loss, validation } = (saved ?? {}) as { loss?: unknown; validation?: unknown };
  const lr = oneCycleSchedule({
    maxLr: training.peakLr,
    totalSteps: training.steps,
    pctStart: PRETRAIN_SCHEDULE.pctStart,
    divFactor: PRETRAIN_SCHEDULE.divFactor,
    finalDivFactor: PRETRAIN_SCHEDULE.finalDivFactor,
  });
  if (Array.isArray(loss)) {
    loss.forEach((value, i) => {
      if (typeof value !== 'number') return;
      history.step.push(i + 1);
      history.loss.push(value);
      history.lr.push(lr(i));
    });
  }
  if (Array.isArray(validation)) {
    for (const entry of validation as ValidationEntry[]) {
      if (typeof entry?.step !== 'number' || typeof entry.relL2 !== 'number') continue;
      const { step, ...metrics } = entry;
      pushValidation(
        history,
        step,
        Object.fromEntries(
          Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === 'number'),
        ),
      );
    }
  }
  return history;
}
