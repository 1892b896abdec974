/**
 * The last reproduction of one of DPOT's claims: the verdict and its checks, the per-step
 * rollout error of each arm beside persistence (log axis, 0.5 line, horizons), and a table.
 * Claim A: the clean and noisy arms seed by seed, with the final-step ratio. Claim B: the
 * pretrained-then-fine-tuned model against the one trained from scratch, and the pretrained one
 * before fine-tuning.
 */
import { useMemo } from 'react';
import { ClaimVerdict } from '../../../controls/ClaimVerdict';
import { formatDuration, formatValue } from '../../../format';
import { formatParameterCount } from '../../../formatCount';
import { RolloutErrorChart } from '../RolloutErrorChart';
import { horizonOf, ROLLOUT_COLORS, type ErrorSeries } from '../rolloutData';
import type { DpotReproduceDataset } from '../../../../models/dpot/jobs/reproduceConfig';
import type { FinetuneRun, NoiseRun } from './reproduceStore';
import { stepsUnder } from './rolloutTable';

const NONE = '—';
const ZERO_SHOT_COLOR = '#ae3ec9';
/** Train seconds are whole: 0 is a run under half a second. */
const seconds = (s: number) => (s < 1 ? '< 1 s' : formatDuration(s));
const ratio = (x: number) => (Number.isFinite(x) ? `×${x.toFixed(2)}` : NONE);

const TINY_CAVEAT =
  'At the tiny scale the models barely train: this shows the protocol, not the answer.';

/** How a dataset was read, in words: "12 trajectories (heat, advection) on 16², resampled from 32²". */
function dataWords(data: DpotReproduceDataset, count: number): string {
  const grid = `${data.grid} × ${data.grid}${data.resampledFrom === null ? '' : `, resampled from ${data.resampledFrom} × ${data.resampledFrom}`}`;
  return `${count} ${count === 1 ? 'trajectory' : 'trajectories'} of ${data.equations.join(', ')} on ${grid}`;
}

const HELD_OUT_FROM = {
  split: 'its validation and test splits',
  'last quarter': 'its last quarter (it keeps none out of training)',
  none: 'none',
} as const;

/** Claim A's chart: the mean curve of each arm, then persistence. */
export function noiseSeries(result: NoiseRun['result']): ErrorSeries[] {
  const [clean, noisy] = result.arms;
  return [
    {
      name: `σ_rel = ${noisy.sigma} (noise)`,
      errors: noisy.rolloutL2re,
      horizon: noisy.horizon,
      color: ROLLOUT_COLORS.first,
    },
    {
      name: 'σ_rel = 0 (no noise)',
      errors: clean.rolloutL2re,
      horizon: clean.horizon,
      color: ROLLOUT_COLORS.second,
    },
    {
      name: 'Persistence',
      errors: result.persistence,
      horizon: horizonOf(result.persistence),
      color: ROLLOUT_COLORS.persistence,
      dash: 'dash',
    },
  ];
}

/** Claim B's chart: fine-tuned, scratch, the pretrained model before fine-tuning, persistence. */
export function finetuneSeries(result: FinetuneRun['result']): ErrorSeries[] {
  const series = (name: string, errors: number[], color: string, dash?: string): ErrorSeries => ({
    name,
    errors,
    horizon: horizonOf(errors),
    color,
    ...(dash ? { dash } : {}),
  });
  return [
    series('Pretrained, then fine-tuned', result.pretrained.perStep, ROLLOUT_COLORS.first),
    series('From scratch', result.scratch.perStep, ROLLOUT_COLORS.second),
    series('Pretrained, before fine-tuning', result.zeroShot.perStep, ZERO_SHOT_COLOR, 'dot'),
    series('Persistence', result.persistence, ROLLOUT_COLORS.persistence, 'dash'),
  ];
}

