/** The regression result drawn as the panel's charts: label efficiency and predicted-vs-true. */
import { ARM_LABELS, type RegressionArm } from '../../../../models/mae/downstream/arms';
import type { RegressionExperimentResult } from '../../../../models/mae/jobs/regressionExperimentConfig';
import type { PlotlyLayout, PlotlyTrace } from '../../../views/PlotlyChart';

export const ARM_COLORS: Record<RegressionArm, string> = {
  frozen: '#4c6ef5',
  finetuned: '#2f9e44',
  scratch: '#e8590c',
};

/** Test MSE against labels, mean ± std over seeds per arm, and the predict-the-mean line. */
export function labelEfficiencyChart(result: RegressionExperimentResult): {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
} {
  const arms = [...new Set(result.summary.map((s) => s.arm))];
  const data: PlotlyTrace[] = arms.map((arm) => {
    const rows = result.summary.filter((s) => s.arm === arm).sort((a, b) => a.labels - b.labels);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: ARM_LABELS[arm],
      x: rows.map((r) => r.labels),
      y: rows.map((r) => r.mean),
      error_y: { type: 'data', array: rows.map((r) => r.std), visible: true },
      line: { color: ARM_COLORS[arm], width: 2 },
      marker: { color: ARM_COLORS[arm], size: 7 },
    };
  });
  const [low, high] = [result.labelCounts[0]!, result.labelCounts.at(-1)!];
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: 'Predict the mean',
    x: [low, high],
    y: [result.meanBaselineMse, result.meanBaselineMse],
    line: { color: '#868e96', width: 1, dash: 'dot' },
  });
  return {
    data,
    layout: {
      xaxis: {
        title: { text: 'labelled trajectories' },
        type: 'log',
        tickvals: result.labelCounts,
      },
      yaxis: { title: { text: 'test MSE (coefficients scaled to [0, 1])' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: 1.2 },
    },
  };
}

/** Predicted against true values of one coefficient column, for one arm and label count (every seed). */
export function scatterChart(
  result: RegressionExperimentResult,
  arm: RegressionArm,
  labels: number,
  columnLabel: string,
): { data: PlotlyTrace[]; layout: PlotlyLayout; points: number } {
  const column = result.columns.find((c) => c.label === columnLabel);
  const slots = result.slots.length;
  const x: number[] = [];
  const y: number[] = [];
  if (column) {
    for (const run of result.runs.filter((r) => r.arm === arm && r.labels === labels)) {
      result.truth.equations.forEach((equation, k) => {
        const at = k * slots + column.slot;
        if (equation !== column.equation || !result.truth.present[at]) return;
        x.push(result.truth.values[at]!);
        y.push(run.predictions[at]!);
      });
    }
  }
  return {
    points: x.length,
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: ARM_LABELS[arm],
        x,
        y,
        marker: { color: ARM_COLORS[arm], size: 6, opacity: 0.7 },
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'perfect',
        x: [0, 1],
        y: [0, 1],
        line: { color: '#868e96', width: 1, dash: 'dot' },
      },
    ],
    layout: {
      xaxis: { title: { text: `true ${columnLabel} (scaled)` }, range: [-0.05, 1.05] },
      yaxis: { title: { text: 'predicted (scaled)' }, range: [-0.25, 1.25] },
      showlegend: false,
    },
  };
}
