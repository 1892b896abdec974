/** The encoder and the dataset every downstream section runs on. */
import { useId } from 'react';
import { useDownstream } from '../../../state/downstreamStore';
import type { MaskModelOption } from '../../../state/maskSources';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import type { Summary } from '../../../storage/types';
import { modelOptionLabel } from '../mask/sourceText';

interface DownstreamSetupProps {
  models: readonly MaskModelOption[];
  model: MaskModelOption;
  datasets: readonly Summary<DatasetRecordMeta>[];
  dataset: Summary<DatasetRecordMeta>;
}

export function DownstreamSetup({ models, model, datasets, dataset }: DownstreamSetupProps) {
  const id = useId();
  const choose = useDownstream((s) => s.choose);
  const { split } = dataset.meta;
  return (
    <div className="card downstream-setup" role="group" aria-label="Encoder and dataset">
      <div className="param">
        <label htmlFor={`${id}-model`}>Pretrained encoder</label>
        <select
          id={`${id}-model`}
          value={model.checkpointId}
          aria-describedby={`${id}-model-help`}
          onChange={(e) => choose({ checkpointId: e.target.value })}
        >
          {models.map((m) => (
            <option key={m.checkpointId} value={m.checkpointId}>
              {m.runName} · step {m.step}
            </option>
          ))}
        </select>
        <small id={`${id}-model-help`} className="param__help">
          {modelOptionLabel(model)}
        </small>
      </div>
      <div className="param">
        <label htmlFor={`${id}-dataset`}>Dataset</label>
        <select
          id={`${id}-dataset`}
          value={dataset.id}
          aria-describedby={`${id}-dataset-help`}
          onChange={(e) => choose({ datasetId: e.target.value })}
        >
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <small id={`${id}-dataset-help`} className="param__help">
          {split.train} training · {split.val} validation · {split.test} test trajectories
        </small>
      </div>
    </div>
  );
}
