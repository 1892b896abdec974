/**
 * A run and its checkpoint as one file (`.ckpt`): the checkpoint's own encoding
 * (models/nn/checkpoint, what `npm run pretrain` writes and `npm run evaluate` reads) with the run
 * record in its header's `run`. Export reads both records; import checks the whole file before it
 * writes anything and never replaces what is stored: a run or checkpoint id already in use gets a
 * new one. Decoding needs no tfjs, but the model check the import is given may (the worker's).
 */
import {
  decodeCheckpoint,
  encodeCheckpoint,
  type Checkpoint,
  type CheckpointRun,
  type Json,
} from '../models/nn/checkpoint';
import { checkpointIdOf } from './checkpointRecords';
import { checkpointFileName } from './checkpointFileName';
import { errorMessage } from '../util/errorMessage';
import type { LabStorage } from './labStorage';
import { newRecordId } from './recordId';
import { plainObject, string } from './recordFields';
import {
  parseRunRecordMeta,
  parseRunRecordPayload,
  type RunHistory,
  type RunRecordMeta,
} from './runRecords';

/** What a file's `run` says it is, and the version of its layout. */
export const RUN_FILE_FORMAT = 'pde-lab-run';
export const RUN_FILE_VERSION = 1;

/** A run as the file carries it: enough to list, compare and resume it in another lab. */
export interface FileRun {
  /** The id it had where it was exported; kept on import unless one in use clashes with it. */
  id: string;
  name: string;
  meta: RunRecordMeta;
  history: RunHistory;
}

export interface CheckpointFileExport {
  /** Suggested from the run's name, ending in `.ckpt`. */
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportedRun {
  runId: string;
  runName: string;
  checkpointId: string;
  step: number;
  /** True when the file's run id was in use here, so the run was added under a new one. */
  copy: boolean;
}

/** Checks that a checkpoint's model is one the lab can build and that its weights fit it. */
export type ModelCheck = (checkpoint: Checkpoint) => void;

/** NaN and ±Infinity have no JSON form; they travel as null (a metric that was not computed). */
const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
const nullToNaN = (v: unknown): unknown => (v === null ? Number.NaN : v);

/** The run record as the file's `run`: JSON, with non-finite numbers as null. */
export function runToFile(run: FileRun): CheckpointRun {
  // The checkpoint id of this browser means nothing in another one.
  const { latestCheckpointId: _stored, finalMetrics, ...meta } = run.meta;
  const { val, ...perStep } = run.history;
  const toJson = (lists: Record<string, number[]>) =>
    Object.fromEntries(
      Object.entries(lists).map(([key, values]) => [key, values.map(finiteOrNull)]),
    );
  const history = { ...toJson(perStep), val: toJson(val) };
  return {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    id: run.id,
    name: run.name,
    meta: {
      ...(meta as unknown as { [key: string]: Json }),
      ...(finalMetrics
        ? {
            finalMetrics: Object.fromEntries(
              Object.entries(finalMetrics).map(([key, v]) => [key, finiteOrNull(v)]),
            ),
          }
        : {}),
    },
    history,
  };
}

/** Reads and checks a file's `run`; throws an Error saying what is wrong. */
export function runFromFile(run: CheckpointRun): FileRun {
  try {
    const fields = plainObject(run, 'the run record');
    if (fields.format !== RUN_FILE_FORMAT) throw new Error('it is not a PDE Lab run record');
    const version = fields.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new Error('its version is missing');
    }
    if (version > RUN_FILE_VERSION) {
      throw new Error(
        `it was written by a newer lab (run record version ${version}; this lab reads up to ${RUN_FILE_VERSION})`,
      );
    }
    const id = string(fields, 'id');
    const name = string(fields, 'name').trim();
    if (!id || !name) throw new Error('it has no id or no name');
    const meta = plainObject(fields.meta, '"meta"');
    const finalMetrics =
      meta.finalMetrics === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(plainObject(meta.finalMetrics, '"finalMetrics"')).map(([k, v]) => [
              k,
              nullToNaN(v),
            ]),
          );
    const fromJson = (lists: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(lists).map(([k, v]) => [k, Array.isArray(v) ? v.map(nullToNaN) : v]),
      );
    const stored = plainObject(fields.history, '"history"');
    const history = {
      ...fromJson(stored),
      ...(stored.val === undefined
        ? {}
        : { val: fromJson(plainObject(stored.val, '"history.val"')) }),
    };
    return {
      id,
      name,
      meta: parseRunRecordMeta({ ...meta, ...(finalMetrics ? { finalMetrics } : {}) }),
      history: parseRunRecordPayload({ history }).history,
    };
  } catch (error) {
    throw new Error(`The file’s run record is invalid: ${errorMessage(error)}.`);
  }
}

