/**
 * The forecast lab's per-step charts as Plotly traces: the model's MSE and SSIM at each forecast
 * step against the persistence baseline's, on the same held-out windows. Steps are numbered
 * from 1.
 */
import type { PhysicNetForecastResult } from '../../../../models/physicnet/jobs/forecastConfig';
import type { PlotlyLayout, PlotlyTrace } from '../../../views/PlotlyChart';

export const STEP_COLORS = {
  model: '#4c6ef5',
  persistence: '#868e96',
} as const;

export type StepMeasure = 'mse' | 'ssim';

type StepInputs = Pick<PhysicNetForecastResult, 'model' | 'persistence' | 'outputFrames'>;

const MEASURES: Record<StepMeasure, { axis: string; hover: string }> = {
  mse: { axis: 'MSE (lower is better)', hover: 'MSE %{y:.3g}' },
  ssim: { axis: 'SSIM (1 is perfect)', hover: 'SSIM %{y:.3f}' },
};

/** Plotly skips nulls: NaN becomes a gap. */
function gaps(values: readonly number[]): (number | null)[] {
  return values.map((v) => (Number.isFinite(v) ? v : null));
}

/** One measure at each forecast step: the model's line and persistence's, dashed. */
export function stepChart(
  result: StepInputs,
  measure: StepMeasure,
): { data: PlotlyTrace[]; layout: PlotlyLayout } {
  const steps = result.outputFrames;
  const x = Array.from({ length: steps }, (_, t) => t + 1);
  const { axis, hover } = MEASURES[measure];
  const trace = (
    name: string,
    values: readonly number[],
    color: string,
    dash?: string,
  ): PlotlyTrace => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y: gaps(values),
    hovertemplate: `${name}<br>step %{x}<br>${hover}<extra></extra>`,
    line: { color, ...(dash && { dash }) },
    marker: { color, size: 7 },
  });
  const data = [
    trace('PhysicNet-style', result.model[measure], STEP_COLORS.model),
    trace(
      'Persistence (last input frame)',
      result.persistence[measure],
      STEP_COLORS.persistence,
      'dash',
    ),
  ];
  const all = [...result.model[measure], ...result.persistence[measure]].filter(Number.isFinite);
  return {
    data,
    layout: {
      xaxis: {
        title: { text: 'forecast step' },
        range: [0.75, steps + 0.25],
        dtick: steps > 10 ? Math.ceil(steps / 10) : 1,
      },
      yaxis:
        measure === 'ssim'
          ? { title: { text: axis }, range: [Math.min(0, ...all), 1.02] }
          : { title: { text: axis }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.35 },
      margin: { l: 60, r: 12, t: 12, b: 92 },
      hovermode: 'closest',
    },
  };
}
