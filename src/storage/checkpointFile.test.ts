import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAE_MODEL_ID,
  MAE_MODEL_VERSION,
  maeCheckpointConfig,
  maeFromCheckpoint,
} from '../models/mae/checkpoint';
import { MAE_PRESETS } from '../models/mae/config';
import { createMae } from '../models/mae/model';
import { AdamW } from '../models/nn/adamw';
import {
  captureCheckpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  type Checkpoint,
  type Json,
} from '../models/nn/checkpoint';
import { checkModelCheckpoint } from '../runtime/checkpointFiles';
import { checkpointIdOf } from './checkpointRecords';
import { savedModels } from '../state/savedModels';
import { exportRunFile, importRunFile, RUN_FILE_FORMAT } from './checkpointFile';
import { checkpointFileName } from './checkpointFileName';
import { deleteLabDb } from './db';
import { openLabStorage, type LabStorage } from './labStorage';
import type { RunHistory, RunRecordMeta } from './runRecords';
import { uniqueDbName } from './testDb';

const config = MAE_PRESETS.tiny.config;
const RUN_ID = 'run-1';
const RUN_NAME = 'MAE tiny on Heat equation, 6×8 at 32²';
let checkpoint: Checkpoint;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = createMae(config, { seed: 7 });
  const optimizer = new AdamW(model.params);
  checkpoint = await captureCheckpoint({
    modelId: MAE_MODEL_ID,
    modelVersion: MAE_MODEL_VERSION,
    config: maeCheckpointConfig(model),
    step: 10,
    params: model.params,
    optimizer,
    history: { loss: [0.5, 0.4] },
  });
  optimizer.dispose();
  model.dispose();
});

let dbName: string;
let storage: LabStorage;
const others: { name: string; storage: LabStorage }[] = [];

beforeEach(async () => {
  dbName = uniqueDbName();
  storage = await openLabStorage(dbName);
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of [{ name: dbName, storage }, ...others.splice(0)]) {
    s.storage.close();
    await deleteLabDb(s.name);
  }
});

async function freshStorage(): Promise<LabStorage> {
  const name = uniqueDbName();
  const opened = await openLabStorage(name);
  others.push({ name, storage: opened });
  return opened;
}

function runMeta(overrides: Partial<RunRecordMeta> = {}): RunRecordMeta {
  return {
    modelId: MAE_MODEL_ID,
    config: { ...config },
    options: {
      steps: 10,
      batchSize: 2,
      peakLr: 1e-3,
      schedule: 'one-cycle',
      warmupFraction: 0.2,
      weightDecay: 0.01,
      clipNorm: 1,
      seed: 0,
      validateEvery: 5,
      checkpointEvery: 5,
      snapshotEvery: 5,
    },
    datasetId: 'dataset-1',
    datasetName: 'Heat equation, 6×8 at 32²',
    status: 'done',
    step: 10,
    startedAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    finalLoss: 0.125,
    finalMetrics: { relL2: 0.5, relL2Linear: 0.6, relL2Nearest: Number.NaN },
    latestCheckpointId: checkpointIdOf(RUN_ID),
    ...overrides,
  };
}

const history: RunHistory = {
  step: [5, 10],
  loss: [0.25, 0.125],
  lr: [1e-3, 1e-4],
  valStep: [5, 10],
  val: { mse: [Number.NaN, 0.1], relL2: [0.7, 0.5] },
};

/** A trained run as the training job leaves it: the run and its latest checkpoint. */
async function saveRun(
  into: LabStorage,
  meta: RunRecordMeta = runMeta(),
  saved: Checkpoint = checkpoint,
): Promise<void> {
  await into.checkpoints.put({
    id: checkpointIdOf(RUN_ID),
    name: `${RUN_NAME} · step ${saved.step}`,
    meta: {
      modelId: saved.modelId,
      modelVersion: saved.modelVersion,
      config: saved.config as Record<string, unknown>,
      step: saved.step,
      runId: RUN_ID,
      datasetId: meta.datasetId,
      createdAt: 5,
    },
    payload: { bytes: encodeCheckpoint(saved) },
  });
  await into.runs.put({ id: RUN_ID, name: RUN_NAME, meta, payload: { history } });
}

async function exported(meta?: RunRecordMeta, saved?: Checkpoint): Promise<Uint8Array> {
  const source = await freshStorage();
  await saveRun(source, meta, saved);
  return (await exportRunFile(source, RUN_ID)).bytes;
}

async function counts(of: LabStorage = storage) {
  const [runs, checkpoints] = await Promise.all([of.runs.list(), of.checkpoints.list()]);
  return { runs: runs.records.length, checkpoints: checkpoints.records.length };
}

function sameWeights(a: Checkpoint, b: Checkpoint): boolean {
  return (
    a.weights.length === b.weights.length &&
    a.weights.every(
      (w, i) => w.name === b.weights[i]!.name && w.data.join() === b.weights[i]!.data.join(),
    )
  );
}

