/**
 * The relative L2 error at each rollout step, on a log axis, with the 0.5 threshold and where
 * each rollout first passes it; below the chart, the same in words for screen readers and for
 * anyone who does not read log axes.
 */
import { useMemo } from 'react';
import { PlotlyChart } from '../../views/PlotlyChart';
import { errorChart, horizonWords, type ErrorSeries } from './rolloutData';

export function RolloutErrorChart({
  series,
  title,
  height = 280,
}: {
  series: readonly ErrorSeries[];
  /** The chart's accessible name. */
  title: string;
  height?: number;
}) {
  const chart = useMemo(() => errorChart(series), [series]);
  return (
    <>
      <PlotlyChart title={title} data={chart.data} layout={chart.layout} height={height} />
      <ul className="dpot-horizons">
        {series.map((s) => (
          <li key={s.name}>
            <span className="dpot-swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.name} {horizonWords(s.errors, s.horizon)}.
          </li>
        ))}
      </ul>
    </>
  );
}
