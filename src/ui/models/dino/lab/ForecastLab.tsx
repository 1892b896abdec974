/**
 * DINo's Results view, the forecast lab: choose a saved DINo, a dataset and a trajectory, place
 * sensors on its first frame (a share of the grid, or painted by hand), forecast every frame in
 * the worker, and compare the forecast with the simulation: frame by frame, as errors against
 * time at and between the sensors, as DINo's 2 × 2 table, and as the path of the codes; below,
 * the paper's claim reproduced on a saved dataset.
 */
import { useEffect, useMemo } from 'react';
import { trajectoryCount } from '../../../../data/io/meta';
import { chosenModel } from '../../../../state/savedModels';
import { useRuntime } from '../../../../state/runtimeStore';
import { useSettings } from '../../../../state/settingsStore';
import { useTrain } from '../../../../state/trainStore';
import { DatasetNeeded } from '../../../controls/DatasetNeeded';
import { useSavedDatasets } from '../../../controls/useSavedDatasets';
import { chosenSensors, useForecastLab, type ForecastTarget } from './forecastLabStore';
import { ForecastResults } from './ForecastResults';
import { ForecastSetup } from './ForecastSetup';
import { ReproduceCard } from './ReproduceCard';
import { defaultTrajectory } from '../../../../data/trajectories';
import { SensorCard } from './SensorCard';
import '../dino.css';
import './forecastLab.css';

/** Waits this long after the last trajectory change before reading its first frame. */
const FIRST_FRAME_DELAY_MS = 300;

export function ForecastLab() {
  const { records: datasets, listed } = useSavedDatasets();
  const runs = useTrain((s) => s.runs);
  const refreshRuns = useTrain((s) => s.refreshRuns);
  const update = useSettings((s) => s.update);
  const ready = useRuntime((s) => s.status === 'ready');
  const { models, modelsListed, refreshModels, choices, last, loadFirstFrame } = useForecastLab();

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
  const n = dataset?.meta.grid.n ?? 0;
  const sensors = useMemo(
    () => (model && n > 0 ? chosenSensors(choices, model, n, n) : []),
    [choices, model, n],
  );
  const target: ForecastTarget | undefined =
    model && dataset && total > 0
      ? {
          model,
          dataset: { id: dataset.id, name: dataset.name },
          trajectory,
          gridX: n,
          gridY: n,
          sensors,
        }
      : undefined;

  const datasetId = dataset?.id;
  // The first frame to place sensors on, once the trajectory number rests.
  useEffect(() => {
    if (!ready || !datasetId || total === 0) return;
    const timer = setTimeout(() => loadFirstFrame(datasetId, trajectory), FIRST_FRAME_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ready, datasetId, trajectory, total, loadFirstFrame]);

  return (
    <>
      <p className="panel__intro">
        DINo forecasts a whole trajectory from a few sensors. It sees only the values at the sensors
        on the first frame: it fits a code to them, carries the code forward in time with its
        learned dynamics, and decodes every frame on the whole grid, at any resolution. Place the
        sensors, press Forecast, then play the forecast against the simulation. The model trained on
        the first frames of its trajectories only; later frames lie{' '}
        <strong>beyond the training horizon</strong>: that stretch of time was never shown to it, so
        there it extrapolates.
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
          <h2>No trained DINo yet</h2>
          <p>
            The forecast lab runs a trained DINo. Train one first: choose DINo in the Model panel
            (the tiny preset learns in minutes), then train it on a dataset of 20-frame
            trajectories. Every run and its checkpoint are kept in this browser.
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
        <div className="panel-columns results-layout dino-lab">
          <ForecastSetup models={models} target={target} datasets={datasets} dataset={dataset} />
          <div className="results-stage">
            <SensorCard target={target} />
            {last ? (
              <ForecastResults run={last} />
            ) : (
              <p className="card muted results-stage__hint">
                Press Forecast to fit the first code to the sensors and forecast every frame.
              </p>
            )}
          </div>
        </div>
      ) : null}
      {dataset ? <ReproduceCard datasets={datasets} fallback={dataset} /> : null}
    </>
  );
}
