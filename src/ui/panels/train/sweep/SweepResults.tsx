/**
 * A recorded sweep's results: its runs on a parallel-coordinates chart coloured by a chosen
 * metric, the best setting in words, each parameter's importance, a sortable and filterable table
 * of its runs, and exports of its runs (or of every run) as CSV or JSON.
 */
import { useMemo } from 'react';
import { useSweep } from '../../../../state/sweepStore';
import { useTrain } from '../../../../state/trainStore';
import { runTable, toCsv, toJson, type ExportableRun } from '../../../../sweep/exportRuns';
import { formatSweepValue } from '../../../../sweep/formatValue';
import { parameterImportance } from '../../../../sweep/importance';
import { parcoordsTrace } from '../../../../sweep/parcoords';
import {
  bestRun,
  metricIds,
  metricValue,
  paramValue,
  recordedSweeps,
} from '../../../../sweep/sweepRuns';
import { downloadFile } from '../../../downloadFile';
import { formatValue } from '../../../format';
import { ImportanceBars } from './ImportanceBars';
import { ParcoordsChart } from './ParcoordsChart';
import { SweepRunsTable } from './SweepRunsTable';
import { metricChoices, metricLabel, sweepAxes } from './sweepView';

function fileStem(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'sweep';
}

function download(name: string, text: string, type: string) {
  downloadFile(name, new TextEncoder().encode(text), type);
}

function ExportButtons({
  runs,
  stem,
  what,
}: {
  runs: readonly ExportableRun[];
  stem: string;
  what: string;
}) {
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={runs.length === 0}
        onClick={() => download(`${stem}.csv`, toCsv(runTable(runs)), 'text/csv')}
      >
        Export {what} as CSV
      </button>
      <button
        type="button"
        className="button"
        disabled={runs.length === 0}
        onClick={() => download(`${stem}.json`, toJson(runs), 'application/json')}
      >
        Export {what} as JSON
      </button>
    </>
  );
}

/** Everything the view shows, derived from the runs and the choices in one place. */
function sweepView(
  allRuns: readonly ExportableRun[],
  chosenSweepId: string | undefined,
  chosenMetric: string | undefined,
) {
  const sweeps = recordedSweeps(allRuns);
  const sweep = sweeps.find((s) => s.tag.id === chosenSweepId) ?? sweeps[0];
  const runs = sweep?.runs ?? [];
  const metrics = metricChoices(metricIds(runs), runs);
  const metricId = chosenMetric && metrics.includes(chosenMetric) ? chosenMetric : metrics[0];
  const axes = sweepAxes(sweep?.tag.params ?? [], runs);
  const label = metricId ? metricLabel(metricId, runs) : '';
  const trace = metricId ? parcoordsTrace(runs, axes, metricId, label) : undefined;
  const importance = metricId
    ? parameterImportance(
        runs.map((run) => ({
          values: Object.fromEntries(axes.map((a) => [a.id, paramValue(run, a.id) ?? ''])),
          metric: metricValue(run, metricId) ?? Number.NaN,
        })),
        axes.map((a) => a.id),
      )
    : undefined;
  return { sweeps, sweep, runs, metrics, metricId, axes, label, trace, importance };
}

export function SweepResults() {
  const allRuns = useTrain((s) => s.runs);
  const chosenSweepId = useSweep((s) => s.chosenSweepId);
  const chosenMetric = useSweep((s) => s.metricId);
  const chooseSweep = useSweep((s) => s.chooseSweep);
  const chooseMetric = useSweep((s) => s.chooseMetric);
  const view = useMemo(
    () => sweepView(allRuns, chosenSweepId, chosenMetric),
    [allRuns, chosenSweepId, chosenMetric],
  );
  const { sweeps, sweep, runs, metricId, axes, label, trace, importance } = view;

  const exportAll = (
    <div className="button-row">
      <ExportButtons runs={allRuns} stem="pde-lab-runs" what="all runs" />
    </div>
  );
  if (!sweep) {
    return (
      <>
        <p className="muted">No sweep recorded yet: its results appear here as its runs finish.</p>
        {allRuns.length ? exportAll : null}
      </>
    );
  }
  const best = metricId ? bestRun(runs, metricId) : undefined;
  const metricOptions = view.metrics.map((id) => ({ id, label: metricLabel(id, runs) }));
  return (
    <div className="sweep-results">
      <div className="field-row">
        <label>
          Sweep
          <select value={sweep.tag.id} onChange={(e) => chooseSweep(e.target.value)}>
            {sweeps.map((s) => (
              <option key={s.tag.id} value={s.tag.id}>
                {s.tag.name} ({s.runs.length} {s.runs.length === 1 ? 'run' : 'runs'})
              </option>
            ))}
          </select>
        </label>
        {metricOptions.length ? (
          <label>
            Colour and rank by
            <select value={metricId} onChange={(e) => chooseMetric(e.target.value)}>
              {metricOptions.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {trace ? (
        <ParcoordsChart
          trace={trace}
          title={`${sweep.tag.name}: parameters and ${label.toLowerCase()}`}
        />
      ) : (
        <p className="muted">No run of this sweep has finished with a result yet.</p>
      )}
      {best ? (
        <p className="sweep-best" role="status">
          <strong>Best setting</strong> (lowest {label.toLowerCase()}, {formatValue(best.value)}):{' '}
          {axes
            .map(
              (a) =>
                `${a.label.toLowerCase()} ${formatSweepValue(a.param, paramValue(best.run, a.id))}`,
            )
            .join(', ')}{' '}
          — run “{best.run.name}”.
        </p>
      ) : null}
      {importance && axes.length ? (
        <ImportanceBars result={importance} axes={axes} metricLabel={label} />
      ) : null}
      <SweepRunsTable runs={runs} axes={axes} metrics={metricOptions} />
      <div className="button-row">
        <ExportButtons runs={runs} stem={fileStem(sweep.tag.name)} what="this sweep" />
        <ExportButtons runs={allRuns} stem="pde-lab-runs" what="all runs" />
      </div>
    </div>
  );
}
