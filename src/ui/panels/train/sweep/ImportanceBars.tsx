/** Each swept parameter's importance for the metric as a small bar list, saying how it was found. */
import { useId } from 'react';
import { MIN_FOREST_RUNS, type ImportanceResult } from '../../../../sweep/importance';
import type { AxisSpec } from '../../../../sweep/parcoords';

export function ImportanceBars({
  result,
  axes,
  metricLabel,
}: {
  result: ImportanceResult;
  axes: readonly AxisSpec[];
  metricLabel: string;
}) {
  const headingId = useId();
  const method =
    result.method === 'forest'
      ? `Permutation importance in a random forest fitted to ${metricLabel.toLowerCase()} over ${result.runs} runs: how much worse it predicts when a parameter is shuffled (shares summing to 1).`
      : `Only ${result.runs} runs with a result, too few for a random forest (it needs ${MIN_FOREST_RUNS}): |Spearman rank correlation| of each parameter with ${metricLabel.toLowerCase()}.`;
  const largest = Math.max(...result.scores.map((s) => s.score), 1e-12);
  return (
    <section className="sweep-importance" aria-labelledby={headingId}>
      <h4 id={headingId}>Parameter importance</h4>
      <p className="muted small">{method}</p>
      <ul className="sweep-importance__list">
        {result.scores.map((s) => {
          const label = axes.find((a) => a.id === s.id)?.label ?? s.id;
          return (
            <li key={s.id}>
              <span className="sweep-importance__label">{label}</span>
              <span className="sweep-importance__bar" aria-hidden="true">
                <span style={{ width: `${(100 * s.score) / largest}%` }} />
              </span>
              <span className="sweep-importance__value">{s.score.toFixed(2)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
