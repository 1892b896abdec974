/**
 * The runs table's words for a run's settings: which model (preset and size), the share of
 * patches it hid in training (models that mask), its optimiser's peak learning rate, and its
 * headline validation error beside its baseline's.
 */
import { isModelId, modelEntry } from '../../../models/catalog';
import type { RunRecordMeta } from '../../../storage/runRecords';
import { formatLearningRate } from '../../format';
import { formatParameterCount } from '../../formatCount';

/** Shown where a run has no such setting. */
export const MISSING = '–';

export interface RunModelText {
  /** The preset whose architecture the config matches (its mask ratio aside), else "Custom". */
  preset: string;
  /** "12.9 k params", when the count can be worked out. */
  params?: string;
}

/** Which model a run trained: its preset (mask ratio aside) and size. */
export function runModelText(modelId: string, config: RunRecordMeta['config']): RunModelText {
  if (!isModelId(modelId)) return { preset: MISSING };
  const entry = modelEntry(modelId);
  // The mask ratio has a column of its own: a run at another ratio still has its preset's shape.
  const preset = Object.values(entry.presets).find((p) =>
    Object.entries(p.config as Record<string, unknown>).every(
      ([k, v]) => k === 'maskRatio' || config[k] === v,
    ),
  );
  let count: number | undefined;
  try {
    count = entry.parameterCount(config as Parameters<typeof entry.parameterCount>[0]);
  } catch {
    count = undefined;
  }
  const label = preset ? preset.label : 'Custom';
  return count !== undefined && Number.isInteger(count) && count >= 0
    ? { preset: label, params: `${formatParameterCount(count)} params` }
    : { preset: label };
}

/** The config's mask ratio as set ("0.75"), or MISSING for a model without one. */
export function runMaskRatioText(config: RunRecordMeta['config']): string {
  const ratio = config.maskRatio;
  return typeof ratio === 'number' && Number.isFinite(ratio)
    ? String(Number(ratio.toPrecision(3)))
    : MISSING;
}

/** The model's headline validation error and its first baseline, as the runs table shows them. */
export function runErrors(run: Pick<RunRecordMeta, 'modelId' | 'finalMetrics'>): {
  model?: number;
  baseline?: number;
  baselineLabel?: string;
} {
  if (!isModelId(run.modelId)) return {};
  const { metrics } = modelEntry(run.modelId);
  const headline = metrics.find((m) => m.chart === 'relL2');
  const baseline = metrics.find((m) => m.baseline);
  return {
    ...(headline ? { model: run.finalMetrics?.[headline.id] } : {}),
    ...(baseline
      ? { baseline: run.finalMetrics?.[baseline.id], baselineLabel: baseline.label }
      : {}),
  };
}

/** The peak learning rate in the tables' one format ("1e-3"). */
export function runLearningRateText(options: RunRecordMeta['options']): string {
  return formatLearningRate(options.peakLr);
}
