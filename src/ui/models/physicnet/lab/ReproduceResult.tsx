/**
 * The last reproduction of PhysicNet-style's claim: the verdict and its checks, the ablation's
 * arms with the persistence baseline in one table, the flow's error beside a zero flow's, the
 * noisy-training comparison, and the test MSE at each forecast step.
 */
import { useMemo } from 'react';
import { PHYSICNET_CLAIM_PROFILES } from '../../../../models/physicnet/claimProfiles';
import type { ArmName } from '../../../../models/physicnet/claim';
import { ClaimVerdict } from '../../../controls/ClaimVerdict';
import { formatDuration, formatValue } from '../../../format';
import { formatParameterCount } from '../../../formatCount';
import { PlotlyChart } from '../../../views/PlotlyChart';
import { armStepChart } from './reproduceCharts';
import type { ReproduceRun } from './reproduceStore';

const ARM_WORDS: Record<ArmName, string> = {
  full: 'full model',
  'no-local': 'without the local branch',
  'no-flow': 'without the flow expert',
  'no-vq': 'without VQ (continuous latents)',
};

const NONE = '—';
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const orNone = (x: number | null, format: (x: number) => string) => (x === null ? NONE : format(x));
/** Train seconds are whole: 0 is a run under half a second. */
const seconds = (s: number) => (s < 1 ? '< 1 s' : formatDuration(s));

export function ReproduceResult({ run }: { run: ReproduceRun }) {
  const { result } = run;
  const { data, noise } = result;
  const persistence = result.baseline.persistence;
  const codes = PHYSICNET_CLAIM_PROFILES[result.scale].config.codes;
  const chart = useMemo(() => armStepChart(result), [result]);
  const steps = persistence.msePerStep.length;

  return (
    <>
      <ClaimVerdict
        verdict={result.verdict}
        checks={result.checks}
        notes={result.notes}
        caveat={
          result.scale === 'tiny'
            ? 'At the tiny scale the models barely train: this shows the protocol, not the answer.'
            : null
        }
      />
      <table className="results-table">
        <caption>
          Scores on {result.windows} held-out windows of “{run.datasetName}” ({data.heldOutCount}{' '}
          trajectories,{' '}
          {data.heldOutFrom === 'split' ? 'its validation and test splits' : 'its last quarter'}),
          after {result.steps} training steps per run on {data.trainCount} trajectories. Codebook of{' '}
          {codes} codes.
        </caption>
        <thead>
          <tr>
            <th scope="col">arm</th>
            <th scope="col">test MSE (lower is better)</th>
            <th scope="col">SSIM (1 is perfect)</th>
            <th scope="col">perplexity of {codes} codes</th>
            <th scope="col">dead codes</th>
            <th scope="col">parameters</th>
            <th scope="col">training time</th>
          </tr>
        </thead>
        <tbody>
          {result.arms.map((arm) => (
            <tr key={arm.name}>
              <th scope="row">
                {arm.name} <span className="muted small">({ARM_WORDS[arm.name]})</span>
              </th>
              <td>{formatValue(arm.testMse)}</td>
              <td>{arm.ssim.toFixed(3)}</td>
              <td>{orNone(arm.perplexity, (p) => p.toFixed(1))}</td>
              <td>{orNone(arm.deadCodes, pct)}</td>
              <td>{formatParameterCount(arm.parameters)}</td>
              <td>{seconds(arm.trainSeconds)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              persistence <span className="muted small">(the last input frame repeated)</span>
            </th>
            <td>{formatValue(persistence.testMse)}</td>
            <td>{persistence.ssim.toFixed(3)}</td>
            <td>{NONE}</td>
            <td>{NONE}</td>
            <td>0</td>
            <td>{NONE}</td>
          </tr>
        </tbody>
      </table>
      <p>
        {result.flowEndPointError !== null && result.zeroFlowEndPointError !== null
          ? `Flow: the full model’s flow misses the true motion by ${formatValue(result.flowEndPointError)} grid cells per frame (end-point error, first forecast step); a zero flow misses it by ${formatValue(result.zeroFlowEndPointError)}, the true motion’s mean size. Below that, the flow has learnt some of the motion.`
          : data.knownFlow
            ? 'Flow: the full model’s end-point error could not be measured on these windows.'
            : 'Flow: these data carry no known flow (only the swirl equation’s do), so the flow’s error is not measured.'}
      </p>
      {noise ? (
        <p>
          Noise: trained on data with noise of σ = {noise.sigma} × each channel’s spread and scored
          on clean data, the full model’s test MSE is {formatValue(noise.noisy.testMse)} against{' '}
          {formatValue(noise.clean.testMse)} trained on clean data (×{noise.ratio.toFixed(2)}).
        </p>
      ) : null}
      <PlotlyChart
        title={`Test MSE at each of the ${steps} forecast steps for each arm, the noisy-trained full model and persistence`}
        data={chart.data}
        layout={chart.layout}
        height={280}
      />
    </>
  );
}
