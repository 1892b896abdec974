/** With no dataset saved, a panel offers to build the chosen model's default dataset, with progress. */
import { useDatasets } from '../../state/datasetsStore';
import { useMask } from '../../state/maskStore';
import { usePretrained } from '../../state/pretrainedStore';
import { useRuntime } from '../../state/runtimeStore';
import { modelSelection } from '../../state/modelSettings';
import { useSettings } from '../../state/settingsStore';
import { JobProgressBar } from './JobProgressBar';
import { OutcomeText } from './OutcomeText';

/** `need`: why the panel wants data, e.g. "Masking needs simulations to hide parts of." */
export function DefaultDatasetOffer({ need }: { need: string }) {
  const activeJobId = useDatasets((s) => s.activeJobId);
  const outcome = useDatasets((s) => s.outcome);
  const buildDefault = useMask((s) => s.buildDefaultDataset);
  const ready = useRuntime((s) => s.status === 'ready');
  const update = useSettings((s) => s.update);
  const recipe = useSettings((s) => modelSelection(s.values).entry.defaultDataset);
  const modelId = useSettings((s) => modelSelection(s.values).entry.id);
  const pretrained = usePretrained((s) => s.manifests[modelId] !== undefined);

  return (
    <div className="card mask-empty">
      <h2>No dataset yet</h2>
      <p>
        {need} {recipe.description}
        {pretrained ? ` ${recipe.withPretrained}` : ''}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void buildDefault()}
          disabled={!ready || activeJobId !== undefined}
        >
          Build the default dataset
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => update('app', { panel: 'data' })}
        >
          Or build your own in the Data panel
        </button>
      </div>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      <OutcomeText outcome={outcome} />
    </div>
  );
}
