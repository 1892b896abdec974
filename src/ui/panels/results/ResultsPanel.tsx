/**
 * Results: how well a trained masked autoencoder fills hidden patches, per equation, next to the
 * linear and nearest interpolation baselines on the same windows and masks; how that error grows
 * with the mask ratio (a sweep on demand); and the recorded training runs side by side.
 * The worker evaluates; this panel only sends the request and draws the answer.
 * A model chosen in the Model panel that brings its own Results view (ui/models/registry) shows
 * that instead, above the same runs.
 */
import { Suspense } from 'react';
import type { ModelId } from '../../../models/catalog';
import { modelSelection } from '../../../state/modelSettings';
import { chosenModel, useResults } from '../../../state/resultsStore';
import { useSettings } from '../../../state/settingsStore';
import { modelViews } from '../../models/registry';
import { DatasetNeeded } from '../../controls/DatasetNeeded';
import { useSavedModelsAndDatasets } from '../../controls/useSavedModelsAndDatasets';
import { RunsCard } from '../train/RunsCard';
import { EquationResults } from './EquationResults';
import { EvaluationSetup } from './EvaluationSetup';
import { RatioSweep } from './RatioSweep';
import './results.css';

export function ResultsPanel() {
  const values = useSettings((s) => s.values);
  const { ResultsView } = modelViews(modelSelection(values).entry.id as ModelId);
  if (!ResultsView) return <ReconstructionResults />;
  return (
    <section className="panel results-panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Results</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <ResultsView />
      </Suspense>
      <RunsCard />
    </section>
  );
}

function ReconstructionResults() {
  const {
    datasets: records,
    datasetsListed: listed,
    models,
    modelsListed,
  } = useSavedModelsAndDatasets();
  const { choices, evaluation } = useResults();
  const update = useSettings((s) => s.update);

  const dataset = records.find((r) => r.id === choices.datasetId) ?? records[0];
  const model = chosenModel(models, choices.checkpointId);
  const target =
    model && dataset ? { model, dataset: { id: dataset.id, name: dataset.name } } : undefined;

  return (
    <section className="panel results-panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Results</h1>
      <p className="panel__intro">
        How well does the trained masked autoencoder fill in hidden patches? Each equation of a
        dataset is scored on its own: the relative L2 error over the hidden region, next to two
        interpolation baselines that fill the same patches from the visible ones. Lower is better.
      </p>
      {!dataset ? (
        <DatasetNeeded
          listed={listed}
          anySaved={records.length > 0}
          need="Evaluating a model needs simulations to score it on."
        />
      ) : null}
      {modelsListed && models.length === 0 ? (
        <div className="card results-empty">
          <h2>No trained model yet</h2>
          <p>
            Results compare a trained masked autoencoder with interpolation. Train one first: the
            tiny preset learns in a few minutes, and every run and its checkpoint are kept in this
            browser. A run exported as a checkpoint file elsewhere imports under Runs below.
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
        <div className="panel-columns results-layout">
          <EvaluationSetup models={models} model={model} datasets={records} dataset={dataset} />
          <div className="results-stage">
            {evaluation ? (
              <EquationResults evaluated={evaluation} />
            ) : (
              <p className="card muted results-stage__hint">
                Press Evaluate to score the model on every equation of the dataset.
              </p>
            )}
            <RatioSweep target={target} />
          </div>
        </div>
      ) : null}
      <RunsCard />
    </section>
  );
}
