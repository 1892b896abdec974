/**
 * DPOT's "Reproduce the paper" card's state: which claim (A, noise injection; B, pretraining
 * then fine-tuning), its settings (the datasets, σ of the noisy arm, the seeds, the scale), the
 * reproduce job in the worker, and each claim's latest result, kept when a later run fails or
 * stops. DPOT's claims take more settings than the shared reproduce store's, so it has its own.
 */
import { create } from 'zustand';
import {
  DPOT_NOISE_SIGMA,
  DPOT_REPRODUCE_JOB,
  DPOT_SEED_COUNT,
  type DpotClaimId,
  type DpotFinetuneReproduceParams,
  type DpotFinetuneReproduceResult,
  type DpotNoiseReproduceParams,
  type DpotNoiseReproduceResult,
  type DpotReproduceScale,
} from '../../../../models/dpot/jobs/reproduceConfig';
import { stopKeptJob, type KeptJobState } from '../../../../state/keptJob';
import { startDpotJob } from './forecastLabStore';

export interface NoiseRun {
  params: DpotNoiseReproduceParams;
  result: DpotNoiseReproduceResult;
  datasetName: string;
}

export interface FinetuneRun {
  params: DpotFinetuneReproduceParams;
  result: DpotFinetuneReproduceResult;
  pretrainName: string;
  finetuneName: string;
}

export interface DpotReproduceChoices {
  claim: DpotClaimId;
  scale: DpotReproduceScale;
  /** The first seed; claim A's others follow it. */
  seed: number;
  /** Claim A: σ_rel of the noisy arm, and how many seeds. */
  sigma: number;
  seeds: number;
  /** Unset: the dataset the card falls back on. */
  datasetId?: string;
  pretrainDatasetId?: string;
  finetuneDatasetId?: string;
}

export interface DpotReproduceState extends KeptJobState, DpotReproduceChoices {
  last: { noise?: NoiseRun; finetune?: FinetuneRun };
  choose(change: Partial<DpotReproduceChoices>): void;
  runNoise(dataset: { id: string; name: string }): void;
  runFinetune(pretrain: { id: string; name: string }, finetune: { id: string; name: string }): void;
  stop(): void;
}

const VERDICT_WORDS = {
  holds: 'holds',
  'partly holds': 'holds in part',
  'does not hold': 'does not hold',
} as const;

export const useDpotReproduce = create<DpotReproduceState>()((set, get) => ({
  claim: 'noise',
  scale: 'tiny',
  seed: 1,
  sigma: DPOT_NOISE_SIGMA.default,
  seeds: DPOT_SEED_COUNT.default,
  last: {},

  choose(change) {
    set(change);
  },

  runNoise(dataset) {
    if (get().activeJobId) return;
    const { scale, seed, seeds, sigma } = get();
    const params: DpotNoiseReproduceParams = {
      claim: 'noise',
      datasetId: dataset.id,
      scale,
      seed,
      seeds,
      sigma,
    };
    startDpotJob(
      DPOT_REPRODUCE_JOB,
      params,
      { title: 'Reproduce DPOT’s claim A (noise)', what: 'The reproduction' },
      set,
      (result) => {
        if (result.claim !== 'noise') return undefined;
        set((s) => ({ last: { ...s.last, noise: { params, result, datasetName: dataset.name } } }));
        return {
          tone: 'info',
          text: `On “${dataset.name}” at the ${scale} scale, claim A ${VERDICT_WORDS[result.verdict]}.`,
        };
      },
    );
  },

  runFinetune(pretrain, finetune) {
    if (get().activeJobId) return;
    const { scale, seed } = get();
    const params: DpotFinetuneReproduceParams = {
      claim: 'finetune',
      pretrainDatasetId: pretrain.id,
      finetuneDatasetId: finetune.id,
      scale,
      seed,
    };
    startDpotJob(
      DPOT_REPRODUCE_JOB,
      params,
      { title: 'Reproduce DPOT’s claim B (fine-tuning)', what: 'The reproduction' },
      set,
      (result) => {
        if (result.claim !== 'finetune') return undefined;
        const run = { params, result, pretrainName: pretrain.name, finetuneName: finetune.name };
        set((s) => ({ last: { ...s.last, finetune: run } }));
        return {
          tone: 'info',
          text: `Pretrained on “${pretrain.name}” and fine-tuned on “${finetune.name}” at the ${scale} scale, claim B ${VERDICT_WORDS[result.verdict]}.`,
        };
      },
    );
  },

  stop() {
    stopKeptJob(get().activeJobId);
  },
}));
