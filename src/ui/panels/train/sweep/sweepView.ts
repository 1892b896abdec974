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
