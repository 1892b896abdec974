/** What will be trained on what: the dataset (shared with the Mask panel) and the model config. */
import { useId } from 'react';
import { useMask } from '../../../state/maskStore';
import { modelSelection } from '../../../state/modelSettings';
import { useSettings } from '../../../state/settingsStore';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import type { Summary } from '../../../storage/types';
import { formatParameterCount } from '../../formatCount';
import { datasetProblem } from './trainChecks';

interface TrainSetupProps {
  records: Summary<DatasetRecordMeta>[];
  dataset: Summary<DatasetRecordMeta>;
}

export function TrainSetup({ records, dataset }: TrainSetupProps) {
  const id = useId();
  const choose = useMask((s) => s.choose);
  const values = useSettings((s) => s.values);
  const update = useSettings((s) => s.update);
  const selection = modelSelection(values);
  const preset = selection.entry.presets[selection.preset]?.label ?? 'Custom';
  const problem = selection.problem ?? datasetProblem(dataset.meta, selection.config);
  const { train, val, test } = dataset.meta.split;

  return (
    <div className="card train-setup">
      <label htmlFor={id} className="train-setup__dataset">
        Dataset
        <select id={id} value={dataset.id} onChange={(e) => choose(e.target.value)}>
          {records.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">
        {train} trajectories to train on, {val} to validate on ({test} kept for testing),{' '}
        {dataset.meta.times.length} frames at {dataset.meta.grid.n}².
      </p>
      <div className="train-setup__model" aria-label="Model to train">
        <strong>{selection.entry.title}</strong>
        <span>
          {preset} preset · {formatParameterCount(selection.entry.parameterCount(selection.config))}{' '}
          parameters
        </span>
        <button
          type="button"
          className="link-button"
          onClick={() => update('app', { panel: 'model' })}
        >
          Change in the Model panel
        </button>
      </div>
      {problem ? (
        <p className="text-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
