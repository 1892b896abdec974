/**
 * A sweep's runs as one Plotly `parcoords` trace: one axis per swept parameter, then the metric,
 * each line a run coloured by the metric. Choices and yes/no values get one tick per category;
 * log-scale parameters (learning rates) are drawn on log10 axes labelled with their values.
 * Runs without the metric (failed, stopped early) are left out: parcoords cannot draw a gap.
 */
import type { Param } from '../schema/params';
import type { ExportableRun } from './exportRuns';
import { formatSweepValue } from './formatValue';
import type { SweepValue } from './sweepParams';
import { metricValue, paramValue } from './sweepRuns';

export interface AxisSpec {
  id: string;
  label: string;
  param: Param | undefined;
}

export interface ParcoordsDimension {
  label: string;
  values: number[];
  tickvals?: number[];
  ticktext?: string[];
}

export interface ParcoordsTrace {
  type: 'parcoords';
  dimensions: ParcoordsDimension[];
  line: {
    color: number[];
    colorscale: string;
    showscale: boolean;
    colorbar: { title: { text: string } };
  };
}

function axis(spec: AxisSpec, values: SweepValue[]): ParcoordsDimension {
  const { param, label } = spec;
  if (values.every((v) => typeof v === 'number')) {
    const numbers = values as number[];
    if (param?.kind === 'number' && param.log && numbers.every((v) => v > 0)) {
      const ticks = [...new Set(numbers)].sort((a, b) => a - b);
      const shown = ticks.length <= 8 ? ticks : [ticks[0]!, ticks.at(-1)!];
      return {
        label: `${label} (log)`,
        values: numbers.map(Math.log10),
        tickvals: shown.map(Math.log10),
        ticktext: shown.map((v) => formatSweepValue(param, v)),
      };
    }
    return { label, values: numbers };
  }
  const categories = [...new Set(values.map((v) => String(v)))].sort();
  return {
    label,
    values: values.map((v) => categories.indexOf(String(v))),
    tickvals: categories.map((_, i) => i),
    ticktext: categories.map((c) =>
      formatSweepValue(
        param,
        values.find((v) => String(v) === c),
      ),
    ),
  };
}

/** The trace, or undefined when fewer than one run has the metric and every parameter. */
export function parcoordsTrace(
  runs: readonly ExportableRun[],
  axes: readonly AxisSpec[],
  metricId: string,
  metricLabel: string,
): ParcoordsTrace | undefined {
  const drawn = runs.filter(
    (run) =>
      metricValue(run, metricId) !== undefined &&
      axes.every((a) => paramValue(run, a.id) !== undefined),
  );
  if (drawn.length === 0) return undefined;
  const metric = drawn.map((run) => metricValue(run, metricId)!);
  return {
    type: 'parcoords',
    dimensions: [
      ...axes.map((a) =>
        axis(
          a,
          drawn.map((run) => paramValue(run, a.id)!),
        ),
      ),
      { label: metricLabel, values: metric },
    ],
    line: {
      color: metric,
      colorscale: 'Viridis',
      showscale: true,
      colorbar: { title: { text: metricLabel } },
    },
  };
}
