/**
 * Train: pick a dataset and the Model panel's config, set how to train, and watch the masked
 * autoencoder learn: live loss and learning-rate curves, speed, and the reconstruction of fixed
 * validation samples sharpening. Runs are recorded and can be compared or resumed after a reload.
 * Everything heavy runs in the worker; this panel only sends commands and draws what comes back.
 */
import { useEffect } from 'react';
import { modelEntry, type ModelId } from '../../../models/catalog';
import { shownDataset, useMask } from '../../../state/maskStore';
import { modelSelection } from '../../../state/modelSettings';
import { useSettings } from '../../../state/settingsStore';
import { useTrain } from '../../../state/trainStore';
import { DatasetNeeded } from '../../controls/DatasetNeeded';
import { SchemaForm } from '../../controls/SchemaForm';
import { useSavedDatasets } from '../../controls/useSavedDatasets';
import { modelViews } from '../../models/registry';
import { RunsCard } from './RunsCard';
import { SweepCard } from './sweep/SweepCard';
import { TrainCharts } from './TrainCharts';
import { TrainControls } from './TrainControls';
import { TrainSetup } from './TrainSetup';
import './train.css';

export function TrainPanel() {
  const { records, listed } = useSavedDatasets();
  const chosenId = useMask((s) => s.chosenId);
  const refreshRuns = useTrain((s) => s.refreshRuns);
  const training = useTrain((s) => s.activeJobId !== undefined);
  const hasLive = useTrain((s) => s.live !== undefined);
  // The run's own model pictures it; with no run, the one chosen in the Model panel.
  const chosenModelId = useSettings((s) => modelSelection(s.values).entry.id) as ModelId;
  const liveModelId = useTrain((s) => s.live?.modelId);
  const { SnapshotView } = modelViews(liveModelId ?? chosenModelId);

  useEffect(() => {
    void refreshRuns();
  }, [refreshRuns]);

  const dataset = shownDataset(records, chosenId);

  return (
    <section className="panel train-panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Train</h1>
      <p className="panel__intro">{modelEntry(liveModelId ?? chosenModelId).trainingStory}</p>{' '}
      {!dataset ? (
        <DatasetNeeded
          listed={listed}
          anySaved={records.length > 0}
          need="Training needs simulations to learn from."
        />
      ) : (
        <>
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
                  <SnapshotView />
                </>
              ) : null}
            </div>
          </div>
          <SweepCard dataset={dataset} />
        </>
      )}
      <RunsCard />
    </section>
  );
}
