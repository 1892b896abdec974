/** The training job's parameters and result: plain data the UI may import. */
import type { MaeConfig } from '../../models/mae/config';

export type TrainSchedule = 'one-cycle' | 'warmup-cosine';

/** How to train: the Train panel's settings, stored with every run. */
export interface TrainOptions {
  steps: number;
  batchSize: number;
  peakLr: number;
  schedule: TrainSchedule;
  /** One-cycle: share of steps rising to the peak; warm-up + cosine: share of warm-up steps. */
  warmupFraction: number;
  weightDecay: number;
  /** Global gradient-norm clipping; 0 turns it off. */
  clipNorm: number;
  /** MAE-PDE's Fourier-shift augmentation on half of the batches. */
  augment: boolean;
  seed: number;
  validateEvery: number;
  checkpointEvery: number;
  /** Steps between two reconstruction pictures of the fixed validation samples. */
  snapshotEvery: number;
}

export interface TrainModelParams {
  /** The run record this job writes (created on a fresh start, continued on resume). */
  runId: string;
  /** A name for the run, shown in the runs table. */
  runName: string;
  modelId: 'mae';
  config: MaeConfig;
  datasetId: string;
  options: TrainOptions;
  /** Continue this checkpoint's run: its weights, optimizer, step and history. */
  resumeFromCheckpointId?: string;
}

export interface TrainModelResult {
  runId: string;
  step: number;
  loss: number;
  checkpointId: string;
  /** The last validation: MAE and baselines' masked-region errors. */
  finalMetrics: Record<string, number>;
}

/** The id of a run's checkpoint: one per run, replaced by each newer one. */
export function checkpointIdOf(runId: string): string {
  return `${runId}:latest`;
}

/** Metric names the job emits, one per step or per validation. */
export const TRAIN_METRICS = {
  loss: 'loss',
  lr: 'lr',
  gradNorm: 'gradNorm',
  stepMs: 'stepMs',
  samplesPerSecond: 'samplesPerSecond',
  valLoss: 'valLoss',
  relL2: 'maskedRelL2',
  relL2Linear: 'maskedRelL2Linear',
  relL2Nearest: 'maskedRelL2Nearest',
} as const;
