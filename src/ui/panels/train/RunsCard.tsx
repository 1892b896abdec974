/**
 * Every recorded run: its config, steps, status, final loss and hidden-patch error next to the
 * interpolation baseline, with loss curves of the chosen runs overlaid in one chart.
 */
import { useMemo } from 'react';
import { MAE_PRESETS, maeParameterCount, type MaeConfig } from '../../../models/mae/config';
import { useTrain, type RunSummary } from '../../../state/trainStore';
import { formatValue } from '../../format';
import { PlotlyChart } from '../../views/PlotlyChart';
import { formatParameterCount } from '../model/formatCount';

/** "tiny · 12.3 k params · batch 32 · lr 1e-3": enough to tell runs apart. */
function configSummary(run: RunSummary): string {
  const config = run.meta.config as unknown as MaeConfig;
  const preset = Object.entries(MAE_PRESETS).find(([, p]) =>
    Object.entries(p.config).every(([k, v]) => config[k as keyof MaeConfig] === v),
  );
  let params = '';
  try {
    params = ` · ${formatParameterCount(maeParameterCount(config))} params`;
  } catch {
    params = '';
  }
  const { batchSize, peakLr } = run.meta.options;
  return `${preset ? preset[1].label : 'Custom'}${params} · batch ${batchSize} · lr ${formatValue(peakLr)}`;
}

export function RunsCard() {
  const { runs, overlay, overlayHistories, toggleOverlay, removeRun, activeJobId, live } =
    useTrain();
  const traces = useMemo(
    () =>
      overlay.flatMap((id) => {
        const h = overlayHistories[id];
        const run = runs.find((r) => r.id === id);
        if (!h || !run) return [];
        return [
          {
            type: 'scatter' as const,
            mode: 'lines' as const,
            name: run.name,
            x: h.step,
            y: h.loss,
          },
        ];
      }),
    [overlay, overlayHistories, runs],
  );

  if (runs.length === 0) return null;
  return (
    <div className="card train-runs">
      <h2>Runs</h2>
      <div className="train-runs__table">
        <table className="results-table">
          <caption>Recorded runs, newest first. Tick runs to overlay their loss curves.</caption>
          <thead>
            <tr>
              <th scope="col">Overlay</th>
              <th scope="col">Run</th>
              <th scope="col">Config</th>
              <th scope="col">Steps</th>
              <th scope="col">Status</th>
              <th scope="col">Final loss</th>
              <th scope="col">Hidden-patch error, MAE</th>
              <th scope="col">Linear interpolation</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const m = run.meta.finalMetrics;
              const busy = activeJobId !== undefined && live?.runId === run.id;
              return (
                <tr key={run.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Overlay ${run.name}`}
                      checked={overlay.includes(run.id)}
                      onChange={() => void toggleOverlay(run.id)}
                    />
                  </td>
                  <td>
                    {run.name}
                    <div className="muted small">
                      {new Date(run.meta.startedAt).toLocaleString()}
                    </div>
                  </td>
                  <td>{configSummary(run)}</td>
                  <td>
                    {run.meta.step} / {run.meta.options.steps}
                  </td>
                  <td title={run.meta.error}>{busy ? 'running' : run.meta.status}</td>
                  <td>
                    {run.meta.finalLoss === undefined ? '–' : formatValue(run.meta.finalLoss)}
                  </td>
                  <td>{m?.relL2 === undefined ? '–' : formatValue(m.relL2)}</td>
                  <td>{m?.relL2Linear === undefined ? '–' : formatValue(m.relL2Linear)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy}
                      onClick={() => void removeRun(run.id)}
                    >
                      Delete<span className="visually-hidden"> {run.name}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {traces.length > 0 ? (
        <PlotlyChart
          title="Loss curves of the chosen runs"
          height={260}
          data={traces}
          layout={{
            xaxis: { title: { text: 'step' } },
            yaxis: { title: { text: 'masked-patch MSE' }, type: 'log' },
            legend: { orientation: 'h', y: 1.15 },
          }}
        />
      ) : null}
    </div>
  );
}
