/** A labelled select of saved models (newest first), with a line about the chosen one. */
import { useId, type ReactNode } from 'react';
import type { SavedModel } from '../../state/savedModels';

interface TrainedModelPickerProps<M extends SavedModel> {
  label: string;
  models: readonly M[];
  model: M;
  /** Shown under the select, about the chosen model. */
  help: ReactNode;
  disabled?: boolean;
  onChoose(checkpointId: string): void;
}

export function TrainedModelPicker<M extends SavedModel>({
  label,
  models,
  model,
  help,
  disabled,
  onChoose,
}: TrainedModelPickerProps<M>) {
  const id = useId();
  return (
    <div className="param">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={model.checkpointId}
        aria-describedby={`${id}-help`}
        disabled={disabled}
        onChange={(e) => onChoose(e.target.value)}
      >
        {models.map((m) => (
          <option key={m.checkpointId} value={m.checkpointId}>
            {m.runName} · step {m.step}
          </option>
        ))}
      </select>
      <small id={`${id}-help`} className="param__help">
        {help}
      </small>
    </div>
  );
}
