/**
 * The evaluation's answer per equation: a table of the MAE's and the baselines' masked-region
 * relative L2 error with a verdict per row and a row for all equations, and a grouped bar chart.
 */
import { useMemo } from 'react';
import type { Evaluated } from '../../../state/resultsStore';
import { formatValue } from '../../format';
import { PlotlyChart } from '../../views/PlotlyChart';
import { SERIES_COLORS } from './chartColors';
import { allEquationsRow, BASELINE_NAMES, equationTitle, maeWins, verdict } from './summary';

const STRATEGY_WORDS = {
  random: 'random patches',
  tube: 'tubes',
  frame: 'whole frames',
  block: 'blocks',
} as const;

const SPLIT_WORDS = {
  validation: 'the validation trajectories',
  test: 'the test trajectories',
  all: 'all trajectories',
} as const;

export function EquationResults({ evaluated }: { evaluated: Evaluated }) {
  const { params, result, datasetName } = evaluated;
  const row = result.rows[0];
  const equations = useMemo(() => row?.equations ?? [], [row]);
  const bars = useMemo(() => {
    const x = equations.map((e) => equationTitle(e.id));
    const trace = (name: string, y: number[], color: string) => ({
      type: 'bar' as const,
      name,
      x,
      y,
      marker: { color },
    });
    return [
      trace(
        'MAE',
        equations.map((e) => e.relL2),
        SERIES_COLORS.mae,
      ),
      trace(
        BASELINE_NAMES.linear,
        equations.map((e) => e.relL2Linear),
        SERIES_COLORS.linear,
      ),
      trace(
        BASELINE_NAMES.nearest,
        equations.map((e) => e.relL2Nearest),
        SERIES_COLORS.nearest,
      ),
    ];
  }, [equations]);
  if (!row) return null;
  const all = allEquationsRow(equations);
  const rows = equations.length > 1 ? [...equations, all] : equations;

  return (
    <div className="card results-equations">
      <h2>Error per equation</h2>
      <table className="results-table results-equations__table">
        <caption>
          {`Masked-region relative L2 error (lower is better) of ${result.runName} at step ${result.step}, with ${Math.round(row.ratio * 100)}% of patches hidden (${STRATEGY_WORDS[result.strategy]}), on ${result.windowsPerGroup} windows per equation from ${SPLIT_WORDS[params.split]} of “${datasetName}”, seed ${result.seed}. The baselines fill the same hidden patches from the visible ones.`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Equation</th>
            <th scope="col">Trajectories</th>
            <th scope="col">MAE</th>
            <th scope="col">{BASELINE_NAMES.linear}</th>
            <th scope="col">{BASELINE_NAMES.nearest}</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} className={e === all ? 'results-equations__all' : undefined}>
              <th scope="row">{equationTitle(e.id)}</th>
              <td>{e.trajectories}</td>
              <td className={maeWins(e) ? 'results-equations__best' : undefined}>
                {formatValue(e.relL2)}
              </td>
              <td>{formatValue(e.relL2Linear)}</td>
              <td>{formatValue(e.relL2Nearest)}</td>
              <td className="results-equations__verdict">{verdict(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PlotlyChart
        title="Masked-region relative L2 error per equation: MAE and baselines"
        height={280}
        data={bars}
        layout={{
          barmode: 'group',
          yaxis: { title: { text: 'masked-region relative L2' }, rangemode: 'tozero' },
          legend: { orientation: 'h', y: 1.15 },
        }}
      />
    </div>
  );
}
