/**
 * Coefficient regression, MAE-PDE's first downstream task: the three arms (frozen, fine-tuned,
 * scratch) at each label budget and seed, then the label-efficiency chart, R² per coefficient and
 * a predicted-vs-true scatter.
 */
import { useId, useMemo, useState } from 'react';
import { ARM_LABELS, REGRESSION_ARMS } from '../../../../models/mae/downstream/arms';
import { DetailsToggle } from '../../../controls/Explained';
import type { DownstreamTarget } from './state/downstreamStore';
import { useRegression } from './state/regressionStore';
import { useRuntime } from '../../../../state/runtimeStore';
import { JobProgressBar } from '../../../controls/JobProgressBar';
import { OutcomeText } from '../../../controls/OutcomeText';
import { PlotlyChart } from '../../../views/PlotlyChart';
import { RegressionScatter } from './RegressionScatter';
import { labelEfficiencyChart } from './regressionCharts';

export function RegressionSection({ target }: { target: DownstreamTarget }) {
  const id = useId();
  const { choices, choose, run, stop, activeJobId, last, outcome } = useRegression();
  const problem = useRegression((s) => s.problem());
  const ready = useRuntime((s) => s.status === 'ready');
  const running = activeJobId !== undefined;
  const result = last?.result;
  const chart = useMemo(() => (result ? labelEfficiencyChart(result) : undefined), [result]);
  const [r2Labels, setR2Labels] = useState<number | undefined>();
  const shownLabels =
    result && r2Labels !== undefined && result.labelCounts.includes(r2Labels)
      ? r2Labels
      : result?.labelCounts[0];
  const arms = result ? REGRESSION_ARMS.filter((a) => result.summary.some((s) => s.arm === a)) : [];

  return (
    <section className="card downstream-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Coefficient regression</h2>
      <p className="muted">
        Can the encoder tell how fast heat spreads or which way a flow moves? Each trajectory’s
        first window goes through the encoder, and a small extra network (the head) learns to read
        the equation’s coefficients from the encoder’s summary of the window. Three versions get the
        same head, the same labelled examples and the same number of steps: the pretrained encoder{' '}
        <em>frozen</em> (only the head learns), the pretrained encoder <em>fine-tuned</em> (it keeps
        learning too), and the same network <em>from scratch</em> (no pretraining).
      </p>
      <DetailsToggle details="The head reads the encoder's CLS token, an extra token the encoder adds to the patch tokens to summarise the window. Targets are heat ν; advection a_x, a_y; Burgers ν, c_x, c_y, each scaled to [0, 1] by the range the generator draws it from. The three versions are the paper's three arms." />
      <form
        className="downstream-controls"
        aria-label="Regression settings"
        onSubmit={(e) => {
          e.preventDefault();
          run(target);
        }}
      >
        <fieldset className="downstream-arms" disabled={running}>
          <legend>Arms</legend>
          {REGRESSION_ARMS.map((arm) => (
            <label key={arm} className="checkbox">
              <input
                type="checkbox"
                checked={choices.arms.includes(arm)}
                onChange={(e) =>
                  choose({
                    arms: e.target.checked
                      ? [...choices.arms, arm]
                      : choices.arms.filter((a) => a !== arm),
                  })
                }
              />
              {ARM_LABELS[arm]}
            </label>
          ))}
        </fieldset>
        <div className="param">
          <label htmlFor={`${id}-budgets`}>Label budgets</label>
          <input
            id={`${id}-budgets`}
            value={choices.budgets}
            disabled={running}
            aria-describedby={`${id}-budgets-help`}
            onChange={(e) => choose({ budgets: e.target.value })}
          />
          <small id={`${id}-budgets-help`} className="param__help">
            Labelled trajectories per model, e.g. 32, 64, 128, all
          </small>
        </div>
        <div className="param">
          <label htmlFor={`${id}-seeds`}>Seeds</label>
          <input
            id={`${id}-seeds`}
            type="number"
            min={1}
            max={10}
            value={choices.seeds}
            disabled={running}
            onChange={(e) => choose({ seeds: Number(e.target.value) })}
          />
        </div>
        <div className="param">
          <label htmlFor={`${id}-steps`}>Steps per model</label>
          <input
            id={`${id}-steps`}
            type="number"
            min={1}
            value={choices.steps}
            disabled={running}
            onChange={(e) => choose({ steps: Number(e.target.value) })}
          />
        </div>
        <div className="button-row">
          {running ? (
            <button type="button" className="button" onClick={stop}>
              Stop
            </button>
          ) : (
            <button
              type="submit"
              className="button button--primary"
              disabled={!ready || problem !== undefined}
            >
              Run the regression
            </button>
          )}
        </div>
      </form>
      {problem ? (
        <p className="text-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      <OutcomeText outcome={outcome} />
      {result && chart ? (
        <div className="downstream-results">
          <PlotlyChart
            title="Test error against the number of labels, per arm"
            data={chart.data}
            layout={chart.layout}
            height={320}
          />
          <div className="downstream-r2">
            <div className="param">
              <label htmlFor={`${id}-r2`}>R² with</label>
              <select
                id={`${id}-r2`}
                value={shownLabels}
                onChange={(e) => setR2Labels(Number(e.target.value))}
              >
                {result.labelCounts.map((n) => (
                  <option key={n} value={n}>
                    {n} labels
                  </option>
                ))}
              </select>
            </div>
            <table className="results-table">
              <caption>
                R² per coefficient on the {result.scored.split} trajectories (mean over seeds; 1 is
                perfect, 0 is no better than the mean, below 0 is worse)
              </caption>
              <thead>
                <tr>
                  <th scope="col">coefficient</th>
                  {arms.map((arm) => (
                    <th key={arm} scope="col">
                      {ARM_LABELS[arm]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.columns.map((column) => (
                  <tr key={column.label}>
                    <th scope="row">{column.label}</th>
                    {arms.map((arm) => {
                      const row = result.summary.find(
                        (s) => s.arm === arm && s.labels === shownLabels,
                      );
                      const r2 = row?.r2[column.label];
                      return (
                        <td key={arm}>
                          {r2 === undefined || Number.isNaN(r2) ? '—' : r2.toFixed(2)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RegressionScatter result={result} />
        </div>
      ) : null}
    </section>
  );
}
