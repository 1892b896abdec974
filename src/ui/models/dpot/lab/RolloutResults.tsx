/**
 * The last rollout: the chosen trajectory rolled out by each model against the truth, step by
 * step; the relative L2 error at each step of each model and of persistence, on this trajectory
 * and averaged over the held-out ones, with the 0.5 threshold and each horizon; a table and a
 * few sentences on the scores; and each Fourier block's spectrum for a model.
 */
import { useId, useMemo, useState } from 'react';
import { RolloutErrorChart } from '../RolloutErrorChart';
import { RolloutFrames } from '../RolloutFrames';
import { HORIZON_THRESHOLD, type RolloutFramesData } from '../rolloutData';
import { SpectrumSection } from '../SpectrumSection';
import type { RolloutRun } from './forecastLabStore';
import { rolloutRows, rolloutSeries, rolloutVerdict, PERSISTENCE_NAME } from './rolloutTable';

/** The models' names, told apart when two read the same. */
export function distinctNames(names: readonly string[]): string[] {
  return names.length === 2 && names[0] === names[1]
    ? [`${names[0]} (first)`, `${names[1]} (second)`]
    : [...names];
}

function trajectoriesWords(count: number): string {
  return `${count} ${count === 1 ? 'trajectory' : 'trajectories'}`;
}

export function RolloutResults({ run }: { run: RolloutRun }) {
  const ids = { frames: useId(), errors: useId(), table: useId(), spectrum: useId() };
  const { result } = run;
  const names = useMemo(() => distinctNames(run.modelNames), [run.modelNames]);
  const [K] = result.shape;
  const frames = useMemo<RolloutFramesData>(
    () => ({
      shape: result.shape,
      input: result.input,
      truth: result.truth,
      forecasts: result.models.map((m, k) => ({
        label: names[k]!,
        values: m.forecast,
        errors: m.errors,
        horizon: m.horizon,
      })),
    }),
    [result, names],
  );
  const trajectorySeries = useMemo(
    () => rolloutSeries(result, names, 'trajectory'),
    [result, names],
  );
  const scoredSeries = useMemo(() => rolloutSeries(result, names, 'scored'), [result, names]);
  const rows = rolloutRows(result, names);
  const verdict = rolloutVerdict(result, names);
  const [spectrumChoice, setSpectrum] = useState(0);
  const spectrumModel = Math.min(spectrumChoice, result.models.length - 1);
  const { scored } = result;
  const which =
    scored.split === 'held-out'
      ? `the first ${trajectoriesWords(scored.count)} of the ${scored.trajectories} held out of training (from trajectory ${scored.first} on)`
      : `${trajectoriesWords(scored.count)} of the dataset (it keeps none out of training, so the models may have learnt from them)`;
  const equations =
    scored.equations.length > 1
      ? ` — ${scored.equations.map((e) => `${e.count} ${e.equation}`).join(', ')}`
      : '';

  return (
    <>
      <section className="card train-reconstruction" aria-labelledby={ids.frames}>
        <h2 id={ids.frames}>Rollout of trajectory {result.trajectory}</h2>
        <p className="muted small">
          {result.models.length > 1 ? 'Each model reads' : 'The model reads'} the true frames up to
          frame {result.start - 1} ({result.equation}), then predicts {K} frames, each from its own
          earlier predictions. The error pictures show prediction − truth on one colour scale for
          the whole rollout: watch them grow.
        </p>
        <RolloutFrames data={frames} channelNames={result.channels} />
      </section>
      <section className="card" aria-labelledby={ids.errors}>
        <h2 id={ids.errors}>Error at each rollout step</h2>
        <p className="muted small">
          Relative L2 error (0 is perfect, 1 as far off as predicting zero) on a logarithmic axis,
          against <strong>persistence</strong>, which repeats the last true frame. A model that does
          not beat persistence has learnt nothing of the motion. The red line is the error of{' '}
          {HORIZON_THRESHOLD}; a rollout’s horizon, ringed, is the first step above it.
        </p>
        <div className="dpot-lab__charts">
          <div>
            <h3 className="dpot-lab__chart-title">Trajectory {result.trajectory}</h3>
            <RolloutErrorChart
              series={trajectorySeries}
              title={`Relative L2 error at each of the ${K} steps of trajectory ${result.trajectory}, log scale, each model and persistence`}
            />
          </div>
          <div>
            <h3 className="dpot-lab__chart-title">Mean of {trajectoriesWords(scored.count)}</h3>
            <RolloutErrorChart
              series={scoredSeries}
              title={`Mean relative L2 error at each of the ${K} steps over ${trajectoriesWords(scored.count)}, log scale, each model and persistence`}
            />
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby={ids.table}>
        <h2 id={ids.table}>
          {scored.split === 'held-out' ? 'Scores on the held-out trajectories' : 'Scores'}
        </h2>
        <ul className="dpot-lab__verdict">
          {verdict.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
        <table className="results-table">
          <caption>
            Relative L2 error of {K}-step rollouts on {which}
            {equations} of “{run.datasetName}”.
          </caption>
          <thead>
            <tr>
              <th scope="col">Forecaster</th>
              <th scope="col">Step 1</th>
              <th scope="col">Step {K}</th>
              <th scope="col">Whole rollout</th>
              <th scope="col">Steps under {HORIZON_THRESHOLD}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td>{row.firstStep}</td>
                <td>{row.lastStep}</td>
                <td>{row.whole}</td>
                <td>{row.under}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <details className="details-toggle">
          <summary>Details</summary>
          <p>
            Relative L2 is DPOT’s SimpleLpLoss: ‖prediction − truth‖ / ‖truth‖ per channel, averaged
            over the channels and then the trajectories; “whole rollout” takes the norms over all{' '}
            {K} steps at once (DPOT’s “l2 full”). Only the equation’s own channels count: the ones a
            model pads missing channels with are rolled out but not scored, so models with different
            channel counts and {PERSISTENCE_NAME.toLowerCase()} compare alike. The horizon counts on
            the mean error.
          </p>
        </details>
      </section>
      <SpectrumSection
        spectra={result.models[spectrumModel]!.spectra}
        heading={`What each Fourier block of ${names[spectrumModel]} does to the frequencies`}
        about={`trajectory ${result.trajectory}’s input frames`}
        controls={
          result.models.length > 1 ? (
            <label htmlFor={ids.spectrum} className="inline-label">
              Model
              <select
                id={ids.spectrum}
                value={spectrumModel}
                onChange={(e) => setSpectrum(Number(e.target.value))}
              >
                {names.map((name, k) => (
                  <option key={k} value={k}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : undefined
        }
      />
    </>
  );
}
