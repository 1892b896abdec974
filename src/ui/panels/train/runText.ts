/**
 * The runs table's words for a run's settings: which model (preset and size), the share of
 * patches it hid in training, and its optimiser's peak learning rate and batch.
 */
import { MAE_PRESETS, maeParameterCount, type MaeConfig } from '../../../models/mae/config';
import type { RunRecordMeta } from '../../../storage/runRecords';
import { formatLearningRate } from '../../format';
import { formatParameterCount } from '../model/formatCount';

/** Shown where a run has no such setting. */
export const MISSING = '–';

export interface RunModelText {
  /** The preset whose architecture the config matches (its mask ratio aside), else "Custom". */
  preset: string;
  /** "12.9 k params", when the count can be worked out. */
  params?: string;
}

/** Which model a run trained: preset and size. Its mask ratio has a column of its own. */
export function runModelText(config: RunRecordMeta['config']): RunModelText {
  const mae = config as unknown as MaeConfig;
  const preset = Object.values(MAE_PRESETS).find((p) =>
    Object.entries(p.config).every(
      ([k, v]) => k === 'maskRatio' || mae[k as keyof MaeConfig] === v,
    ),
  );
  let count: number | undefined;
  try {
    count = maeParameterCount(mae);
  } catch {
    count = undefined;
  }
  const label = preset ? preset.label : 'Custom';
  return count !== undefined && Number.isInteger(count) && count >= 0
    ? { preset: label, params: `${formatParameterCount(count)} params` }
    : { preset: label };
}

/** The MAE config's mask ratio as set ("0.75"), or MISSING for a model without one. */
export function runMaskRatioText(config: RunRecordMeta['config']): string {
  const ratio = config.maskRatio;
  return typeof ratio === 'number' && Number.isFinite(ratio)
    ? String(Number(ratio.toPrecision(3)))
    : MISSING;
}

/** The peak learning rate in the tables' one format ("1e-3"). */
export function runLearningRateText(options: RunRecordMeta['options']): string {
  return formatLearningRate(options.peakLr);
}
