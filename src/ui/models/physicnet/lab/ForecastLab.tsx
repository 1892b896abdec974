/**
 * PhysicNet-style's Results view, the forecast lab: choose a saved PhysicNet-style, a dataset and
 * a trajectory, forecast its first window in the worker, and see it as the Train panel pictures
 * a validation window (forecast against the truth, the code map, the flow against the true
 * velocity); then the model scored on the dataset's held-out trajectories against persistence,
 * the baseline that repeats the last input frame: per forecast step, and as a table; below,
 * the paper's claim reproduced on a saved dataset.
 */
import { useEffect } from 'react';
import { trajectoryCount } from '../../../../data/io/meta';
import { chosenModel } from '../../../../state/savedModels';
import { useSettings } from '../../../../state/settingsStore';
import { useTrain } from '../../../../state/trainStore';
import { DatasetNeeded } from '../../../controls/DatasetNeeded';
import { useSavedDatasets } from '../../../controls/useSavedDatasets';
import { usePhysicNetLab, type ForecastTarget } from './forecastLabStore';
import { ForecastResults } from './ForecastResults';
import { ForecastSetup } from './ForecastSetup';
import { ReproduceCard } from './ReproduceCard';
import { defaultTrajectory } from '../../../../data/trajectories';
import '../physicnet.css';
import './forecastLab.css';

export function ForecastLab() {
  const { records: datasets, listed } = useSavedDatasets();
  const runs = useTrain((s) => s.runs);
  const refreshRuns = useTrain((s) => s.refreshRuns);
  const update = useSettings((s) => s.update);
  const { models, modelsListed, refreshModels, choices, last } = usePhysicNetLab();

  useEffect(() => {
    void refreshRuns();
  }, [refreshRuns]);
  // A run trained, resumed or deleted changes which checkpoints are saved.
  useEffect(() => {
    void refreshModels();
  }, [refreshModels, runs]);

  const model = chosenModel(models, choices.checkpointId);
  const dataset =
    datasets.find((d) => d.id === choices.datasetId) ??
    datasets.find((d) => d.id === model?.datasetId) ??
    datasets[0];
  const total = dataset ? trajectoryCount(dataset.meta) : 0;
  const trajectory = dataset
    ? Math.min(total - 1, Math.max(0, choices.trajectory ?? defaultTrajectory(dataset.meta.split)))
    : 0;
  const target: ForecastTarget | undefined =
    model && dataset && total > 0
      ? { model, dataset: { id: dataset.id, name: dataset.name }, trajectory }
      : undefined;

  return (
    <>
      <p className="panel__intro">
        PhysicNet-style forecasts the next frames of a field from its last few. Choose a trajectory
        and press Forecast to see its first window forecast step by step, the codes the model reads
        the last input frame as, and the flow it estimates against the true one. The model is then
        scored on the trajectories it never trained on, beside <strong>persistence</strong>: the
        forecast that repeats the last input frame. A model that does not beat persistence has
        learnt nothing of the motion.
      </p>
      {!dataset ? (
        <DatasetNeeded
          listed={listed}
          anySaved={datasets.length > 0}
          need="A forecast needs simulations to compare with."
        />
      ) : null}
      {modelsListed && models.length === 0 ? (
        <div className="card results-empty">
          <h2>No trained PhysicNet-style yet</h2>
          <p>
            The forecast lab runs a trained PhysicNet-style. Train one first: choose PhysicNet-style
            in the Model panel (the tiny preset learns in minutes), then train it on the swirling
            blobs. Every run and its checkpoint are kept in this browser.
          </p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => update('app', { panel: 'train' })}
          >
            Train a model in the Train panel
          </button>
        </div>
      ) : null}
      {target && dataset && model ? (
        <div className="panel-columns results-layout physicnet-lab">
          <ForecastSetup models={models} target={target} datasets={datasets} dataset={dataset} />
          <div className="results-stage">
            {last ? (
              <ForecastResults run={last} />
            ) : (
              <p className="card muted results-stage__hint">
                Press Forecast to forecast the trajectory’s first window and score the model against
                persistence.
              </p>
            )}
          </div>
        </div>
      ) : null}
      {dataset ? <ReproduceCard datasets={datasets} fallback={dataset} /> : null}
    </>
  );
}
