/**
 * DPOT's Results view, the rollout lab: choose a saved DPOT (and optionally a second to compare,
 * e.g. one trained without input noise), a dataset, a trajectory and how many steps to roll out;
 * the worker rolls the trajectory out on each model's own predictions and scores the models on
 * the held-out trajectories beside persistence; below, the paper's claims reproduced.
 */
import { useEffect } from 'react';
import { trajectoryCount } from '../../../../data/io/meta';
import { chosenModel } from '../../../../state/savedModels';
import { useSettings } from '../../../../state/settingsStore';
import { useTrain } from '../../../../state/trainStore';
import { DatasetNeeded } from '../../../controls/DatasetNeeded';
import { useSavedDatasets } from '../../../controls/useSavedDatasets';
import { defaultTrajectory } from '../../../../data/trajectories';
import { useRolloutLab, type RolloutTarget } from './forecastLabStore';
import { RolloutResults } from './RolloutResults';
import { RolloutSetup } from './RolloutSetup';
import { ReproduceCard } from './ReproduceCard';
import { maxRolloutSteps, rolloutSteps } from './setupChecks';
import '../dpot.css';
import './rolloutLab.css';

export function RolloutLab() {
  const { records: datasets, listed } = useSavedDatasets();
  const runs = useTrain((s) => s.runs);
  const refreshRuns = useTrain((s) => s.refreshRuns);
  const update = useSettings((s) => s.update);
  const { models, modelsListed, refreshModels, choices, last } = useRolloutLab();

  useEffect(() => {
    void refreshRuns();
  }, [refreshRuns]);
  // A run trained, resumed or deleted changes which checkpoints are saved.
  useEffect(() => {
    void refreshModels();
  }, [refreshModels, runs]);

  const model = chosenModel(models, choices.checkpointId);
  const second = models.find(
    (m) => m.checkpointId === choices.compareId && m.checkpointId !== model?.checkpointId,
  );
  const dataset =
    datasets.find((d) => d.id === choices.datasetId) ??
    datasets.find((d) => d.id === model?.datasetId) ??
    datasets[0];
  const total = dataset ? trajectoryCount(dataset.meta) : 0;
  const trajectory = dataset
    ? Math.min(total - 1, Math.max(0, choices.trajectory ?? defaultTrajectory(dataset.meta.split)))
    : 0;
  const chosen = model ? (second ? [model, second] : [model]) : [];
  const max = dataset && model ? maxRolloutSteps(chosen, dataset.meta.times.length) : 0;
  const target: RolloutTarget | undefined =
    model && dataset && total > 0
      ? {
          models: chosen,
          dataset: { id: dataset.id, name: dataset.name },
          trajectory,
          steps: rolloutSteps(choices.steps, max),
        }
      : undefined;

  return (
    <>
      <p className="panel__intro">
        DPOT predicts the next frame from the last few; fed its own predictions, it rolls a
        simulation forward as far as you like, and its errors pile up as it goes. Choose a model and
        a trajectory and press Roll out to watch its rollout beside the truth, step by step. The
        models are then scored on the trajectories they never trained on, beside{' '}
        <strong>persistence</strong>: the forecast that repeats the last true frame. Add a second
        model, for instance one trained without input noise, to see which stays on track longer.
      </p>
      {!dataset ? (
        <DatasetNeeded
          listed={listed}
          anySaved={datasets.length > 0}
          need="A rollout needs simulations to compare with."
        />
      ) : null}
      {modelsListed && models.length === 0 ? (
        <div className="card results-empty">
          <h2>No trained DPOT yet</h2>
          <p>
            The rollout lab runs a trained DPOT. Train one first: choose DPOT in the Model panel
            (the tiny preset learns in minutes), then train it on the heat, advection and Burgers
            data. Every run and its checkpoint are kept in this browser.
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
        <div className="panel-columns results-layout dpot-lab">
          <RolloutSetup models={models} target={target} datasets={datasets} dataset={dataset} />
          <div className="results-stage">
            {last ? (
              <RolloutResults run={last} />
            ) : (
              <p className="card muted results-stage__hint">
                Press Roll out to roll the trajectory out and score the model against persistence.
              </p>
            )}
          </div>
        </div>
      ) : null}
      {dataset ? <ReproduceCard datasets={datasets} fallback={dataset} /> : null}
    </>
  );
}
