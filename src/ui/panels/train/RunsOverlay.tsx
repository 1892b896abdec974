/**
 * The loss curves of the runs ticked in the runs table, in one chart. When their lengths differ
 * by more than tenfold the step axis starts logarithmic, so that a 40-step run is seen beside a
 * 30,000-step one; the toggle overrides that until the choice of runs changes the default.
 */
import { useMemo, useState } from 'react';
import { isModelId, modelEntry } from '../../../models/catalog';
import { useTrain } from '../../../state/trainStore';
import { PlotlyChart } from '../../views/PlotlyChart';
import { StepAxisToggle } from './StepAxisToggle';
import { lastStep, lengthsCallForLogSteps, LOG_STEPS_RATIO, stepAxisLayout } from './stepAxis';

export function RunsOverlay() {
  const runs = useTrain((s) => s.runs);
  const overlay = useTrain((s) => s.overlay);
  const overlayHistories = useTrain((s) => s.overlayHistories);
  const { traces, lengths, lossLabel } = useMemo(() => {
    const shown = overlay.flatMap((id) => {
      const h = overlayHistories[id];
      const run = runs.find((r) => r.id === id);
      return h && run ? [{ name: run.name, h, modelId: run.meta.modelId }] : [];
    });
    const models = new Set(shown.map((s) => s.modelId));
    const [only] = models;
    return {
      // Each model's loss is its own: name it when the chosen runs share one.
      lossLabel:
        models.size === 1 && only !== undefined && isModelId(only)
          ? modelEntry(only).lossLabel
          : 'training loss (each model its own)',
      traces: shown.map(({ name, h }) => ({
        type: 'scatter' as const,
        mode: 'lines' as const,
        name,
        x: h.step,
        y: h.loss,
      })),
      lengths: shown.map(({ h }) => lastStep(h.step)),
    };
  }, [overlay, overlayHistories, runs]);
  const suggested = lengthsCallForLogSteps(lengths);
  // A choice made against one default lasts until the chosen runs change that default.
  const [choice, setChoice] = useState<{ against: boolean; log: boolean }>();
  const log = choice && choice.against === suggested ? choice.log : suggested;

  if (traces.length === 0) return null;
  return (
    <div className="train-runs__overlay">
      <StepAxisToggle
        log={log}
        label="Log-scale step axis for the chosen runs"
        onChange={(checked) => setChoice({ against: suggested, log: checked })}
        note={
          suggested
            ? `On by default: the chosen runs’ lengths differ more than ${LOG_STEPS_RATIO}-fold.`
            : undefined
        }
      />
      <PlotlyChart
        title="Loss curves of the chosen runs"
        height={260}
        data={traces}
        layout={{
          xaxis: stepAxisLayout(log ? 'log' : 'linear'),
          yaxis: { title: { text: lossLabel }, type: 'log' },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
        }}
      />
    </div>
  );
}
