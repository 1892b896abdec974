/**
 * What to forecast: the saved PhysicNet-style, the dataset and the trajectory; then Forecast,
 * with progress and Stop.
 */
import { useId } from 'react';
import { trajectoryCount } from '../../../../data/io/meta';
import { useRuntime } from '../../../../state/runtimeStore';
import type { SavedModel } from '../../../../state/savedModels';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { DatasetPicker } from '../../../controls/DatasetPicker';
import { JobProgressBar } from '../../../controls/JobProgressBar';
import { OutcomeText } from '../../../controls/OutcomeText';
import { TrainedModelPicker } from '../../../controls/TrainedModelPicker';
import { modelOptionLabel } from '../../../controls/modelOptionLabel';
import { usePhysicNetLab, type ForecastTarget } from './forecastLabStore';
import { trajectorySplit } from '../../../../data/trajectories';
import { datasetProblem } from './setupChecks';

const SPLIT_WORDS = {
  train: 'in the training split: the model learnt from it',
  validation: 'in the validation split: the model never trained on it',
  test: 'in the test split: the model never saw it',
} as const;

interface ForecastSetupProps {
  models: readonly SavedModel[];
  target: ForecastTarget;
  datasets: readonly Summary<DatasetRecordMeta>[];
  /** The chosen dataset (target.dataset's record). */
  dataset: Summary<DatasetRecordMeta>;
}

export function ForecastSetup({ models, target, datasets, dataset }: ForecastSetupProps) {
  const id = useId();
  const { choose, run, activeJobId, outcome } = usePhysicNetLab();
  const ready = useRuntime((s) => s.status === 'ready');
  const running = activeJobId !== undefined;
  const { model, trajectory } = target;
  const datasetMeta = dataset.meta;
  const total = trajectoryCount(datasetMeta);
  const frames = datasetMeta.times.length;
  const n = datasetMeta.grid.n;
  const problem = datasetProblem(model, datasetMeta);
  const trainedOn = model.datasetId === dataset.id;
  const canRun = ready && !running && !problem;

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
        label="Trained PhysicNet-style"
        models={models}
        model={model}
        disabled={running}
        onChoose={(checkpointId) => choose({ checkpointId })}
        help={
          <>
            {modelOptionLabel(model)} · reads {String(model.config.inputFrames)} frames, forecasts{' '}
            {String(model.config.outputFrames)}
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
              : 'Not the dataset this model trained on: it must hold the same kind of motion to make sense.'}{' '}
            {total} trajectories of {frames} frames on a {n} × {n} grid.
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
          {SPLIT_WORDS[trajectorySplit(datasetMeta.split, trajectory)]}. Its first window is
          pictured; the scores are of every held-out trajectory.
        </small>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!canRun}>
          Forecast
        </button>
      </div>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      {running ? null : <OutcomeText outcome={outcome} />}
    </form>
  );
}
