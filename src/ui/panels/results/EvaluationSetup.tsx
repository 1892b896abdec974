/**
 * What to evaluate on what: the trained model (newest first), the dataset, its split, the mask
 * ratio and strategy, windows per equation and seed; then Evaluate, with progress and Stop.
 */
import { useId } from 'react';
import { MAX_MASK_RATIO, type MaskStrategy } from '../../../data/masks/strategies';
import {
  EVALUATION_SPLITS,
  splitRange,
  type EvaluationSplit,
} from '../../../runtime/jobs/evaluateModelConfig';
import { maskSchema } from '../../../state/maskSchema';
import { useResults } from '../../../state/resultsStore';
import { useRuntime } from '../../../state/runtimeStore';
import type { ReconstructingModel } from '../../../state/savedModels';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import type { Summary } from '../../../storage/types';
import { DatasetPicker } from '../../controls/DatasetPicker';
import { JobProgressBar } from '../../controls/JobProgressBar';
import { OutcomeText } from '../../controls/OutcomeText';
import { TrainedModelPicker } from '../../controls/TrainedModelPicker';
import { modelOptionLabel } from '../../controls/modelOptionLabel';

const SPLIT_LABELS: Record<EvaluationSplit, string> = {
  validation: 'Validation',
  test: 'Test',
  all: 'All trajectories',
};

const STRATEGIES = maskSchema.strategy.options as readonly { value: MaskStrategy; label: string }[];

interface EvaluationSetupProps {
  models: readonly ReconstructingModel[];
  model: ReconstructingModel;
  datasets: readonly Summary<DatasetRecordMeta>[];
  dataset: Summary<DatasetRecordMeta>;
}

export function EvaluationSetup({ models, model, datasets, dataset }: EvaluationSetupProps) {
  const id = useId();
  const { choices, choose, evaluate, activeJobId, activeJob, outcome, outcomeOf, trainedOn } =
    useResults();
  const ready = useRuntime((s) => s.status === 'ready');
  const running = activeJobId !== undefined;
  const ratio = choices.ratio ?? model.maskedWindow.maskRatio;
  const total = dataset.meta.split.train + dataset.meta.split.val + dataset.meta.split.test;
  const counts = (split: EvaluationSplit) => splitRange(dataset.meta.split, total, split).count;

  return (
    <form
      className="card results-setup"
      aria-label="What to evaluate"
      onSubmit={(e) => {
        e.preventDefault();
        evaluate({ model, dataset: { id: dataset.id, name: dataset.name } });
      }}
    >
      <TrainedModelPicker
        label="Trained model"
        models={models}
        model={model}
        disabled={running}
        onChoose={(checkpointId) => choose({ checkpointId, ratio: undefined })}
        help={
          <>
            {modelOptionLabel(model)} · trained with{' '}
            {Math.round(model.maskedWindow.maskRatio * 100)}% of patches hidden
          </>
        }
      />
      <DatasetPicker
        datasets={datasets}
        dataset={dataset}
        disabled={running}
        optionNote={(d) => (trainedOn[model.checkpointId] === d.id ? ' (trained on)' : '')}
        onChoose={(datasetId) => choose({ datasetId })}
        help={
          trainedOn[model.checkpointId] === dataset.id
            ? 'The model learned from this dataset’s training split; validation and test trajectories are new to it.'
            : 'Not the dataset this model was trained on: every trajectory is new to it.'
        }
      />
      <div className="param">
        <label htmlFor={`${id}-split`}>Split</label>
        <select
          id={`${id}-split`}
          value={choices.split}
          disabled={running}
          onChange={(e) => choose({ split: e.target.value as EvaluationSplit })}
        >
          {EVALUATION_SPLITS.map((split) => (
            <option key={split} value={split}>
              {SPLIT_LABELS[split]} ({counts(split)}{' '}
              {counts(split) === 1 ? 'trajectory' : 'trajectories'})
            </option>
          ))}
        </select>
      </div>
      <div className="param">
        <label htmlFor={`${id}-strategy`}>Strategy</label>
        <select
          id={`${id}-strategy`}
          value={choices.strategy}
          disabled={running}
          onChange={(e) => choose({ strategy: e.target.value as MaskStrategy })}
        >
          {STRATEGIES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="results-setup__row">
        <div className="param">
          <label htmlFor={`${id}-ratio`}>Mask ratio</label>
          <input
            id={`${id}-ratio`}
            type="number"
            min={0.05}
            max={MAX_MASK_RATIO}
            step={0.05}
            required
            value={ratio}
            aria-describedby={`${id}-row-help`}
            disabled={running}
            onChange={(e) =>
              choose({ ratio: e.target.value === '' ? undefined : Number(e.target.value) })
            }
          />
        </div>
        <div className="param">
          <label htmlFor={`${id}-seed`}>Seed</label>
          <input
            id={`${id}-seed`}
            type="number"
            min={0}
            max={2 ** 31 - 1}
            step={1}
            required
            value={choices.seed}
            aria-describedby={`${id}-row-help`}
            disabled={running}
            onChange={(e) => choose({ seed: Math.round(Number(e.target.value)) })}
          />
        </div>
        <div className="param">
          <label htmlFor={`${id}-windows`}>Windows per equation</label>
          <input
            id={`${id}-windows`}
            type="number"
            min={1}
            max={1024}
            step={1}
            required
            value={choices.windowsPerGroup}
            disabled={running}
            onChange={(e) => choose({ windowsPerGroup: Math.round(Number(e.target.value)) })}
          />
        </div>
      </div>
      <small id={`${id}-row-help`} className="param__help">
        {choices.ratio === undefined || choices.ratio === model.maskedWindow.maskRatio
          ? 'Mask ratio: the model’s own.'
          : `Mask ratio: the model trained at ${model.maskedWindow.maskRatio}.`}{' '}
        The same seed draws the same windows and masks.
      </small>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={!ready || running}>
          Evaluate
        </button>
      </div>
      {activeJobId && activeJob === 'evaluation' ? <JobProgressBar jobId={activeJobId} /> : null}
      {running || outcomeOf === 'sweep' ? null : <OutcomeText outcome={outcome} />}
    </form>
  );
}