export function NoiseResult({ run }: { run: NoiseRun }) {
  const { result } = run;
  const [clean, noisy] = result.arms;
  const steps = clean.rolloutL2re.length;
  const last = (curve: readonly number[]) => curve[curve.length - 1]!;
  const series = useMemo(() => noiseSeries(result), [result]);
  return (
    <>
      <ClaimVerdict
        verdict={result.verdict}
        checks={result.checks}
        notes={result.notes}
        caveat={result.scale === 'tiny' ? TINY_CAVEAT : null}
      />
      <p>
        Final-step ratio, noise against none (mean over {clean.seeds.length}{' '}
        {clean.seeds.length === 1 ? 'seed' : 'seeds'}): <strong>{ratio(result.finalRatio)}</strong>;
        below ×1 the noise helps.
      </p>
      <RolloutErrorChart
        series={series}
        title={`Held-out relative L2 error at each of the ${steps} rollout steps, log scale: the arm with noise σ_rel = ${noisy.sigma}, the arm without, and persistence`}
      />
      <table className="results-table">
        <caption>
          Held-out rollouts of “{run.datasetName}”:{' '}
          {dataWords(result.data, result.data.heldOutCount)} from{' '}
          {HELD_OUT_FROM[result.data.heldOutFrom]}, {steps} steps each. Every run trained{' '}
          {result.steps} steps on {result.data.trainCount} trajectories;{' '}
          {formatParameterCount(result.parameters)} parameters.
        </caption>
        <thead>
          <tr>
            <th scope="col">seed</th>
            <th scope="col">step {steps}, no noise</th>
            <th scope="col">
              step {steps}, σ_rel = {noisy.sigma}
            </th>
            <th scope="col">ratio</th>
            <th scope="col">steps under 0.5, no noise</th>
            <th scope="col">steps under 0.5, noise</th>
            <th scope="col">training time</th>
          </tr>
        </thead>
        <tbody>
          {clean.seeds.map((c, k) => {
            const n = noisy.seeds[k]!;
            return (
              <tr key={c.seed}>
                <th scope="row">{c.seed}</th>
                <td>{formatValue(last(c.rolloutL2re))}</td>
                <td>{formatValue(last(n.rolloutL2re))}</td>
                <td>{ratio(result.finalRatios[k]!)}</td>
                <td>{stepsUnder(c.horizon, steps)}</td>
                <td>{stepsUnder(n.horizon, steps)}</td>
                <td>
                  {seconds(c.trainSeconds)} + {seconds(n.trainSeconds)}
                </td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">mean</th>
            <td>{formatValue(last(clean.rolloutL2re))}</td>
            <td>{formatValue(last(noisy.rolloutL2re))}</td>
            <td>{ratio(result.finalRatio)}</td>
            <td>{stepsUnder(clean.horizon, steps)}</td>
            <td>{stepsUnder(noisy.horizon, steps)}</td>
            <td>{NONE}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

export function FinetuneResult({ run }: { run: FinetuneRun }) {
  const { result } = run;
  const steps = result.pretrained.perStep.length;
  const series = useMemo(() => finetuneSeries(result), [result]);
  const last = (curve: readonly number[]) => formatValue(curve[curve.length - 1]!);
  const under = (curve: readonly number[]) => stepsUnder(horizonOf(curve), steps);
  const { pretrain, finetune } = result.data;
  return (
    <>
      <ClaimVerdict
        verdict={result.verdict}
        checks={result.checks}
        notes={result.notes}
        caveat={result.scale === 'tiny' ? TINY_CAVEAT : null}
      />
      <p>
        Whole-rollout error, pretrained against scratch: <strong>{ratio(result.ratio)}</strong>;
        below ×1 pretraining helps.
      </p>
      <RolloutErrorChart
        series={series}
        title={`Held-out relative L2 error at each of the ${steps} rollout steps, log scale: pretrained then fine-tuned, from scratch, pretrained before fine-tuning, and persistence`}
      />
      <table className="results-table">
        <caption>
          Pretrained {result.pretrainSteps} steps on “{run.pretrainName}” (
          {dataWords(pretrain, pretrain.trainCount)}, {seconds(result.pretraining.trainSeconds)});
          fine-tuned, or trained from scratch, {result.finetuneSteps} steps on{' '}
          {result.finetuneTrajectories} trajectories of “{run.finetuneName}”; rolled out {steps}{' '}
          steps on {dataWords(finetune, finetune.heldOutCount)} from{' '}
          {HELD_OUT_FROM[finetune.heldOutFrom]}. {formatParameterCount(result.parameters)}{' '}
          parameters.
        </caption>
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">whole rollout</th>
            <th scope="col">step {steps}</th>
            <th scope="col">steps under 0.5</th>
            <th scope="col">training time</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Pretrained, then fine-tuned</th>
            <td>{formatValue(result.pretrained.rolloutL2re)}</td>
            <td>{last(result.pretrained.perStep)}</td>
            <td>{under(result.pretrained.perStep)}</td>
            <td>{seconds(result.pretrained.trainSeconds)}</td>
          </tr>
          <tr>
            <th scope="row">From scratch</th>
            <td>{formatValue(result.scratch.rolloutL2re)}</td>
            <td>{last(result.scratch.perStep)}</td>
            <td>{under(result.scratch.perStep)}</td>
            <td>{seconds(result.scratch.trainSeconds)}</td>
          </tr>
          <tr>
            <th scope="row">Pretrained, before fine-tuning</th>
            <td>{formatValue(result.zeroShot.rolloutL2re)}</td>
            <td>{last(result.zeroShot.perStep)}</td>
            <td>{under(result.zeroShot.perStep)}</td>
            <td>{NONE}</td>
          </tr>
          <tr>
            <th scope="row">Persistence</th>
            <td>{NONE}</td>
            <td>{last(result.persistence)}</td>
            <td>{under(result.persistence)}</td>
            <td>{NONE}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