describe('checkpointFileName', () => {
  it('suggests a plain file name from the run name', () => {
    expect(checkpointFileName(RUN_NAME)).toBe('MAE-tiny-on-Heat-equation-6-8-at-32².ckpt');
    expect(checkpointFileName('Pretrained tiny MAE (ships with the lab)')).toBe(
      'Pretrained-tiny-MAE-ships-with-the-lab.ckpt',
    );
    expect(checkpointFileName('../../etc/passwd')).toBe('etc-passwd.ckpt');
    expect(checkpointFileName('Wärme équation')).toBe('Wärme-équation.ckpt');
    expect(checkpointFileName(' ?*/ ')).toBe('checkpoint.ckpt');
    expect(checkpointFileName('x'.repeat(200))).toBe(`${'x'.repeat(80)}.ckpt`);
  });
});

describe('exportRunFile', () => {
  it('writes the checkpoint with its run record, which the command-line tools load as ever', async () => {
    await saveRun(storage);
    const file = await exportRunFile(storage, RUN_ID);
    expect(file.fileName).toBe('MAE-tiny-on-Heat-equation-6-8-at-32².ckpt');

    // As `npm run evaluate -- --checkpoint F` reads it.
    const decoded = decodeCheckpoint(file.bytes);
    expect(sameWeights(decoded, checkpoint)).toBe(true);
    expect(decoded.optimizer?.m).toHaveLength(checkpoint.weights.length);
    const model = maeFromCheckpoint(decoded);
    expect(model.config).toEqual(config);
    model.dispose();

    const run = decoded.run as Record<string, Json>;
    expect(run).toMatchObject({ format: RUN_FILE_FORMAT, version: 1, id: RUN_ID, name: RUN_NAME });
    const meta = run.meta as Record<string, Json>;
    expect(meta).toMatchObject({ status: 'done', startedAt: 1_700_000_000_000, step: 10 });
    expect(meta).not.toHaveProperty('latestCheckpointId');
    // NaN has no JSON form: it travels as null.
    expect(meta.finalMetrics).toEqual({ relL2: 0.5, relL2Linear: 0.6, relL2Nearest: null });
    const val = (run.history as Record<string, Record<string, Json>>).val!;
    expect(val.mse).toEqual([null, 0.1]);
  });

  it('says why when the run or its checkpoint is gone', async () => {
    await expect(exportRunFile(storage, 'nothing')).rejects.toThrow(
      'This run is no longer saved in this browser.',
    );
    await saveRun(storage);
    await storage.checkpoints.delete(checkpointIdOf(RUN_ID));
    await expect(exportRunFile(storage, RUN_ID)).rejects.toThrow(/has no saved checkpoint yet/);
  });
});

