/**
 * DPOT's "Reproduce the paper" job: its name, parameters, scales and result, plain data the UI
 * may import (no tfjs). Claim A (noise injection) runs on one saved dataset; claim B
 * (pretraining, then fine-tuning) on two: one to pretrain on, a small one to fine-tune on.
 */
import type { DpotFinetuneClaimResult, DpotNoiseClaimResult } from '../claimExperiment';

/** The job's name in dpotRuntime.jobs. */
export const DPOT_REPRODUCE_JOB = 'reproduce';

export type DpotReproduceScale = 'tiny' | 'quick';
export type DpotClaimId = 'noise' | 'finetune';

/** σ_rel of claim A's noisy arm: the UI's slider (the clean arm has 0). */
export const DPOT_NOISE_SIGMA = { min: 0.01, max: 0.5, step: 0.01, default: 0.2 } as const;
/** Seeds of claim A: each trains one model per arm (methods §2g asks for at least 3). */
export const DPOT_SEED_COUNT = { min: 1, max: 3, default: 3 } as const;
/** Held-out trajectories rolled out, at most (the first ones of the held-out range). */
export const MAX_HELD_OUT = 32;
/** Fine-tuning trajectories, at most (methods §2g: 16–32): the first ones of the train split. */
export const MAX_FINETUNE_TRAJECTORIES = 32;

/**
 * Each scale in words, for the scale choice. Times are on 2 CPU cores: tiny by
 * reproduce.test.ts (Node, tfjs cpu), quick from the CLI's quick profile
 * (bench/results/experiment-dpot-quick.json, WebAssembly), whose runs have the same sizes.
 */
export const DPOT_REPRODUCE_SCALES: Record<
  DpotReproduceScale,
  { label: string; explanation: string; time: { cpu: string; gpu: string } }
> = {
  tiny: {
    label: 'Tiny',
    explanation:
      'the tiny model (16², 3 input frames, width 16) and a handful of training steps per run: shows every step of the protocol in seconds, but is too short to test the claim. Datasets on another grid are resampled to 16².',
    time: {
      cpu: 'about 4 s for claim A on 6 trajectories of 7 frames (measured on 2 cores); longer for more trajectories and larger grids',
      gpu: 'not timed yet',
    },
  },
  quick: {
    label: 'Quick',
    explanation:
      'the command-line quick profile: the classroom model at width 32 with 5 input frames on a 32² grid, 300 training steps of 8 per run (claim A: 2 runs per seed; claim B: 600 pretraining steps, then 300 for each arm). Datasets on another grid are resampled to 32².',
    time: {
      cpu: 'about 1 min per run of 300 steps on 2 cores with WebAssembly: 6 min for claim A with 3 seeds, 3 min for claim B (measured: 341 s and 191 s)',
      gpu: 'not timed yet (no GPU was available to time it)',
    },
  },
};

/** Claim A on one saved dataset: its train split trains, the rest is rolled out. */
export interface DpotNoiseReproduceParams {
  claim: 'noise';
  datasetId: string;
  scale: DpotReproduceScale;
  /** The first seed; the others follow it (seed, seed + 1, …). */
  seed: number;
  /** How many seeds (DPOT_SEED_COUNT). */
  seeds: number;
  /** σ_rel of the noisy arm (DPOT_NOISE_SIGMA). */
  sigma: number;
}

/** Claim B on two saved datasets. */
export interface DpotFinetuneReproduceParams {
  claim: 'finetune';
  /** Every trajectory of it pretrains the model. */
  pretrainDatasetId: string;
  /** Its train split fine-tunes (at most MAX_FINETUNE_TRAJECTORIES), the rest is rolled out. */
  finetuneDatasetId: string;
  scale: DpotReproduceScale;
  seed: number;
}

export type DpotReproduceParams = DpotNoiseReproduceParams | DpotFinetuneReproduceParams;

/** How a saved dataset was read. */
export interface DpotReproduceDataset {
  /** Trajectories that trained (pretrained, or fine-tuned) and that were rolled out. */
  trainCount: number;
  heldOutCount: number;
  /** 'split': the validation and test splits; 'last quarter': the dataset keeps none. */
  heldOutFrom: 'split' | 'last quarter' | 'none';
  frames: number;
  /** The grid the model read, and the dataset's own when it was resampled to it. */
  grid: number;
  resampledFrom: number | null;
  /** The equations, one training source each (a mixed dataset has several). */
  equations: string[];
}

interface ReproduceRun {
  scale: DpotReproduceScale;
  seed: number;
}

export interface DpotNoiseReproduceResult extends DpotNoiseClaimResult, ReproduceRun {
  claim: 'noise';
  data: DpotReproduceDataset;
}

export interface DpotFinetuneReproduceResult extends DpotFinetuneClaimResult, ReproduceRun {
  claim: 'finetune';
  data: { pretrain: DpotReproduceDataset; finetune: DpotReproduceDataset };
}

export type DpotReproduceResult = DpotNoiseReproduceResult | DpotFinetuneReproduceResult;
