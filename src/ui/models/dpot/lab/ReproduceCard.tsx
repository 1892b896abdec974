/**
 * "Reproduce the paper" for DPOT: two claims on the shared claim card, one at a time. Claim A
 * (noise injection) trains two arms alike but for the input noise (σ of the noisy arm chosen
 * here) over 1–3 seeds on one saved dataset; claim B (pretraining, then fine-tuning) pretrains on
 * one saved dataset and fine-tunes on another, beside a model trained from scratch. Both run in
 * the worker at the chosen scale; each claim keeps its last result.
 */
import { useId } from 'react';
import { trajectoryCount } from '../../../../data/io/meta';
import {
  DPOT_FINETUNE_CLAIM,
  DPOT_NOISE_CLAIM,
  IMPROVEMENT_MARGIN,
} from '../../../../models/dpot/claim';
import { DPOT_CLAIM_PROFILES } from '../../../../models/dpot/claimProfiles';
import {
  DPOT_NOISE_SIGMA,
  DPOT_REPRODUCE_SCALES,
  DPOT_SEED_COUNT,
  MAX_FINETUNE_TRAJECTORIES,
  type DpotClaimId,
} from '../../../../models/dpot/jobs/reproduceConfig';
import type { DatasetRecordMeta } from '../../../../storage/datasetRecords';
import type { Summary } from '../../../../storage/types';
import { ClaimCard } from '../../../controls/ClaimCard';
import { DatasetPicker } from '../../../controls/DatasetPicker';
import { finetuneClaimProblem, noiseClaimProblem } from './reproduceChecks';
import { FinetuneResult, NoiseResult } from './ReproduceResult';
import { useDpotReproduce, type DpotReproduceState } from './reproduceStore';
import './rolloutLab.css';

type DatasetSummary = Summary<DatasetRecordMeta>;

const CLAIM_WORDS: Record<DpotClaimId, string> = {
  noise: 'A: noise injection makes rollouts more stable',
  finetune: 'B: pretraining, then fine-tuning, beats training from scratch',
};

const PERCENT = Math.round(100 * IMPROVEMENT_MARGIN);

function datasetWords(d: DatasetSummary): string {
  return `${trajectoryCount(d.meta)} trajectories of ${d.meta.times.length} frames on a ${d.meta.grid.n} × ${d.meta.grid.n} grid`;
}

/** A labelled select of the saved datasets, for a card that needs two. */
function DatasetSelect({
  label,
  datasets,
  dataset,
  disabled,
  help,
  onChoose,
}: {
  label: string;
  datasets: readonly DatasetSummary[];
  dataset: DatasetSummary;
  disabled: boolean;
  help: string;
  onChoose(id: string): void;
}) {
  const id = useId();
  return (
    <div className="param">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={dataset.id}
        disabled={disabled}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChoose(e.target.value)}
      >
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <small id={`${id}-help`} className="param__help">
        {help}
      </small>
    </div>
  );
}

interface ReproduceCardProps {
  datasets: readonly DatasetSummary[];
  /** The dataset shown until one is chosen here (the rollout lab's). */
  fallback: DatasetSummary;
}

export function ReproduceCard(props: ReproduceCardProps) {
  return <ClaimCardOf store={useDpotReproduce()} {...props} />;
}

