/**
 * Train: pick a dataset and the Model panel's config, set how to train, and watch the masked
 * autoencoder learn: live loss and learning-rate curves, speed, and the reconstruction of fixed
 * validation samples sharpening. Runs are recorded and can be compared or resumed after a reload.
 * Everything heavy runs in the worker; this panel only sends commands and draws what comes back.
 */
import { useEffect, useState } from 'react';
import { useDatasets } from '../../../state/datasetsStore';
import { shownDataset, useMask } from '../../../state/maskStore';
import { useTrain } from '../../../state/trainStore';
import { SchemaForm } from '../../controls/SchemaForm';
import { DefaultDatasetOffer } from '../mask/DefaultDatasetOffer';
import { ReconstructionView } from './ReconstructionView';
import { RunsCard } from './RunsCard';
import { TrainCharts } from './TrainCharts';
import { TrainControls } from './TrainControls';
import { TrainSetup } from './TrainSetup';
import './train.css';

export function TrainPanel() {
  const records = useDatasets((s) => s.records);
  const refresh = useDatasets((s) => s.refresh);
  const chosenId = useMask((s) => s.chosenId);
  const refreshRuns = useTrain((s) => s.refreshRuns);
  const training = useTrain((s) => s.activeJobId !== undefined);
  const hasLive = useTrain((s) => s.live !== undefined);
  const [listed, setListed] = useState(false);

  useEffect(() => {
    void refresh().finally(() => setListed(true));
    void refreshRuns();
  }, [refresh, refreshRuns]);

  const dataset = shownDataset(records, chosenId);

  return (
    <section className="panel train-panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Train</h1>
      <p className="panel__intro">
        Training shows the masked autoencoder thousands of windows with most patches hidden and
        nudges its weights after each batch so its guesses for the hidden patches improve. Watch the
        loss fall and the reconstruction of the same validation windows sharpen, and compare its
        error with filling the gaps by interpolation.
      </p>
      {!listed && records.length === 0 ? (
        <p className="muted" role="status">
          Looking for saved datasets…
        </p>
      ) : !dataset ? (
        <DefaultDatasetOffer need="Training needs simulations to learn from." />
      ) : (
        <div className="panel-columns">
          <div className="train-side">
            <TrainSetup records={records} dataset={dataset} />
            <div className="card">
              <SchemaForm section="train" legend="How to train" disabled={training} />
            </div>
          </div>
          <div className="train-stage">
            <TrainControls dataset={dataset} />
            {hasLive ? (
              <>
                <TrainCharts />
                <ReconstructionView />
              </>
            ) : null}
          </div>
        </div>
      )}
      <RunsCard />
    </section>
  );
}
