/**
 * "Reproduce the paper" for DINo: its claim in one sentence, the protocol in plain words, run in
 * the worker at a chosen scale on a saved dataset, then the verdict with each check and its
 * numbers, and the 2 × 2 errors of DINo and of the grid baseline at each share of the grid.
 */
import { trajectoryCount } from '../../../../data/io/meta';
import { DINO_CLAIM } from '../../../../models/dino/claim';
import { CLAIM_PROFILES } from '../../../../models/dino/claimProfiles';
import { REPRODUCE_SCALES } from '../../../../models/dino/jobs/reproduceConfig';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { ClaimCard } from '../../../controls/ClaimCard';
import { ClaimVerdict } from '../../../controls/ClaimVerdict';
import { DatasetPicker } from '../../../controls/DatasetPicker';
import { useReproduce, type ReproduceRun } from './reproduceStore';

type DatasetSummary = Summary<DatasetRecordMeta>;

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
  const { datasetId, scale, activeJobId, outcome, last, choose, run } = useReproduce();
  const dataset = datasets.find((d) => d.id === datasetId) ?? fallback;
  const frames = dataset.meta.times.length;
  const trainFrames = CLAIM_PROFILES[scale].config.trainFrames;

  return (
    <ClaimCard
      className="dino-reproduce"
      claim={DINO_CLAIM}
      source={
        <>
          the claim we test, from Yin et al., “Continuous PDE Dynamics Forecasting with Implicit
          Neural Representations” (ICLR 2023)
        </>
      }
      protocol={
        <>
          Protocol: DINo trains twice from scratch on the training trajectories, once seeing 5 % of
          the grid points and once 25 %, and only their first {trainFrames} frames. Both are then
          scored on trajectories they never saw, separately on points they observed and points they
          did not, inside and beyond the training frames. A grid model trained on the same sparse
          points shows what a model without DINo’s continuous decoder does.
        </>
      }
      setup={
        <DatasetPicker
          datasets={datasets}
          dataset={dataset}
          disabled={activeJobId !== undefined}
          onChoose={(chosen) => choose({ datasetId: chosen })}
          help={
            <>
              {trajectoryCount(dataset.meta)} trajectories of {frames} frames on a{' '}
              {dataset.meta.grid.n} × {dataset.meta.grid.n} grid. Its training split trains; the
              other trajectories (or the last quarter, if it keeps none) are held out.
            </>
          }
        />
      }
      problem={
        frames <= trainFrames
          ? `These trajectories have ${frames} frames; the protocol trains on the first ${trainFrames} and scores the later ones. Choose a dataset with more than ${trainFrames} frames (the wave with 20 frames, as in DINo).`
          : undefined
      }
      scales={REPRODUCE_SCALES}
      scale={scale}
      onScale={(key) => choose({ scale: key })}
      activeJobId={activeJobId}
      outcome={outcome}
      onRun={() => run({ id: dataset.id, name: dataset.name })}
      result={last ? <ReproduceResult run={last} /> : undefined}
    />
  );
}

function ReproduceResult({ run }: { run: ReproduceRun }) {
  const { result } = run;
  const { data } = result;
  const baselineAt = (s: number) => result.baseline.find((row) => row.s === s);
  return (
    <>
      <ClaimVerdict
        verdict={result.verdict}
        checks={result.checks}
        caveat={
          result.scale === 'tiny'
            ? 'At the tiny scale the models barely train: this shows the protocol, not the answer.'
            : null
        }
      />
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
