/**
 * What to forecast: the saved DINo, the dataset, the trajectory and the display resolution; then
 * Forecast, with progress and Stop. A new resolution alone decodes the last forecast again.
 */
import { useEffect, useId, useRef } from 'react';
import { MAX_RESOLUTION, MIN_RESOLUTION } from '../../../../models/dino/jobs/forecastConfig';
import { trajectoryCount, type DatasetMeta } from '../../../../data/io/meta';
import { useRuntime } from '../../../../state/runtimeStore';
import type { SavedModel } from '../../../../state/savedModels';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { DatasetPicker } from '../../../controls/DatasetPicker';
import { JobProgressBar } from '../../../controls/JobProgressBar';
import { OutcomeText } from '../../../controls/OutcomeText';
import { TrainedModelPicker } from '../../../controls/TrainedModelPicker';
import { modelOptionLabel } from '../../../controls/modelOptionLabel';
import { useForecastLab, type ForecastTarget } from './forecastLabStore';
import { trajectorySplit } from '../../../../data/trajectories';

const SPLIT_WORDS = {
  train: 'in the training split: DINo fitted codes to its first frames while it trained',
  validation: 'in the validation split: DINo never trained on it',
  test: 'in the test split: DINo never saw it',
} as const;

/** Waits this long after the last resolution change before decoding again. */
const RESOLUTION_DELAY_MS = 500;

interface ForecastSetupProps {
  models: readonly SavedModel[];
  target: ForecastTarget;
  datasets: readonly Summary<DatasetRecordMeta>[];
  /** The chosen dataset (target.dataset's record). */
  dataset: Summary<DatasetRecordMeta>;
}

/** Why the chosen model cannot forecast the chosen dataset, in words; undefined when it can. */
function datasetProblem(model: SavedModel, meta: DatasetMeta): string | undefined {
  if (meta.channels.length < model.channels) {
    return `This DINo reads ${model.channels} channels and the dataset has ${meta.channels.length}: choose a dataset of the equation it was trained on.`;
  }
  return undefined;
}

export function ForecastSetup({ models, target, datasets, dataset }: ForecastSetupProps) {
  const id = useId();
  const { choices, choose, run, activeJobId, outcome, last } = useForecastLab();
  const ready = useRuntime((s) => s.status === 'ready');
  const running = activeJobId !== undefined;
  const { model, trajectory, gridX, gridY, sensors } = target;
  const datasetMeta = dataset.meta;
  const total = trajectoryCount(datasetMeta);
  const trainFrames = Number(model.config.trainFrames);
  const frames = datasetMeta.times.length;
  const problem = datasetProblem(model, datasetMeta);
  const trainedOn = model.datasetId === dataset.id;
  const canRun = ready && !running && !problem && sensors.length > 0;

  // A new resolution alone decodes the same forecast again, once the slider rests.
  const sameButResolution =
    last !== undefined &&
    last.params.checkpointId === model.checkpointId &&
    last.params.datasetId === dataset.id &&
    last.params.trajectory === trajectory &&
    last.result.resolution !== choices.resolution &&
    Array.from(last.params.sensors).join() === sensors.join();
  // Once per resolution: a failed or stopped decode is not tried again by itself.
  const attempted = useRef<string | undefined>(undefined);
  const attempt = `${model.checkpointId}|${dataset.id}|${trajectory}|${choices.resolution}|${sensors.join()}`;
  useEffect(() => {
    if (!sameButResolution || !canRun || attempted.current === attempt) return;
    const timer = setTimeout(() => {
      attempted.current = attempt;
      run(target);
    }, RESOLUTION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [sameButResolution, canRun, attempt, run, target]);

  return (
    <form
      className="card results-setup"
      aria-label="What to forecast"
      onSubmit={(e) => {
        e.preventDefault();
        run(target);
      }}
    >
      <TrainedModelPicker
        label="Trained DINo"
        models={models}
        model={model}
        disabled={running}
        onChoose={(checkpointId) =>
          choose({ checkpointId, rate: undefined, seed: undefined, trajectory: undefined })
        }
        help={
          <>
            {modelOptionLabel(model)} · trained on frames 1–{trainFrames} with{' '}
            {Math.round(Number(model.config.subsamplingRate) * 100)} % of the grid observed
          </>
        }
      />
      <DatasetPicker
        datasets={datasets}
        dataset={dataset}
        disabled={running}
        optionNote={(d) => (model.datasetId === d.id ? ' (trained on)' : '')}
        onChoose={(datasetId) => choose({ datasetId, trajectory: undefined })}
        help={
          <>
            {trainedOn
              ? 'The dataset this model trained on.'
              : 'Not the dataset this model trained on: it must hold the same equation to make sense.'}{' '}
            {total} trajectories of {frames} frames on a {gridX} × {gridY} grid.
          </>
        }
      />
      {problem ? (
        <p className="text-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="param">
        <label htmlFor={`${id}-trajectory`}>Trajectory</label>
        <input
          id={`${id}-trajectory`}
          type="number"
          min={0}
          max={total - 1}
          step={1}
          required
          value={trajectory}
          disabled={running}
          aria-describedby={`${id}-trajectory-help`}
          onChange={(e) => {
            const value = Math.round(Number(e.target.value));
            if (Number.isFinite(value))
              choose({ trajectory: Math.min(total - 1, Math.max(0, value)) });
          }}
        />
        <small id={`${id}-trajectory-help`} className="param__help">
          0 to {total - 1}. Trajectory {trajectory} is{' '}
          {SPLIT_WORDS[trajectorySplit(datasetMeta.split, trajectory)]}.
        </small>
      </div>
      <div className="param">
        <label htmlFor={`${id}-resolution`}>Display resolution</label>
        <input
          id={`${id}-resolution`}
          type="range"
          min={MIN_RESOLUTION}
          max={MAX_RESOLUTION}
          step={MIN_RESOLUTION}
          value={choices.resolution}
          aria-valuetext={`${choices.resolution} by ${choices.resolution} points`}
          aria-describedby={`${id}-resolution-help`}
          onChange={(e) => choose({ resolution: Number(e.target.value) })}
        />
        <output htmlFor={`${id}-resolution`}>
          {choices.resolution} × {choices.resolution}
        </output>
        <small id={`${id}-resolution-help`} className="param__help">
          The decoder can be asked for the field at any point, so the same fitted code is drawn on a
          grid this fine: super-resolution without retraining. The data’s own grid is {gridX} ×{' '}
          {gridY}; errors are always measured there.
        </small>
      </div>
      {frames <= trainFrames ? (
        <p className="muted small">
          These trajectories have {frames} frames and the model trained on {trainFrames}: no frame
          lies beyond the training horizon.
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!canRun}>
          Forecast
        </button>
        {sensors.length === 0 ? <span className="muted small">Place a sensor first.</span> : null}
      </div>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      {running ? null : <OutcomeText outcome={outcome} />}
    </form>
  );
}