/** A stored run with its latest checkpoint, as the bytes of one file. */
export async function exportRunFile(
  storage: LabStorage,
  runId: string,
): Promise<CheckpointFileExport> {
  const run = await storage.runs.get(runId);
  if (!run) throw new Error('This run is no longer saved in this browser.');
  const checkpointId = run.summary.meta.latestCheckpointId ?? checkpointIdOf(runId);
  const saved = await storage.checkpoints.get(checkpointId);
  if (!saved) throw new Error('This run has no saved checkpoint yet: there is no model to export.');
  const checkpoint = decodeCheckpoint(saved.payload.bytes);
  const name = run.summary.name;
  const fileRun = runToFile({
    id: runId,
    name,
    meta: run.summary.meta,
    history: run.payload.history,
  });
  return {
    fileName: checkpointFileName(name),
    bytes: encodeCheckpoint({ ...checkpoint, run: fileRun }),
  };
}

/**
 * Adds the run and checkpoint of a file to storage. Everything is checked first (the encoding,
 * the run record, the model by `checkModel`); a failure throws and leaves storage as it was.
 */
export async function importRunFile(
  storage: LabStorage,
  bytes: Uint8Array,
  checkModel: ModelCheck,
): Promise<ImportedRun> {
  const checkpoint = decodeCheckpoint(bytes);
  if (!checkpoint.run) {
    throw new Error(
      'This checkpoint holds a model but no run record (files made by `npm run pretrain` have none). ' +
        'Import a file exported from a runs table.',
    );
  }
  const file = runFromFile(checkpoint.run);
  if (file.meta.modelId !== checkpoint.modelId) {
    throw new Error(
      `The file is inconsistent: its run trained model "${file.meta.modelId}" but its checkpoint holds model "${checkpoint.modelId}".`,
    );
  }
  checkModel(checkpoint);

  const [runs, checkpoints] = await Promise.all([storage.runs.list(), storage.checkpoints.list()]);
  const used = new Set(
    [runs, checkpoints].flatMap((list) => [
      ...list.records.map((r) => r.id),
      ...list.skipped.map((s) => s.id),
    ]),
  );
  const copy = used.has(file.id) || used.has(checkpointIdOf(file.id));
  const runId = copy ? newRecordId() : file.id;
  const runName = copy ? `${file.name} (copy)` : file.name;
  const checkpointId = checkpointIdOf(runId);
  const status = ['running', 'paused'].includes(file.meta.status) ? 'stopped' : file.meta.status;
  // Stored without the run, which lives in its own record here.
  const { run: _fileRun, ...stored } = checkpoint;

  await storage.checkpoints.put({
    id: checkpointId,
    name: `${runName} · step ${checkpoint.step}`,
    meta: {
      modelId: checkpoint.modelId,
      modelVersion: checkpoint.modelVersion,
      config: plainObject(checkpoint.config, 'the checkpoint’s config'),
      step: checkpoint.step,
      runId,
      datasetId: file.meta.datasetId,
      createdAt: Date.now(),
    },
    payload: { bytes: encodeCheckpoint(stored) },
  });
  try {
    await storage.runs.put({
      id: runId,
      name: runName,
      meta: { ...file.meta, status, latestCheckpointId: checkpointId },
      payload: { history: file.history },
    });
  } catch (error) {
    // Keep nothing of a half-done import.
    await storage.checkpoints.delete(checkpointId).catch(() => {});
    throw error;
  }
  return { runId, runName, checkpointId, step: checkpoint.step, copy };
}