describe('importRunFile', () => {
  it('adds the run and its checkpoint, listed among the saved models', async () => {
    const bytes = await exported();
    const before = tf.memory().numTensors;
    const imported = await importRunFile(storage, bytes, checkModelCheckpoint);
    expect(tf.memory().numTensors).toBe(before);
    expect(imported).toEqual({
      runId: RUN_ID,
      runName: RUN_NAME,
      checkpointId: checkpointIdOf(RUN_ID),
      step: 10,
      copy: false,
    });

    const run = await storage.runs.get(RUN_ID);
    expect(run?.summary.name).toBe(RUN_NAME);
    expect(run?.summary.meta).toEqual(runMeta());
    expect(run?.payload.history).toEqual(history);
    const saved = await storage.checkpoints.get(checkpointIdOf(RUN_ID));
    expect(saved?.summary.meta).toMatchObject({ runId: RUN_ID, step: 10, datasetId: 'dataset-1' });
    const stored = decodeCheckpoint(saved!.payload.bytes);
    expect(stored.run).toBeUndefined();
    expect(sameWeights(stored, checkpoint)).toBe(true);
    expect(stored.optimizer?.step).toBe(checkpoint.optimizer?.step);

    const [runs, checkpoints] = await Promise.all([
      storage.runs.list(),
      storage.checkpoints.list(),
    ]);
    expect(savedModels(runs.records, checkpoints.records)).toMatchObject([
      { checkpointId: checkpointIdOf(RUN_ID), runId: RUN_ID, runName: RUN_NAME, step: 10 },
    ]);
  });

  it('adds a copy under new ids instead of replacing a run that is already saved', async () => {
    await saveRun(storage);
    const original = await storage.checkpoints.get(checkpointIdOf(RUN_ID));
    const imported = await importRunFile(
      storage,
      (await exportRunFile(storage, RUN_ID)).bytes,
      checkModelCheckpoint,
    );
    expect(imported.copy).toBe(true);
    expect(imported.runId).not.toBe(RUN_ID);
    expect(imported.checkpointId).toBe(checkpointIdOf(imported.runId));
    expect(imported.runName).toBe(`${RUN_NAME} (copy)`);
    expect(await counts()).toEqual({ runs: 2, checkpoints: 2 });
    expect(await storage.checkpoints.get(checkpointIdOf(RUN_ID))).toEqual(original);
    const copy = await storage.runs.get(imported.runId);
    expect(copy?.summary.meta.latestCheckpointId).toBe(imported.checkpointId);
    expect((await storage.checkpoints.get(imported.checkpointId))?.summary.meta.runId).toBe(
      imported.runId,
    );
  });

  it('keeps a run exported mid-training as stopped: nothing runs it here', async () => {
    const bytes = await exported(runMeta({ status: 'paused', step: 10 }));
    await importRunFile(storage, bytes, checkModelCheckpoint);
    expect((await storage.runs.get(RUN_ID))?.summary.meta.status).toBe('stopped');
  });

  describe('refuses, storing nothing', () => {
    /** The import's error; the storage must be as empty as before. */
    async function refusal(bytes: Uint8Array): Promise<string> {
      const before = tf.memory().numTensors;
      const error: unknown = await importRunFile(storage, bytes, checkModelCheckpoint).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(await counts()).toEqual({ runs: 0, checkpoints: 0 });
      expect(tf.memory().numTensors).toBe(before);
      return (error as Error).message;
    }

    /** The exported file of a run whose checkpoint is edited by `edit`. */
    async function withCheckpoint(edit: (c: Checkpoint) => Checkpoint): Promise<Uint8Array> {
      const file = decodeCheckpoint(await exported());
      return encodeCheckpoint(edit(file));
    }

    it('a file that is not a checkpoint', async () => {
      expect(await refusal(new TextEncoder().encode('{"model": "mae"}'))).toMatch(
        /Not a PDE Lab checkpoint/,
      );
      expect(await refusal(new Uint8Array(3))).toMatch(/Not a checkpoint: only 3 bytes/);
    });

    it('a truncated or damaged file', async () => {
      const bytes = await exported();
      expect(await refusal(bytes.subarray(0, bytes.length - 100))).toMatch(/Truncated checkpoint/);
      expect(await refusal(bytes.subarray(0, 200))).toMatch(/Truncated checkpoint: the header/);
      const flipped = bytes.slice();
      flipped[bytes.length - 1000]! ^= 0x40;
      expect(await refusal(flipped)).toMatch(/Damaged checkpoint/);
    });

    it('a model the lab does not know', async () => {
      const bytes = await withCheckpoint((c) => ({
        ...c,
        modelId: 'fno',
        run: { ...c.run!, meta: { ...(c.run!.meta as Record<string, Json>), modelId: 'fno' } },
      }));
      expect(await refusal(bytes)).toMatch(/model of kind "fno", which this lab cannot load/);
    });

    it('a run and checkpoint of different models', async () => {
      const bytes = await withCheckpoint((c) => ({ ...c, modelId: 'fno' }));
      expect(await refusal(bytes)).toMatch(/its run trained model "mae" but its checkpoint holds/);
    });

    /** The exported file of a run whose checkpoint's MAE settings are changed. */
    const edited = (change: Record<string, Json>) =>
      withCheckpoint((c) => {
        const saved = c.config as { model: Record<string, Json>; channels: number };
        return { ...c, config: { ...saved, model: { ...saved.model, ...change } } };
      });

    it('a config the model does not have', async () => {
      expect(await refusal(await edited({ width: 'wide' }))).toMatch(
        /MAE-PDE\) settings are invalid: width/,
      );
      expect(await refusal(await edited({ positions: 'spiral' }))).toMatch(
        /MAE-PDE\) settings are invalid: positions/,
      );
    });

    it('weights that do not fit the config’s shapes', async () => {
      const wider = await edited({ width: 48 });
      expect(await refusal(wider)).toMatch(/does not fit this model: .*expected/);
      const dropped = await withCheckpoint(({ optimizer: _moments, ...c }) => ({
        ...c,
        weights: c.weights.slice(1),
      }));
      expect(await refusal(dropped)).toMatch(/does not fit this model: missing/);
    });

    it('a checkpoint without a run record, or with a broken one', async () => {
      expect(await refusal(encodeCheckpoint(checkpoint))).toMatch(
        /holds a model but no run record/,
      );
      const broken = await withCheckpoint((c) => ({
        ...c,
        run: { ...c.run!, history: { ...(c.run!.history as Record<string, Json>), loss: [1] } },
      }));
      expect(await refusal(broken)).toMatch(
        /run record is invalid: the history has steps, losses and learning rates of different lengths/,
      );
      const newer = await withCheckpoint((c) => ({ ...c, run: { ...c.run!, version: 9 } }));
      expect(await refusal(newer)).toMatch(/written by a newer lab/);
      const other = await withCheckpoint((c) => ({ ...c, run: { name: 'x', format: 'other' } }));
      expect(await refusal(other)).toMatch(/it is not a PDE Lab run record/);
    });

    it('a run that cannot be written, taking its checkpoint back out', async () => {
      const bytes = await exported();
      vi.spyOn(storage.runs, 'put').mockRejectedValue(new Error('disk on fire'));
      expect(await refusal(bytes)).toBe('disk on fire');
    });
  });
});
