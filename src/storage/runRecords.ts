/**
 * What a stored training run is: a summary for the runs table (model, config, training options,
 * dataset, status, steps, final loss and masked-region errors, latest checkpoint) and its history
 * (loss and learning rate per step, validation per validation step) for the loss curves.
 */
import type { TrainOptions } from '../runtime/jobs/trainModelConfig';
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
  /** The last validation: relL2 (MAE), relL2Linear, relL2Nearest, mse. */
  finalMetrics?: Record<string, number>;
  latestCheckpointId?: string;
  /** Why it failed. */
  error?: string;
}

export interface RunHistory {
  /** One entry per completed step. */
  step: number[];
  loss: number[];
  lr: number[];
  /** One entry per validation. */
  valStep: number[];
  valLoss: number[];
  valRelL2: number[];
}

export interface RunRecordPayload {
  history: RunHistory;
}

export function emptyHistory(): RunHistory {
  return { step: [], loss: [], lr: [], valStep: [], valLoss: [], valRelL2: [] };
}

const OPTION_TYPES: Record<keyof TrainOptions, 'number' | 'boolean' | 'schedule'> = {
  steps: 'number',
  batchSize: 'number',
  peakLr: 'number',
  schedule: 'schedule',
  warmupFraction: 'number',
  weightDecay: 'number',
  clipNorm: 'number',
  augment: 'boolean',
  seed: 'number',
  validateEvery: 'number',
  checkpointEvery: 'number',
  snapshotEvery: 'number',
};

function parseOptions(value: unknown): TrainOptions {
  const fields = plainObject(value, '"options"');
  for (const [name, type] of Object.entries(OPTION_TYPES)) {
    if (type === 'number') finite(fields, name);
    else if (type === 'boolean' && typeof fields[name] !== 'boolean') {
      throw new Error(`"options.${name}" should be a yes/no`);
    } else if (type === 'schedule') oneOf(fields, name, ['one-cycle', 'warmup-cosine']);
  }
  return Object.fromEntries(
    Object.keys(OPTION_TYPES).map((name) => [name, fields[name]]),
  ) as unknown as TrainOptions;
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
  return {
    ...parsed,
    ...(finalLoss === undefined ? {} : { finalLoss }),
    ...(finalMetrics === undefined ? {} : { finalMetrics }),
    ...(latestCheckpointId === undefined ? {} : { latestCheckpointId }),
    ...(error === undefined ? {} : { error }),
  };
}

export function parseRunRecordPayload(value: unknown): RunRecordPayload {
  const payload = plainObject(value, 'payload');
  const h = plainObject(payload.history, '"history"');
  const history: RunHistory = {
    step: numbers(h, 'step'),
    loss: numbers(h, 'loss'),
    lr: numbers(h, 'lr'),
    valStep: numbers(h, 'valStep'),
    valLoss: numbers(h, 'valLoss'),
    valRelL2: numbers(h, 'valRelL2'),
  };
  if (history.loss.length !== history.step.length || history.lr.length !== history.step.length) {
    throw new Error('the history has steps, losses and learning rates of different lengths');
  }
  if (
    history.valLoss.length !== history.valStep.length ||
    history.valRelL2.length !== history.valStep.length
  ) {
    throw new Error('the history has validation steps and values of different lengths');
  }
  return { history };
}
