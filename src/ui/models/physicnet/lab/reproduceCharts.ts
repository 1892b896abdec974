/**
 * The reproduction's test MSE at each forecast step as Plotly traces: one line per arm of the
 * ablation, the full model trained on noisy data dotted, persistence dashed. Steps from 1.
 */
import type { ArmName } from '../../../../models/physicnet/claim';
import type { PhysicNetReproduceResult } from '../../../../models/physicnet/jobs/reproduceConfig';
import type { PlotlyLayout, PlotlyTrace } from '../../../views/PlotlyChart';
import { STEP_COLORS } from './forecastCharts';

export const ARM_COLORS: Record<ArmName, string> = {
  full: STEP_COLORS.model,
  'no-local': '#f08c00',
  'no-flow': '#2f9e44',
  'no-vq': '#ae3ec9',
};

type ChartInputs = Pick<PhysicNetReproduceResult, 'arms' | 'noise' | 'baseline'>;

function trace(name: string, mse: readonly number[], color: string, dash?: string): PlotlyTrace {
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x: mse.map((_, t) => t + 1),
    y: mse.map((v) => (Number.isFinite(v) ? v : null)),
    hovertemplate: `${name}<br>step %{x}<br>MSE %{y:.3g}<extra></extra>`,
    line: { color, ...(dash && { dash }) },
    marker: { color, size: 6 },
  };
}

export function armStepChart(result: ChartInputs): { data: PlotlyTrace[]; layout: PlotlyLayout } {
  const data = [
    ...result.arms.map((arm) => trace(arm.name, arm.msePerStep, ARM_COLORS[arm.name])),
    ...(result.noise
      ? [trace('full, noisy training', result.noise.noisy.msePerStep, STEP_COLORS.model, 'dot')]
      : []),
    trace('persistence', result.baseline.persistence.msePerStep, STEP_COLORS.persistence, 'dash'),
  ];
  const steps = result.baseline.persistence.msePerStep.length;
  return {
    data,
    layout: {
      xaxis: { title: { text: 'forecast step' }, range: [0.75, steps + 0.25], dtick: 1 },
      yaxis: { title: { text: 'test MSE (lower is better)' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.35 },
      margin: { l: 60, r: 12, t: 12, b: 92 },
      hovermode: 'closest',
    },
  };
}
