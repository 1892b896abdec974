/**
 * "Reproduce the paper" for PhysicNet-style: its claim, the ablation protocol in plain words, run
 * in the worker at a chosen scale on a saved dataset, then the verdict with its checks and every
 * arm's scores beside persistence's.
 */
import { trajectoryCount } from '../../../../data/io/meta';
import { ERROR_MARGIN, PHYSICNET_CLAIM } from '../../../../models/physicnet/claim';
import { PHYSICNET_CLAIM_PROFILES } from '../../../../models/physicnet/claimProfiles';
import { PHYSICNET_REPRODUCE_SCALES } from '../../../../models/physicnet/jobs/reproduceConfig';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { ClaimCard } from '../../../controls/ClaimCard';
import { DatasetPicker } from '../../../controls/DatasetPicker';
import { ReproduceResult } from './ReproduceResult';
import { useReproduce } from './reproduceStore';
import { reproduceProblem } from './setupChecks';

type DatasetSummary = Summary<DatasetRecordMeta>;

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
  const { meta } = dataset;
  const { steps, noiseSigma } = PHYSICNET_CLAIM_PROFILES[scale];

  return (
    <ClaimCard
      className="physicnet-reproduce"
      claim={PHYSICNET_CLAIM}
      source={
        <>
          the claim we test, from the ablations of Wang et al., “Modeling Spatio-temporal Dynamical
          Systems with Neural Discrete Learning and Levels-of-Experts” (2024), on our reconstruction
          (PhysicNet’s code is not public)
        </>
      }
      protocol={
        <>
          Protocol: four arms train from scratch for {steps} steps each on the training
          trajectories, with the same seed and batches: the full model, and the model without its
          local branch, without its flow expert, and without vector quantization. The full model
          trains once more on data with noise of σ = {noiseSigma} × each channel’s spread. All are
          scored on trajectories they never saw, beside persistence (the last input frame repeated).
          The claim holds when removing the flow or the local branch raises the test error by at
          least {Math.round(100 * ERROR_MARGIN)} % and the full model uses its codebook well.
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
              {trajectoryCount(meta)} trajectories of {meta.times.length} frames on a {meta.grid.n}{' '}
              × {meta.grid.n} grid. Its training split trains; the other trajectories (or the last
              quarter, if it keeps none) are held out. Swirl data add the flow’s error.
            </>
          }
        />
      }
      problem={reproduceProblem(meta, scale)}
      scales={PHYSICNET_REPRODUCE_SCALES}
      scale={scale}
      onScale={(key) => choose({ scale: key })}
      activeJobId={activeJobId}
      outcome={outcome}
      onRun={() => run({ id: dataset.id, name: dataset.name })}
      result={last ? <ReproduceResult run={last} /> : undefined}
    />
  );
}
