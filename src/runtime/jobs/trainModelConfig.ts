/** The training job's parameters and result: plain data the UI may import. */
import type { ModelId } from '../../models/catalog';
import type { TrainOptions } from '../../models/trainOptions';
import type { RunSweepTag } from '../../storage/runRecords';

export interface TrainModelParams {
  /** The run record this job writes (created on a fresh start, continued on resume). */
  runId: string;
  /** A name for the run, shown in the runs table. */
  runName: string;
  modelId: ModelId;
  /** The model's settings (its catalog entry's schema values). */
  config: Record<string, number | string | boolean>;
  datasetId: string;
  options: TrainOptions;
  /** Continue this checkpoint's run: its weights, optimizer, step and history. */
  resumeFromCheckpointId?: string;
  /** The hyperparameter sweep this run belongs to, kept in its record. */
  sweep?: RunSweepTag;
}

export interface TrainModelResult {
  runId: string;
  step: number;
  loss: number;
  checkpointId: string;
  /** The last validation, by the model's metric ids. */
  finalMetrics: Record<string, number>;
}

/** Metric names the job emits once per step. */
export const STEP_METRICS = {
  loss: 'loss',
  lr: 'lr',
  gradNorm: 'gradNorm',
  stepMs: 'stepMs',
  samplesPerSecond: 'samplesPerSecond',
} as const;

const VALIDATION_PREFIX = 'val.';

/** The event name of one of the model's validation metrics. */
export function validationMetricName(id: string): string {
  return VALIDATION_PREFIX + id;
}

/** The model's metric id of a validation event name, or undefined for a per-step metric. */
export function validationMetricId(name: string): string | undefined {
  return name.startsWith(VALIDATION_PREFIX) ? name.slice(VALIDATION_PREFIX.length) : undefined;
}
