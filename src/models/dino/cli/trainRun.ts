/**
 * One DINo training run in Node on generated data (trainDino with a progress line): what
 * `npm run pretrain -- dino` runs.
 */
import type { GeneratedDataset } from '../../../data/generate';
import type { DatasetMeta } from '../../../data/io/meta';
import { trainDino, type TrainedDino } from '../trainDino';
import type { DinoConfig } from '../config';
import type { StepMetrics } from '../../nn/trainLoop';

export interface DinoRunOptions {
  config: DinoConfig;
  train: GeneratedDataset;
  validation?: GeneratedDataset;
  steps: number;
  batchSize: number;
  /** The decoder's learning rate; codes and dynamics use the config's ratios of it. */
  peakLr: number;
  seed: number;
  validateEvery: number;
  label: string;
}

export type DinoRun = TrainedDino;

/** The description createTrainer reads of generated wave data. */
export function generatedMeta(train: GeneratedDataset, seed: number): DatasetMeta {
  return {
    equation: 'wave',
    scheme: 'generated',
    seed,
    grid: train.grid,
    times: train.times,
    channels: train.channels,
    coefficients: train.coefficients,
    split: { train: train.shape[0], val: 0, test: 0 },
  };
}

/** A validation's progress line: loss, held-out errors, teacher forcing, time and time left. */
export function validationLine(
  label: string,
  m: StepMetrics,
  steps: number,
  elapsedSeconds: number,
): string | undefined {
  const v = m.validation;
  if (!v) return undefined;
  const eta = (elapsedSeconds / m.step) * (steps - m.step);
  return `  ${label} step ${m.step}: loss ${m.loss.toExponential(2)}, held-out relL2 ${v.relL2!.toFixed(3)} (in-t ${v.relL2InTOutS!.toFixed(3)}, out-t ${v.relL2OutTOutS!.toFixed(3)} off the sensors), ε ${v.epsilon!.toFixed(3)}, ${elapsedSeconds.toFixed(0)} s, ETA ${eta.toFixed(0)} s`;
}

export function trainDinoRun(options: DinoRunOptions): Promise<DinoRun> {
  const { train, validation, seed, steps } = options;
  const started = performance.now();
  return trainDino({
    config: options.config,
    train: { data: train.data, shape: train.shape },
    ...(validation ? { validation: { data: validation.data, shape: validation.shape } } : {}),
    meta: generatedMeta(train, seed),
    steps,
    batchSize: options.batchSize,
    peakLr: options.peakLr,
    seed,
    validateEvery: options.validateEvery,
    hooks: {
      onMetrics: (m) => {
        const line = validationLine(options.label, m, steps, (performance.now() - started) / 1000);
        if (line) console.log(line);
      },
    },
  });
}
