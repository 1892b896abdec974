/**
 * Puts the pretrained models the site ships (public/pretrained/, made by `npm run pretrain`) into
 * lab storage, each as a finished run with its checkpoint under its model's pretrained run id, so
 * every panel lists it like a model the user trained: the Mask panel reconstructs with the MAE's,
 * Results scores it, Train overlays its curves. Each model that ships one says how in its runtime
 * (`pretrained`). Runs in the worker, where a checkpoint is decoded and checked before it is kept.
 */
import { MODEL_IDS } from '../../models/catalog';
import { decodeCheckpoint } from '../../models/nn/checkpoint';
import { pretrainedRunId } from '../../models/pretrained';
import { modelRuntime } from '../../models/registry';
import type { ModelRuntime } from '../../models/runtime';
import { checkpointIdOf } from '../../storage/checkpointRecords';
import type { LabStorage } from '../../storage/labStorage';
import { emptyHistory, pushValidation, type RunRecordMeta } from '../../storage/runRecords';
import { errorMessage } from '../../util/errorMessage';
import type { PretrainedInstall, ShippedInstall } from './config';

/** Where a shipped model was trained: a dataset made in Node, not one saved in this browser. */
const PRETRAINING_DATASET_ID = 'pretraining-data';

/**
 * Installs every shipped model; one that is broken does not keep the others out. `directoryUrl`
 * is the absolute URL of the pretrained directory, ending in '/'.
 */
export async function installPretrained(
  directoryUrl: string,
  openStorage: () => Promise<LabStorage>,
  fetchFile: typeof fetch = fetch,
  runtimes: readonly ModelRuntime[] = MODEL_IDS.map(modelRuntime),
): Promise<PretrainedInstall> {
  const result: PretrainedInstall = { installed: [], problems: [] };
  for (const runtime of runtimes) {
    if (!runtime.pretrained) continue;
    try {
      const install = await installShippedModel(runtime, directoryUrl, openStorage, fetchFile);
      if (install.status !== 'absent') result.installed.push(install);
    } catch (error) {
      result.problems.push(errorMessage(error));
    }
  }
  return result;
}

/**
 * One model's shipped checkpoint. Resolves `absent` when the site has no manifest for it; throws,
 * in words, when what it has is broken.
 */
export async function installShippedModel(
  runtime: ModelRuntime,
  directoryUrl: string,
  openStorage: () => Promise<LabStorage>,
  fetchFile: typeof fetch = fetch,
): Promise<ShippedInstall> {
  const shipping = runtime.pretrained;
  if (!shipping) return { status: 'absent' };
  const modelId = runtime.info.id;
  const manifestResponse = await fetchFile(new URL(shipping.manifestFile, directoryUrl));
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
  const manifest = shipping.parseManifest(manifestJson);
  const runId = pretrainedRunId(modelId);
  const checkpointId = checkpointIdOf(runId);
  const createdAt = Date.parse(manifest.createdAt);
  const storage = await openStorage();
  try {
    const existing = await storage.runs.list();
    const run = existing.records.find((r) => r.id === runId);
    const checkpoints = await storage.checkpoints.list();
    if (
      run?.meta.startedAt === createdAt &&
      checkpoints.records.some((c) => c.id === checkpointId)
    ) {
      return { modelId, status: 'current', manifest, checkpointId };
    }

    const response = await fetchFile(new URL(manifest.checkpoint, directoryUrl));
    if (!response.ok) {
      throw new Error(`The pretrained checkpoint cannot be fetched (HTTP ${response.status}).`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    let checkpoint;
    try {
      checkpoint = decodeCheckpoint(bytes, { modelId });
      runtime.checkpointSettings(checkpoint);
    } catch (error) {
      throw new Error(`The shipped pretrained checkpoint is damaged: ${errorMessage(error)}`);
    }
    const { name, options, history: curves, finalMetrics } = shipping.run(manifest, checkpoint);
    const history = { ...emptyHistory(), step: curves.step, loss: curves.loss, lr: curves.lr };
    for (const { step, metrics } of curves.validations) pushValidation(history, step, metrics);
    const meta: RunRecordMeta = {
      modelId,
      config: { ...manifest.config },
      options,
      datasetId: PRETRAINING_DATASET_ID,
      datasetName: manifest.training.data,
      status: 'done',
      step: checkpoint.step,
      startedAt: createdAt,
      updatedAt: createdAt,
      ...(history.loss.length ? { finalLoss: history.loss.at(-1)! } : {}),
      ...(finalMetrics ? { finalMetrics } : {}),
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
        runId,
        datasetId: PRETRAINING_DATASET_ID,
        createdAt,
      },
      payload: { bytes },
    });
    await storage.runs.put({ id: runId, name, meta, payload: { history } });
    return { modelId, status: 'installed', manifest, checkpointId };
  } finally {
    storage.close();
  }
}
