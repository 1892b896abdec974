/**
 * Error against mask ratio: runs the evaluation at several ratios on demand and draws the MAE's
 * and the baselines' masked-region error for the mean of equations or one of them, with the
 * ratio the model was trained at marked.
 */
import { useId, useMemo, useState } from 'react';
import { DEFAULT_SWEEP_RATIOS } from '../../../runtime/jobs/evaluateModelConfig';
import { useResults, type ResultsTarget } from '../../../state/resultsStore';
import { useRuntime } from '../../../state/runtimeStore';
import { JobProgressBar } from '../../controls/JobProgressBar';
import { OutcomeText } from '../../controls/OutcomeText';
import { PlotlyChart } from '../../views/PlotlyChart';
import { SERIES_COLORS } from './chartColors';
import { ALL_EQUATIONS, BASELINE_NAMES, equationTitle, parseRatios, sweepSeries } from './summary';

export function RatioSweep({ target }: { target: ResultsTarget }) {
  const id = useId();
  const { sweep, runSweep, activeJobId, activeJob, outcome, outcomeOf } = useResults();
  const ready = useRuntime((s) => s.status === 'ready');
  const [text, setText] = useState(DEFAULT_SWEEP_RATIOS.join(', '));
  const [equation, setEquation] = useState(ALL_EQUATIONS);
  const parsed = parseRatios(text);
  const problem = 'problem' in parsed ? parsed.problem : undefined;
  const running = activeJobId !== undefined;

  const equations = useMemo(() => sweep?.result.rows[0]?.equations.map((e) => e.id) ?? [], [sweep]);
  const shown = equations.includes(equation) ? equation : ALL_EQUATIONS;
  const chart = useMemo(() => {
    if (!sweep) return undefined;
    const series = sweepSeries(sweep.result, shown);
    const line = (name: string, y: number[], color: string, dash?: string) => ({
      type: 'scatter' as const,
      mode: 'lines+markers' as const,
      name,
      x: series.ratios,
      y,
      line: { color, width: 2, ...(dash ? { dash } : {}) },
      marker: { color, size: 7 },
    });
    const trained = sweep.result.modelMaskRatio;
    return {
      data: [
        line('MAE', series.mae, SERIES_COLORS.mae),
        line(BASELINE_NAMES.linear, series.linear, SERIES_COLORS.linear, 'dot'),
        line(BASELINE_NAMES.nearest, series.nearest, SERIES_COLORS.nearest, 'dot'),
      ],
      layout: {
        xaxis: { title: { text: 'mask ratio (share of patches hidden)' }, range: [0, 1] },
        yaxis: { title: { text: 'masked-region relative L2' }, rangemode: 'tozero' },
        legend: { orientation: 'h', y: 1.18 },
        shapes: [
          {
            type: 'line',
            xref: 'x',
            yref: 'paper',
            x0: trained,
            x1: trained,
            y0: 0,
            y1: 1,
            line: { color: SERIES_COLORS.mae, width: 1, dash: 'dash' },
          },
        ],
        annotations: [
          {
            x: trained,
            xref: 'x',
            y: 1,
            yref: 'paper',
            yanchor: 'bottom',
            text: `trained at ${trained}`,
            showarrow: false,
            font: { size: 11 },
          },
        ],
      },
    };
  }, [sweep, shown]);

  return (
    <div className="card results-sweep">
      <h2>Error vs mask ratio</h2>
      <p className="muted small">
        The more patches are hidden, the less there is to fill them from. The sweep scores the
        chosen model at each ratio on the same dataset, split, strategy and windows as above.
      </p>
      <form
        className="results-sweep__controls"
        aria-label="Mask-ratio sweep"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem && 'ratios' in parsed) runSweep(target, parsed.ratios);
        }}
      >
        <div className="param">
          <label htmlFor={`${id}-ratios`}>Sweep ratios</label>
          <input
            id={`${id}-ratios`}
            type="text"
            inputMode="decimal"
            value={text}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-ratios-help`}
            disabled={running}
            onChange={(e) => setText(e.target.value)}
          />
          <small id={`${id}-ratios-help`} className={problem ? 'param__problem' : 'param__help'}>
            {problem ?? 'Separated by commas, each between 0 and 0.95.'}
          </small>
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={!ready || running || problem !== undefined}
        >
          Run the sweep
        </button>
      </form>
      {activeJobId && activeJob === 'sweep' ? <JobProgressBar jobId={activeJobId} /> : null}
      {running || outcomeOf !== 'sweep' ? null : <OutcomeText outcome={outcome} />}
      {sweep && chart ? (
        <>
          <div className="param results-sweep__equation">
            <label htmlFor={`${id}-equation`}>Equation shown</label>
            <select
              id={`${id}-equation`}
              value={shown}
              onChange={(e) => setEquation(e.target.value)}
            >
              <option value={ALL_EQUATIONS}>{equationTitle(ALL_EQUATIONS)}</option>
              {equations.map((e) => (
                <option key={e} value={e}>
                  {equationTitle(e)}
                </option>
              ))}
            </select>
          </div>
          <PlotlyChart
            title={`Masked-region relative L2 against mask ratio, ${equationTitle(shown)}: MAE and baselines`}
            height={300}
            data={chart.data}
            layout={chart.layout}
          />
          <p className="muted small">
            {`${sweep.result.runName} at step ${sweep.result.step} on “${sweep.datasetName}”, ${sweep.result.windowsPerGroup} windows per equation and ratio. The dashed line marks the ratio it was trained at.`}
          </p>
        </>
      ) : null}
    </div>
  );
}
