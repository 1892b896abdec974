/** With no dataset saved, a panel offers to build MAE-PDE's default mix, with progress. */
import { useDatasets } from '../../state/datasetsStore';
import { useMask } from '../../state/maskStore';
import { usePretrained } from '../../state/pretrainedStore';
import { useRuntime } from '../../state/runtimeStore';
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
  const pretrained = usePretrained((s) => s.status === 'ready');

  return (
    <div className="card mask-empty">
      <h2>No dataset yet</h2>
      <p>
        {need} Build the default dataset: heat, advection and Burgers equations in equal shares (as
        MAE-PDE pretrains on), 48 trajectories of 24 frames on a 32 × 32 grid, simulated on this
        computer and saved in this browser.
        {pretrained
          ? ' A pretrained masked autoencoder ships with the lab: once the dataset is built, it fills in the hidden patches straight away.'
          : ''}
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