/** The card for the store's claim, with the store's choices (its own component for tests). */
export function ClaimCardOf({
  store,
  datasets,
  fallback,
}: ReproduceCardProps & { store: DpotReproduceState }) {
  const id = useId();
  const { claim, scale, sigma, seeds, seed, activeJobId, outcome, last, choose } = store;
  const running = activeJobId !== undefined;
  const profile = DPOT_CLAIM_PROFILES[scale];
  const byId = (wanted: string | undefined) => datasets.find((d) => d.id === wanted);
  const dataset = byId(store.datasetId) ?? fallback;
  const pretrain = byId(store.pretrainDatasetId) ?? fallback;
  // The fine-tuning set defaults to another dataset than the pretraining one, where there is one.
  const finetune =
    byId(store.finetuneDatasetId) ?? datasets.find((d) => d.id !== pretrain.id) ?? pretrain;
  const { noise, finetune: ft } = profile;
  const tIn = profile.config.inputFrames;

  const claimChoice = (
    <fieldset className="reproduce-card__scales" disabled={running}>
      <legend>Claim</legend>
      {(Object.keys(CLAIM_WORDS) as DpotClaimId[]).map((key) => (
        <label key={key} className="radio">
          <input
            type="radio"
            name={`${id}-claim`}
            value={key}
            checked={claim === key}
            onChange={() => choose({ claim: key })}
          />
          <span>{CLAIM_WORDS[key]}</span>
        </label>
      ))}
    </fieldset>
  );

  const seedInput = (
    <div className="param">
      <label htmlFor={`${id}-seed`}>{claim === 'noise' ? 'First seed' : 'Seed'}</label>
      <input
        id={`${id}-seed`}
        type="number"
        min={0}
        step={1}
        value={seed}
        disabled={running}
        onChange={(e) => {
          const value = Math.round(Number(e.target.value));
          if (Number.isFinite(value) && value >= 0) choose({ seed: value });
        }}
      />
    </div>
  );

  if (claim === 'noise') {
    return (
      <ClaimCard
        className="dpot-reproduce"
        claim={DPOT_NOISE_CLAIM}
        source={
          <>
            claim A, from Hao et al., “DPOT: Auto-Regressive Denoising Operator Transformer for
            Large-Scale PDE Pre-Training” (ICML 2024), which trains with noise on its inputs
          </>
        }
        protocol={
          <>
            Protocol: for each of {seeds} {seeds === 1 ? 'seed' : 'seeds'}, two models train{' '}
            {noise.steps} steps on the dataset’s training trajectories with the same batches, one
            without input noise and one with noise of σ_rel = {sigma} (a share of each sample’s
            size). Both then roll out the held-out trajectories {noise.rolloutSteps} steps from
            their first {tIn} frames. The claim holds when, with noise, the error at the last step
            is at least {PERCENT} % lower on average, and lower on most seeds.
          </>
        }
        setup={
          <>
            {claimChoice}
            <DatasetPicker
              datasets={datasets}
              dataset={dataset}
              disabled={running}
              onChoose={(chosen) => choose({ datasetId: chosen })}
              help={
                <>
                  {datasetWords(dataset)}. Its training split trains; the other trajectories (or the
                  last quarter, if it keeps none) are rolled out.
                </>
              }
            />
            <div className="param">
              <label htmlFor={`${id}-sigma`}>Noise of the noisy arm, σ_rel</label>
              <div className="dpot-reproduce__slider">
                <input
                  id={`${id}-sigma`}
                  type="range"
                  min={DPOT_NOISE_SIGMA.min}
                  max={DPOT_NOISE_SIGMA.max}
                  step={DPOT_NOISE_SIGMA.step}
                  value={sigma}
                  disabled={running}
                  aria-valuetext={`σ_rel ${sigma}`}
                  onChange={(e) => choose({ sigma: Number(e.target.value) })}
                />
                <output htmlFor={`${id}-sigma`}>{sigma.toFixed(2)}</output>
              </div>
            </div>
            <div className="results-setup__row">
              <div className="param">
                <label htmlFor={`${id}-seeds`}>Seeds</label>
                <select
                  id={`${id}-seeds`}
                  value={seeds}
                  disabled={running}
                  onChange={(e) => choose({ seeds: Number(e.target.value) })}
                >
                  {Array.from(
                    { length: DPOT_SEED_COUNT.max - DPOT_SEED_COUNT.min + 1 },
                    (_, k) => DPOT_SEED_COUNT.min + k,
                  ).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              {seedInput}
            </div>
            <small className="param__help">
              DPOT’s own noise is about 0.2 of each sample’s size. Each seed trains both arms, so
              three seeds take three times as long; the paper’s protocol asks for at least three.
            </small>
          </>
        }
        problem={noiseClaimProblem(dataset.meta, scale)}
        scales={DPOT_REPRODUCE_SCALES}
        scale={scale}
        onScale={(key) => choose({ scale: key })}
        activeJobId={activeJobId}
        outcome={outcome}
        onRun={() => store.runNoise({ id: dataset.id, name: dataset.name })}
        result={last.noise ? <NoiseResult run={last.noise} /> : undefined}
      />
    );
  }

  return (
    <ClaimCard
      className="dpot-reproduce"
      claim={DPOT_FINETUNE_CLAIM}
      source={
        <>
          claim B, from Hao et al., “DPOT: Auto-Regressive Denoising Operator Transformer for
          Large-Scale PDE Pre-Training” (ICML 2024), which pretrains one model on many PDE datasets
        </>
      }
      protocol={
        <>
          Protocol: a model pretrains {ft.pretrainSteps} steps on every trajectory of the first
          dataset. Then, on the second dataset’s training trajectories (at most{' '}
          {MAX_FINETUNE_TRAJECTORIES}), it fine-tunes {ft.finetuneSteps} steps, and a fresh model
          trains as many steps on the same trajectories. Both roll out the second dataset’s held-out
          trajectories {ft.rolloutSteps} steps from their first {tIn} frames. The claim holds when
          pretraining lowers both the error over the whole rollout and the error at its last step by
          at least {PERCENT} %.
        </>
      }
      setup={
        <>
          {claimChoice}
          <DatasetSelect
            label="Pretrain on"
            datasets={datasets}
            dataset={pretrain}
            disabled={running}
            help={`${datasetWords(pretrain)}. Every trajectory pretrains: several equations are best.`}
            onChoose={(chosen) => choose({ pretrainDatasetId: chosen })}
          />
          <DatasetSelect
            label="Fine-tune on"
            datasets={datasets}
            dataset={finetune}
            disabled={running}
            help={`${datasetWords(finetune)}. A few trajectories of an equation the first dataset lacks; its training split fine-tunes, the rest is rolled out.`}
            onChoose={(chosen) => choose({ finetuneDatasetId: chosen })}
          />
          <div className="results-setup__row">{seedInput}</div>
        </>
      }
      problem={finetuneClaimProblem(pretrain, finetune, scale)}
      scales={DPOT_REPRODUCE_SCALES}
      scale={scale}
      onScale={(key) => choose({ scale: key })}
      activeJobId={activeJobId}
      outcome={outcome}
      onRun={() =>
        store.runFinetune(
          { id: pretrain.id, name: pretrain.name },
          { id: finetune.id, name: finetune.name },
        )
      }
      result={last.finetune ? <FinetuneResult run={last.finetune} /> : undefined}
    />
  );
}
