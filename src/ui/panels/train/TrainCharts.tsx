/**
 * The run in progress: train and validation loss (log scale), learning rate, speed and the
 * model's own validation metrics. The step axis of both charts can switch to a log scale, to see
 * the first steps of a long run.
 */
import { useMemo, useState } from 'react';
import { modelEntry } from '../../../models/catalog';
import { useTrain } from '../../../state/trainStore';
import { DetailsToggle } from '../../controls/Explained';
import { formatMs, formatValue } from '../../format';
import { useThrottled } from '../../useThrottled';
import { PlotlyChart } from '../../views/PlotlyChart';
import { StepAxisToggle } from './StepAxisToggle';
import { stepAxisLayout } from './stepAxis';

const REDRAW_MS = 400;

export function TrainCharts() {
  const version = useThrottled(
    useTrain((s) => s.version),
    REDRAW_MS,
  );
  const live = useTrain((s) => s.live);
  const [logSteps, setLogSteps] = useState(false);
  const xaxis = stepAxisLayout(logSteps ? 'log' : 'linear');
  const entry = live ? modelEntry(live.modelId) : undefined;
  const view = useMemo(() => {
    if (!live || !entry) return undefined;
    const h = live.history;
    const validationLoss = entry.metrics.find((m) => m.chart === 'loss');
    return {
      loss: [
        {
          type: 'scatter' as const,
          mode: 'lines' as const,
          name: 'train',
          x: h.step.slice(),
          y: h.loss.slice(),
          line: { width: 1.5 },
        },
        {
          type: 'scatter' as const,
          mode: 'lines+markers' as const,
          name: 'validation',
          x: h.valStep.slice(),
          y: (validationLoss ? h.val[validationLoss.id] : undefined)?.slice() ?? [],
          line: { width: 2 },
        },
      ],
      lr: [
        {
          type: 'scatter' as const,
          mode: 'lines' as const,
          name: 'learning rate',
          x: h.step.slice(0, h.lr.length),
          y: h.lr.slice(),
          line: { width: 1.5 },
        },
      ],
      curves: entry.metrics
        .filter((metric) => metric.chart === 'curves')
        .map((metric) => ({
          type: 'scatter' as const,
          mode: 'lines+markers' as const,
          name: metric.label,
          x: h.valStep.slice(),
          y: h.val[metric.id]?.slice() ?? [],
          line: { width: 1.5 },
        })),
      step: h.step.at(-1) ?? 0,
      stepMs: live.stepMs,
      samplesPerSecond: live.samplesPerSecond,
      latest: { ...live.latest },
    };
    // `version` changes whenever the live arrays grow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, entry, version]);
  if (!live || !view || !entry) return null;

  return (
    <div className="card train-charts">
      <dl className="train-numbers">
        <div>
          <dt>Step</dt>
          <dd data-testid="train-step">
            {view.step} / {live.steps}
          </dd>
        </div>
        <div>
          <dt>Step time</dt>
          <dd>{view.stepMs === undefined ? '–' : formatMs(view.stepMs)}</dd>
        </div>
        <div>
          <dt>Samples/s</dt>
          <dd>{view.samplesPerSecond === undefined ? '–' : formatValue(view.samplesPerSecond)}</dd>
        </div>
        {entry.metrics
          .filter((metric) => metric.chart !== 'loss' && metric.chart !== 'curves')
          .map((metric) => (
            <div key={metric.id}>
              <dt>{metric.label}</dt>
              <dd>
                {view.latest[metric.id] === undefined ? '–' : formatValue(view.latest[metric.id]!)}
              </dd>
            </div>
          ))}
      </dl>
      <p className="muted small">{entry.metricsNote.text}</p>
      <DetailsToggle details={entry.metricsNote.details} />
      {view.step > 0 ? <StepAxisToggle log={logSteps} onChange={setLogSteps} /> : null}
      {view.step > 0 ? (
        <div className="train-charts__plots">
          <PlotlyChart
            title="Training and validation loss"
            height={260}
            data={view.loss}
            layout={{
              xaxis,
              yaxis: { title: { text: entry.lossLabel }, type: 'log' },
              legend: { orientation: 'h', y: 1.12 },
            }}
          />
          <PlotlyChart
            title="Learning rate"
            height={260}
            data={view.lr}
            layout={{
              xaxis,
              yaxis: { title: { text: 'learning rate' }, exponentformat: 'e' },
              showlegend: false,
            }}
          />
          {view.curves.length ? (
            <PlotlyChart
              title="Training objectives at each validation"
              height={260}
              data={view.curves}
              layout={{
                xaxis,
                yaxis: { title: { text: 'value (log scale)' }, type: 'log' },
                legend: { orientation: 'h', y: 1.2 },
              }}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
