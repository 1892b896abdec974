/** The evaluation job's parameters and result, and which trajectories a split holds: plain data the UI may import. */
import type { DatasetSplit } from '../../data/io/meta';
import type { MaskStrategy } from '../../data/masks/strategies';
import type { GroupErrors } from '../../models/reconstruction';

/** Which trajectories of a dataset are scored. */
export type EvaluationSplit = 'validation' | 'test' | 'all';

export const EVALUATION_SPLITS: readonly EvaluationSplit[] = ['validation', 'test', 'all'];

/** The mask ratios of the sweep unless the user asks for others. */
export const DEFAULT_SWEEP_RATIOS: readonly number[] = [0.1, 0.25, 0.5, 0.75, 0.9];

export const DEFAULT_WINDOWS_PER_GROUP = 32;

export interface EvaluateModelParams {
  /** A saved checkpoint of a model that fills hidden patches (lab storage). */
  checkpointId: string;
  /** A saved dataset (lab storage). */
  datasetId: string;
  split: EvaluationSplit;
  /** One ratio: the plain evaluation; several: the error-vs-ratio sweep. */
  ratios: number[];
  /** Default 'random', as MAE-PDE trains. */
  strategy?: MaskStrategy;
  /** Fixed windows per equation (default DEFAULT_WINDOWS_PER_GROUP). */
  windowsPerGroup?: number;
  /** The same seed draws the same windows and masks (default 0). */
  seed?: number;
}

/** Masked-region relative L2 of the model and of the baselines for one equation. */
export type EquationErrors = GroupErrors;

/** Every equation's errors at one mask ratio. */
export interface RatioErrors {
  ratio: number;
  equations: EquationErrors[];
}

export interface EvaluateModelResult {
  /** One per evaluated ratio, in the order asked for (ratios that hide nothing left out). */
  rows: RatioErrors[];
  /** The ratio the model was trained with. */
  modelMaskRatio: number;
  /** Ratios left out, and why (e.g. frame masking hides no whole frame at a small ratio). */
  skipped: { ratio: number; reason: string }[];
  strategy: MaskStrategy;
  windowsPerGroup: number;
  seed: number;
  /** The checkpoint's run and training steps. */
  runName: string;
  step: number;
}

/** A split's trajectories: `count` of them from index `first` along N (stored train, val, test). */
export interface TrajectoryRange {
  first: number;
  count: number;
}

/** Where a split's trajectories lie in a dataset of `total` trajectories. */
export function splitRange(
  split: DatasetSplit,
  total: number,
  which: EvaluationSplit,
): TrajectoryRange {
  const train = Math.min(split.train, total);
  const val = Math.min(split.val, total - train);
  const test = Math.min(split.test, total - train - val);
  if (which === 'validation') return { first: train, count: val };
  if (which === 'test') return { first: train + val, count: test };
  return { first: 0, count: total };
}
