/** Predicted against true values of one coefficient, for a chosen arm and label count. */
import { useId, useState } from 'react';
import {
  ARM_LABELS,
  REGRESSION_ARMS,
  type RegressionArm,
} from '../../../../models/mae/downstream/arms';
import type { RegressionExperimentResult } from '../../../../models/mae/jobs/regressionExperimentConfig';
import { PlotlyChart } from '../../../views/PlotlyChart';
import { scatterChart } from './regressionCharts';

export function RegressionScatter({ result }: { result: RegressionExperimentResult }) {
  const id = useId();
  const arms = REGRESSION_ARMS.filter((a) => result.runs.some((r) => r.arm === a));
  const [arm, setArm] = useState<RegressionArm>(arms[0]!);
  const [labels, setLabels] = useState(result.labelCounts[0]!);
  const [column, setColumn] = useState(result.columns[0]?.label ?? '');
  const shownArm = arms.includes(arm) ? arm : arms[0]!;
  const shownLabels = result.labelCounts.includes(labels) ? labels : result.labelCounts[0]!;
  const shownColumn = result.columns.some((c) => c.label === column)
    ? column
    : (result.columns[0]?.label ?? '');
  const chart = scatterChart(result, shownArm, shownLabels, shownColumn);

  return (
    <div className="downstream-scatter">
      <div className="downstream-controls" role="group" aria-label="Scatter choices">
        <div className="param">
          <label htmlFor={`${id}-arm`}>Arm</label>
          <select
            id={`${id}-arm`}
            value={shownArm}
            onChange={(e) => setArm(e.target.value as RegressionArm)}
          >
            {arms.map((a) => (
              <option key={a} value={a}>
                {ARM_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="param">
          <label htmlFor={`${id}-labels`}>Labels</label>
          <select
            id={`${id}-labels`}
            value={shownLabels}
            onChange={(e) => setLabels(Number(e.target.value))}
          >
            {result.labelCounts.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="param">
          <label htmlFor={`${id}-column`}>Coefficient</label>
          <select
            id={`${id}-column`}
            value={shownColumn}
            onChange={(e) => setColumn(e.target.value)}
          >
            {result.columns.map((c) => (
              <option key={c.label} value={c.label}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <PlotlyChart
        title={`Predicted against true ${shownColumn}, ${ARM_LABELS[shownArm]}, ${shownLabels} labels`}
        data={chart.data}
        layout={chart.layout}
        height={300}
      />
      <p className="muted">
        {chart.points} test predictions (every seed). Points on the dotted diagonal are exact.
      </p>
    </div>
  );
}
