/**
 * The downstream tasks need labels to spare: when the chosen dataset's train split is too small
 * for the label budgets, or it keeps nothing to test on, offer to build the labelled set.
 */
import { useDatasets } from '../../../../state/datasetsStore';
import { LABELLED_DATASET } from '../../../../state/defaultDataset';
import { applyDefaultDatasetSettings } from '../../../../state/maskStore';
import { useRuntime } from '../../../../state/runtimeStore';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { JobProgressBar } from '../../../controls/JobProgressBar';
import { OutcomeText } from '../../../controls/OutcomeText';

/** Fewer labelled trajectories than this cannot show a label-efficiency curve. */
const ENOUGH_LABELS = 128;

export function LabelledDatasetOffer({ dataset }: { dataset: Summary<DatasetRecordMeta> }) {
  const activeJobId = useDatasets((s) => s.activeJobId);
  const outcome = useDatasets((s) => s.outcome);
  const ready = useRuntime((s) => s.status === 'ready');
  const { split } = dataset.meta;
  const scored = split.test || split.val;
  if (split.train >= ENOUGH_LABELS && scored > 0) return null;
  const train = Math.round(LABELLED_DATASET.count * (1 - LABELLED_DATASET.testFraction));

  const build = () => {
    applyDefaultDatasetSettings({
      count: LABELLED_DATASET.count,
      seed: LABELLED_DATASET.seed,
      valFraction: LABELLED_DATASET.valFraction,
      testFraction: LABELLED_DATASET.testFraction,
    });
    void useDatasets.getState().build();
  };

  return (
    <div className="card downstream-offer">
      <p>
        “{dataset.name}” has {split.train} training trajectories
        {scored > 0 ? '' : ' and none held out to test on'}: too few for label budgets up to 128.
        Build the labelled set: the same heat, advection and Burgers mix, {LABELLED_DATASET.count}{' '}
        new trajectories (seed {LABELLED_DATASET.seed}), {train} to label and{' '}
        {LABELLED_DATASET.count - train} to test on.
      </p>
      <button
        type="button"
        className="button"
        onClick={build}
        disabled={!ready || activeJobId !== undefined}
      >
        Build the labelled dataset
      </button>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      <OutcomeText outcome={outcome} />
    </div>
  );
}
