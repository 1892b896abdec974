/**
 * The last forecast: the chosen trajectory's first window as the Train panel pictures a
 * validation window (forecast, truth and error per step, the code map, the flow against the true
 * velocity); then the model's MSE and SSIM at each forecast step against persistence's, and a
 * table of its scores on the held-out windows with persistence's beside them.
 */
import { useId, useMemo } from 'react';
import { formatValue } from '../../../format';
import { PlotlyChart } from '../../../views/PlotlyChart';
import { ExpertsPicture } from '../ExpertsSnapshotView';
import { stepChart } from './forecastCharts';
import type { ForecastRun } from './forecastLabStore';
import { forecastTableRows, persistenceVerdict } from './forecastTable';

export function ForecastResults({ run }: { run: ForecastRun }) {
  const id = useId();
  const { result } = run;
  const { scored } = result;
  const mse = useMemo(() => stepChart(result, 'mse'), [result]);
  const ssim = useMemo(() => stepChart(result, 'ssim'), [result]);
  const rows = forecastTableRows(result);
  const windows = `${scored.windows} ${scored.windows === 1 ? 'window' : 'windows'}`;
  const held = scored.split === 'held-out';
  const which = held
    ? `the ${scored.trajectories} held-out trajectories (${scored.first}–${scored.first + scored.trajectories - 1}, validation and test), which training never saw`
    : `the dataset’s ${scored.trajectories} trajectories (it keeps none out of training, so the model learnt from them)`;
  const capped = scored.windows < scored.trajectories ? ` (only the first ${scored.windows})` : '';

  return (
    <>
      <ExpertsPicture
        data={result.snapshot}
        step={result.step}
        heading={`Forecast of trajectory ${result.trajectory}`}
      />
      <section className="card" aria-labelledby={`${id}-steps`}>
        <h2 id={`${id}-steps`}>Error at each forecast step</h2>
        <p className="muted small">
          Each forecast step’s error, averaged over the first window of each of {which}
          {capped}: {run.modelName} against persistence on the same windows. Errors grow as the
          forecast runs further ahead; the gap to the dashed line is what the model adds.
        </p>
        <div className="physicnet-lab__charts">
          <PlotlyChart
            title={`Mean squared error at each of the ${result.outputFrames} forecast steps, PhysicNet-style against persistence`}
            data={mse.data}
            layout={mse.layout}
            height={260}
          />
          <PlotlyChart
            title={`SSIM at each of the ${result.outputFrames} forecast steps, PhysicNet-style against persistence`}
            data={ssim.data}
            layout={ssim.layout}
            height={260}
          />
        </div>
      </section>
      <section className="card" aria-labelledby={`${id}-table`}>
        <h2 id={`${id}-table`}>
          {held ? 'Scores on the held-out windows' : 'Scores on the training windows'}
        </h2>
        <p className="physicnet-lab__verdict">{persistenceVerdict(result)}</p>
        <table className="results-table physicnet-lab__table">
          <caption>
            PhysicNet-style against persistence on {windows} of “{run.datasetName}”,{' '}
            {result.outputFrames} forecast steps each.
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">PhysicNet-style</th>
              <th scope="col">Persistence</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">
                  {row.label}
                  <br />
                  <span className="muted small">{row.better}</span>
                </th>
                {row.cells.map((c, k) => (
                  <td key={k} title={c.description}>
                    {c.text}
                    {Number.isNaN(c.value) ? (
                      <span className="visually-hidden"> {c.description}</span>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          As training validates: MSE in the data’s units, averaged over points, channels, steps and
          windows; SSIM with each channel’s range over the scored trajectories. Perplexity is how
          many codes, used equally often, would spread as widely as the inputs’ codes
          {result.arms.quantize
            ? ` (${formatValue(result.model.perplexity)} of ${result.codebookSize})`
            : ''}
          . The flow’s error is the first step’s, per latent cell.
        </p>
      </section>
    </>
  );
}
