/** A labelled select of the saved datasets, with a line about the chosen one. */
import { useId, type ReactNode } from 'react';
import type { DatasetRecordMeta } from '../../storage/datasetRecords';
import type { Summary } from '../../storage/types';

type DatasetSummary = Summary<DatasetRecordMeta>;

interface DatasetPickerProps {
  datasets: readonly DatasetSummary[];
  dataset: DatasetSummary;
  /** Shown under the select, about the chosen dataset. */
  help: ReactNode;
  disabled?: boolean;
  /** Words after a dataset's name in its option, e.g. " (trained on)". */
  optionNote?(dataset: DatasetSummary): string;
  onChoose(datasetId: string): void;
}

export function DatasetPicker({
  datasets,
  dataset,
  help,
  disabled,
  optionNote,
  onChoose,
}: DatasetPickerProps) {
  const id = useId();
  return (
    <div className="param">
      <label htmlFor={id}>Dataset</label>
      <select
        id={id}
        value={dataset.id}
        aria-describedby={`${id}-help`}
        disabled={disabled}
        onChange={(e) => onChoose(e.target.value)}
      >
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
            {optionNote?.(d) ?? ''}
          </option>
        ))}
      </select>
      <small id={`${id}-help`} className="param__help">
        {help}
      </small>
    </div>
  );
}
