/**
 * What to roll out: the saved DPOT, optionally a second one to compare, the dataset, the
 * trajectory and the rollout's length; then Roll out, with progress and Stop.
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
import { trajectorySplit } from '../../../../data/trajectories';
import { modelName, useRolloutLab, type RolloutTarget } from './forecastLabStore';
import { maxRolloutSteps, rolloutProblem, rolloutStart, trajectoryEquation } from './setupChecks';

const SPLIT_WORDS = {
  train: 'in the training split: the model learnt from it',
  validation: 'in the validation split: the model never trained on it',
  test: 'in the test split: the model never saw it',
} as const;

/** "noise 20 %, 10 input frames": what tells two DPOTs apart in a comparison. */
function modelTraits(model: SavedModel): string {
  const noise = Math.round(Number(model.config.noise) * 100);
  return `training noise ${noise} %, reads ${String(model.config.inputFrames)} frames`;
}

interface RolloutSetupProps {
  models: readonly SavedModel[];
  target: RolloutTarget;
  datasets: readonly Summary<DatasetRecordMeta>[];
  /** The chosen dataset (target.dataset's record). */
  dataset: Summary<DatasetRecordMeta>;
}

export function RolloutSetup({ models, target, datasets, dataset }: RolloutSetupProps) {
  const id = useId();
  const { choose, run, activeJobId, outcome } = useRolloutLab();
  const ready = useRuntime((s) => s.status === 'ready');
  const running = activeJobId !== undefined;
  const [model, second] = target.models as [SavedModel, SavedModel | undefined];
  const { trajectory, steps } = target;
  const meta = dataset.meta;
  const total = trajectoryCount(meta);
  const frames = meta.times.length;
  const n = meta.grid.n;
  const max = maxRolloutSteps(target.models, frames);
  const problem = rolloutProblem(target.models, meta, trajectory);
  const equation = trajectoryEquation(meta, trajectory);
  const canRun = ready && !running && !problem && max > 0;
  const others = models.filter((m) => m.checkpointId !== model.checkpointId);

  return (
    <form
      className="card results-setup"
      aria-label="What to roll out"
      onSubmit={(e) => {
        e.preventDefault();
        run(target);
      }}
    >
      <TrainedModelPicker
        label="Trained DPOT"
        models={models}
        model={model}
        disabled={running}
        onChoose={(checkpointId) =>
          choose({
            checkpointId,
            ...(checkpointId === second?.checkpointId ? { compareId: undefined } : {}),
          })
        }
        help={
          <>
            {modelOptionLabel(model)} · {modelTraits(model)}
          </>
        }
      />
      <div className="param">
        <label htmlFor={`${id}-compare`}>Compare with</label>
        <select
          id={`${id}-compare`}
          value={second?.checkpointId ?? ''}
          disabled={running || others.length === 0}
          aria-describedby={`${id}-compare-help`}
          onChange={(e) => choose({ compareId: e.target.value || undefined })}
        >
          <option value="">No second model</option>
          {others.map((m) => (
            <option key={m.checkpointId} value={m.checkpointId}>
              {modelName(m)}
            </option>
          ))}
        </select>
        <small id={`${id}-compare-help`} className="param__help">
          {second
            ? `${modelOptionLabel(second)} · ${modelTraits(second)}. Both roll out the same frames.`
            : others.length === 0
              ? 'Train a second DPOT (say, with no input noise) to compare the two rollouts.'
              : 'Optional: a second DPOT, e.g. one trained without input noise, rolled out beside the first.'}
        </small>
      </div>
      <DatasetPicker
        datasets={datasets}
        dataset={dataset}
        disabled={running}
        optionNote={(d) => (model.datasetId === d.id ? ' (trained on)' : '')}
        onChoose={(datasetId) => choose({ datasetId, trajectory: undefined })}
        help={
          <>
            {model.datasetId === dataset.id
              ? 'The dataset the first model trained on.'
              : 'Not the dataset the first model trained on.'}{' '}
            {total} trajectories of {frames} frames on a {n} × {n} grid.
          </>
        }
      />
      {problem ? (
        <p className="text-problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="results-setup__row">
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
        </div>
        <div className="param">
          <label htmlFor={`${id}-steps`}>Rollout steps</label>
          <input
            id={`${id}-steps`}
            type="number"
            min={1}
            max={Math.max(1, max)}
            step={1}
            required
            value={steps}
            disabled={running || max < 1}
            aria-describedby={`${id}-steps-help`}
            onChange={(e) => {
              const value = Math.round(Number(e.target.value));
              if (Number.isFinite(value)) choose({ steps: Math.min(max, Math.max(1, value)) });
            }}
          />
        </div>
      </div>
      <small id={`${id}-trajectory-help`} className="param__help">
        0 to {total - 1}. Trajectory {trajectory} is {equation.equation},{' '}
        {SPLIT_WORDS[trajectorySplit(meta.split, trajectory)]}. It is pictured; the scores are of
        the held-out trajectories.
      </small>
      <small id={`${id}-steps-help`} className="param__help">
        {max > 0
          ? `1 to ${max}: the rollout starts after the first ${rolloutStart(target.models)} frames${second ? ' (the longer of the two models’ windows)' : ''}, and the trajectories have ${frames}.`
          : 'These trajectories are too short to roll out.'}
      </small>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!canRun}>
          Roll out
        </button>
      </div>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      {running ? null : <OutcomeText outcome={outcome} />}
    </form>
  );
}
