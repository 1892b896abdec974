/** The encoder and the dataset every downstream section runs on. */
import { useDownstream } from './state/downstreamStore';
import type { SavedModel } from '../../../../state/savedModels';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { DatasetPicker } from '../../../controls/DatasetPicker';
import { modelOptionLabel } from '../../../controls/modelOptionLabel';
import { TrainedModelPicker } from '../../../controls/TrainedModelPicker';

interface DownstreamSetupProps {
  models: readonly SavedModel[];
  model: SavedModel;
  datasets: readonly Summary<DatasetRecordMeta>[];
  dataset: Summary<DatasetRecordMeta>;
}

export function DownstreamSetup({ models, model, datasets, dataset }: DownstreamSetupProps) {
  const choose = useDownstream((s) => s.choose);
  const { split } = dataset.meta;
  return (
    <div className="card downstream-setup" role="group" aria-label="Encoder and dataset">
      <TrainedModelPicker
        label="Pretrained encoder"
        models={models}
        model={model}
        onChoose={(checkpointId) => choose({ checkpointId })}
        help={modelOptionLabel(model)}
      />
      <DatasetPicker
        datasets={datasets}
        dataset={dataset}
        onChoose={(datasetId) => choose({ datasetId })}
        help={`${split.train} training · ${split.val} validation · ${split.test} test trajectories`}
      />
    </div>
  );
}
