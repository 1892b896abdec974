/**
 * "Reproduce the paper" for DINo: its claim in one sentence, the protocol in plain words, run in
 * the worker at a chosen scale on a saved dataset, then the verdict with each check and its
 * numbers, and the 2 × 2 errors of DINo and of the grid baseline at each share of the grid.
 */
import { useId } from 'react';
import { trajectoryCount } from '../../../../data/io/meta';
import { DINO_CLAIM } from '../../../../models/dino/claim';
import { CLAIM_PROFILES } from '../../../../models/dino/claimProfiles';
import {
  REPRODUCE_SCALES,
  type ReproduceScale,
} from '../../../../models/dino/jobs/reproduceConfig';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { useRuntime } from '../../../../state/runtimeStore';
import { DatasetPicker } from '../../../controls/DatasetPicker';
import { JobProgressBar } from '../../../controls/JobProgressBar';
import { OutcomeText } from '../../../controls/OutcomeText';
import { useReproduce, type ReproduceRun } from './reproduceStore';

type DatasetSummary = Summary<DatasetRecordMeta>;

const VERDICT_WORDS = {
  holds: 'The claim holds on these data at this scale.',
  'partly holds': 'The claim holds only in part on these data at this scale.',
  'does not hold': 'The claim does not hold on these data at this scale.',
} as const;

const pct = (s: number) => `${Math.round(100 * s)} %`;
const error = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');

export function ReproduceCard({
  datasets,
  fallback,
}: {
  datasets: readonly DatasetSummary[];
  /** The dataset shown until one is chosen here (the forecast lab's). */
  fallback: DatasetSummary;
}) {
  const id = useId();
  const ready = useRuntime((s) => s.status === 'ready');
  const { datasetId, scale, activeJobId, outcome, last, choose, run } = useReproduce();
  const running = activeJobId !== undefined;
  const dataset = datasets.find((d) => d.id === datasetId) ?? fallback;
  const frames = dataset.meta.times.length;
  const trainFrames = CLAIM_PROFILES[scale].config.trainFrames;
  const tooShort = frames <= trainFrames;

  return (
    <section className="card reproduce-card dino-reproduce" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reproduce the paper</h2>
      <blockquote className="reproduce-card__claim">
        <p>{DINO_CLAIM}</p>
        <footer>
          — the claim we test, from Yin et al., “Continuous PDE Dynamics Forecasting with Implicit
          Neural Representations” (ICLR 2023)
        </footer>
      </blockquote>
      <p className="muted">
        Protocol: DINo trains twice from scratch on the training trajectories, once seeing 5 % of
        the grid points and once 25 %, and only their first {trainFrames} frames. Both are then
        scored on trajectories they never saw, separately on points they observed and points they
        did not, inside and beyond the training frames. A grid model trained on the same sparse
        points shows what a model without DINo’s continuous decoder does.
      </p>
      <DatasetPicker
        datasets={datasets}
        dataset={dataset}
        disabled={running}
        onChoose={(chosen) => choose({ datasetId: chosen })}
        help={
          <>
            {trajectoryCount(dataset.meta)} trajectories of {frames} frames on a{' '}
            {dataset.meta.grid.n} × {dataset.meta.grid.n} grid. Its training split trains; the other
            trajectories (or the last quarter, if it keeps none) are held out.
          </>
        }
      />
      {tooShort ? (
        <p className="text-problem" role="alert">
          These trajectories have {frames} frames; the protocol trains on the first {trainFrames}{' '}
          and scores the later ones. Choose a dataset with more than {trainFrames} frames (the wave
          with 20 frames, as in DINo).
        </p>
      ) : null}
      <fieldset className="reproduce-card__scales" disabled={running}>
        <legend>Scale</legend>
        {(Object.keys(REPRODUCE_SCALES) as ReproduceScale[]).map((key) => (
          <label key={key} className="radio">
            <input
              type="radio"
              name={`${id}-scale`}
              value={key}
              checked={scale === key}
              onChange={() => choose({ scale: key })}
            />
            <span>
              <strong>{REPRODUCE_SCALES[key].label}</strong> — {REPRODUCE_SCALES[key].explanation}
            </span>
          </label>
        ))}
      </fieldset>
      {running ? (
        <JobProgressBar jobId={activeJobId} />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={!ready || tooShort}
            onClick={() => run({ id: dataset.id, name: dataset.name })}
          >
            Run the protocol
          </button>
        </div>
      )}
      {running ? null : <OutcomeText outcome={outcome} />}
      <div className="reproduce-card__result">
        {last ? (
          <ReproduceResult run={last} />
        ) : (
          <p className="muted">
            Run the protocol to see whether the claim holds on these data at this scale.
          </p>
        )}
      </div>
    </section>
  );
}

function ReproduceResult({ run }: { run: ReproduceRun }) {
  const { result } = run;
  const { data } = result;
  const baselineAt = (s: number) => result.baseline.find((row) => row.s === s);
  return (
    <>
      <p className="reproduce-card__verdict" role="status">
        <strong>{VERDICT_WORDS[result.verdict]}</strong>{' '}
        {result.scale === 'tiny'
          ? 'At the tiny scale the models barely train: this shows the protocol, not the answer.'
          : null}
      </p>
      <ul className="reproduce-card__checks">
        {result.checks.map((check) => (
          <li key={check.text}>
            <span aria-hidden="true">{check.passed ? '✓ ' : '✗ '}</span>
            <span className="visually-hidden">{check.passed ? 'Passed: ' : 'Failed: '}</span>
            {check.text}
          </li>
        ))}
      </ul>
      <table className="results-table">
        <caption>
          Relative L2 error (lower is better) on {data.heldOutCount} held-out trajectories of “
          {run.datasetName}” (
          {data.heldOutFrom === 'split' ? 'its validation and test splits' : 'its last quarter'}
          ), after {result.steps} training steps on {data.trainCount}; training frames are the first{' '}
          {data.trainFrames} of {data.frames}.
        </caption>
        <thead>
          <tr>
            <th scope="col">grid seen</th>
            <th scope="col">model</th>
            <th scope="col">training frames, seen points</th>
            <th scope="col">training frames, unseen points</th>
            <th scope="col">later frames, seen points</th>
            <th scope="col">later frames, unseen points</th>
          </tr>
        </thead>
        <tbody>
          {result.rates.flatMap((row) => {
            const grid = baselineAt(row.s);
            return [row, ...(grid ? [grid] : [])].map((r, k) => (
              <tr key={`${row.s}-${k}`}>
                <th scope="row">{pct(row.s)}</th>
                <td>{k === 0 ? 'DINo' : 'grid baseline'}</td>
                <td>{error(r.inT_inS)}</td>
                <td>{error(r.inT_outS)}</td>
                <td>{error(r.outT_inS)}</td>
                <td>{error(r.outT_outS)}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </>
  );
}
