/** What the results view needs to name things: each axis's parameter, each metric's label. */
import { isModelId, modelEntry } from '../../../../models/catalog';
import type { ExportableRun } from '../../../../sweep/exportRuns';
import type { AxisSpec } from '../../../../sweep/parcoords';
import { sweepableParams } from '../../../../sweep/sweepParams';
import { FINAL_LOSS } from '../../../../sweep/sweepRuns';

/** The swept parameters as axes, found in the schema of the runs' model. */
export function sweepAxes(paramIds: readonly string[], runs: readonly ExportableRun[]): AxisSpec[] {
  const modelId = runs[0]?.meta.modelId;
  const params = modelId && isModelId(modelId) ? sweepableParams(modelEntry(modelId).schema) : [];
  return paramIds.map((id) => {
    const param = params.find((p) => p.id === id)?.param;
    return { id, label: param?.label ?? id, param };
  });
}

export function metricLabel(metricId: string, runs: readonly ExportableRun[]): string {
  if (metricId === FINAL_LOSS) return 'Final training loss';
  const modelId = runs[0]?.meta.modelId;
  const metric =
    modelId && isModelId(modelId)
      ? modelEntry(modelId).metrics.find((m) => m.id === metricId)
      : undefined;
  const label = metric?.label ?? metricId;
  return /validation/i.test(label) ? label : `${label} (validation)`;
}

/**
 * The metrics to offer, best default first: the model's own held-out metrics in its registry
 * order, then the final training loss (measured on training batches), then the baselines (the
 * same for every run of one dataset and mask, so they rank nothing about the runs themselves).
 */
export function metricChoices(
  metricIds: readonly string[],
  runs: readonly ExportableRun[],
): string[] {
  const modelId = runs[0]?.meta.modelId;
  const metrics = modelId && isModelId(modelId) ? modelEntry(modelId).metrics : [];
  const rank = (id: string) => {
    if (id === FINAL_LOSS) return metrics.length;
    const index = metrics.findIndex((m) => m.id === id);
    if (index < 0) return metrics.length + 1;
    return metrics[index]?.baseline ? metrics.length + 2 + index : index;
  };
  return [...metricIds].sort((a, b) => rank(a) - rank(b));
}
