/**
 * What a stored training run is: a summary for the runs table (model, config, training options,
 * dataset, status, steps, final loss and validation metrics, latest checkpoint) and its history
 * (loss and learning rate per step, each validation metric by the model's own id) for the curves.
 * Runs written before the model registry (MAE only) are upgraded as they are read.
 */
import { readTrainOptions, type TrainOptions } from '../models/trainOptions';
import {
  count,
  finite,
  flatSettings,
  numberMap,
  numbers,
  oneOf,
  plainObject,
  string,
  type Fields,
} from './recordFields';

/** Marks a run as one of a hyperparameter sweep's: the sweep and the parameter ids it varied. */
export interface RunSweepTag {
  id: string;
  name: string;
  /** `options.<name>` or `config.<name>`, in the order the sweep listed them. */
  params: string[];
}

export const RUN_STATUSES = ['running', 'paused', 'stopped', 'done', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunRecordMeta {
  modelId: string;
  config: Record<string, number | string | boolean>;
  options: TrainOptions;
  datasetId: string;
  datasetName: string;
  /** Running or paused as last written: after a reload such a run can be resumed. */
  status: RunStatus;
  /** Steps completed. */
  step: number;
  startedAt: number;
  updatedAt: number;
  /** The last step's training loss. */
  finalLoss?: number;
  /** The last validation, by the model's metric ids (MAE: relL2, relL2Linear, relL2Nearest, mse). */
  finalMetrics?: Record<string, number>;
  latestCheckpointId?: string;
  /** Why it failed. */
  error?: string;
  /** Set on the runs a hyperparameter sweep launched. */
  sweep?: RunSweepTag;
}

export interface RunHistory {
  /** One entry per completed step. */
  step: number[];
  loss: number[];
  lr: number[];
  /** One entry per validation. */
  valStep: number[];
  /** Per validation metric id, one entry per validation (NaN where it was not measured). */
  val: Record<string, number[]>;
}

export interface RunRecordPayload {
  history: RunHistory;
}

export function emptyHistory(): RunHistory {
  return { step: [], loss: [], lr: [], valStep: [], val: {} };
}

/** Appends one validation's metrics; metrics it lacks get NaN, new ones NaN for earlier ones. */
export function pushValidation(
  history: RunHistory,
  step: number,
  metrics: Readonly<Record<string, number>>,
): void {
  const before = history.valStep.length;
  history.valStep.push(step);
  for (const id of new Set([...Object.keys(history.val), ...Object.keys(metrics)])) {
    const values = (history.val[id] ??= new Array<number>(before).fill(Number.NaN));
    values.push(metrics[id] ?? Number.NaN);
  }
}

/** The history up to `step` (a run resumed from an older checkpoint forgets the rest). */
export function historyUpTo(history: RunHistory, step: number): RunHistory {
  const keep = history.step.filter((s) => s <= step).length;
  const keepVal = history.valStep.filter((s) => s <= step).length;
  return {
    step: history.step.slice(0, keep),
    loss: history.loss.slice(0, keep),
    lr: history.lr.slice(0, keep),
    valStep: history.valStep.slice(0, keepVal),
    val: Object.fromEntries(
      Object.entries(history.val).map(([id, values]) => [id, values.slice(0, keepVal)]),
    ),
  };
}

function parseOptions(value: unknown): TrainOptions {
  const fields = plainObject(value, '"options"');
  return readTrainOptions(fields);
}

function optional<T>(fields: Fields, name: string, read: () => T): T | undefined {
  return fields[name] === undefined ? undefined : read();
}

export function parseRunRecordMeta(value: unknown): RunRecordMeta {
  const meta = plainObject(value, 'meta');
  const parsed: RunRecordMeta = {
    modelId: string(meta, 'modelId'),
    config: flatSettings(meta.config, 'config'),
    options: parseOptions(meta.options),
    datasetId: string(meta, 'datasetId'),
    datasetName: string(meta, 'datasetName'),
    status: oneOf(meta, 'status', RUN_STATUSES),
    step: count(meta, 'step'),
    startedAt: finite(meta, 'startedAt'),
    updatedAt: finite(meta, 'updatedAt'),
  };
  const finalLoss = optional(meta, 'finalLoss', () => finite(meta, 'finalLoss'));
  const finalMetrics = optional(meta, 'finalMetrics', () =>
    numberMap(meta.finalMetrics, 'finalMetrics'),
  );
  const latestCheckpointId = optional(meta, 'latestCheckpointId', () =>
    string(meta, 'latestCheckpointId'),
  );
  const error = optional(meta, 'error', () => string(meta, 'error'));
  const sweep = optional(meta, 'sweep', () => parseSweepTag(meta.sweep));
  return {
    ...parsed,
    ...(finalLoss === undefined ? {} : { finalLoss }),
    ...(finalMetrics === undefined ? {} : { finalMetrics }),
    ...(latestCheckpointId === undefined ? {} : { latestCheckpointId }),
    ...(error === undefined ? {} : { error }),
    ...(sweep === undefined ? {} : { sweep }),
  };
}

function parseSweepTag(value: unknown): RunSweepTag {
  const tag = plainObject(value, '"sweep"');
  const params = tag.params;
  if (!Array.isArray(params) || !params.every((p) => typeof p === 'string')) {
    throw new Error('"sweep.params" should be a list of parameter names');
  }
  return { id: string(tag, 'id'), name: string(tag, 'name'), params: [...params] as string[] };
}

export function parseRunRecordPayload(value: unknown): RunRecordPayload {
  const payload = plainObject(value, 'payload');
  const h = plainObject(payload.history, '"history"');
  const history: RunHistory = {
    step: numbers(h, 'step'),
    loss: numbers(h, 'loss'),
    lr: numbers(h, 'lr'),
    valStep: numbers(h, 'valStep'),
    val: h.val === undefined ? legacyValidation(h) : numberLists(h.val),
  };
  if (history.loss.length !== history.step.length || history.lr.length !== history.step.length) {
    throw new Error('the history has steps, losses and learning rates of different lengths');
  }
  if (Object.values(history.val).some((values) => values.length !== history.valStep.length)) {
    throw new Error('the history has validation steps and values of different lengths');
  }
  return { history };
}

/** Runs written before the registry kept the MAE's validation loss and error in two lists. */
function legacyValidation(h: Fields): Record<string, number[]> {
  return { mse: numbers(h, 'valLoss'), relL2: numbers(h, 'valRelL2') };
}

function numberLists(value: unknown): Record<string, number[]> {
  const lists = plainObject(value, '"history.val"');
  return Object.fromEntries(Object.keys(lists).map((id) => [id, numbers(lists, id)]));
}
