/**
 * The sizes DPOT's two claims are tested at (methods §2g), plain data the UI may import: the
 * model every arm is built with, the training budgets, the noise of claim A's noisy arm and the
 * data the command line builds (the browser's job reads saved datasets instead).
 */
import type { DpotEquationId } from './cli/data';
import { DPOT_PRESETS, type DpotConfig } from './config';

export interface DpotNoiseProfile {
  /** Equations trained on (one source each) and rolled out. */
  equations: DpotEquationId[];
  /** Training and held-out trajectories per equation. */
  train: number;
  test: number;
  /** Training steps of every run (each arm, each seed). */
  steps: number;
  /** Seeds: S, S + 1, … for a given S. */
  seeds: number;
  /** σ_rel of the noisy arm; the other arm has 0. */
  sigma: number;
  /** Autoregressive steps of the held-out rollouts. */
  rolloutSteps: number;
}

export interface DpotFinetuneProfile {
  /** Equations pretrained on, one source each (equal weights). */
  pretrain: DpotEquationId[];
  /** Trajectories per pretraining equation. */
  pretrainCount: number;
  /** The equation fine-tuned on and scored. */
  target: DpotEquationId;
  /** Fine-tuning trajectories (methods §2g: 16–32) and held-out ones. */
  finetuneCount: number;
  test: number;
  pretrainSteps: number;
  /** Steps of both fine-tuning arms: the pretrained model and the scratch one. */
  finetuneSteps: number;
  rolloutSteps: number;
}

export interface DpotClaimProfile {
  /** Every arm's model; its `noise` is σ_rel of claim B's runs (claim A's arms set their own). */
  config: DpotConfig;
  batch: number;
  /** The OneCycle schedule's peak learning rate, for every run. */
  maxLr: number;
  /** Frames of every generated trajectory: T_in plus the longer rollout. */
  frames: number;
  noise: DpotNoiseProfile;
  finetune: DpotFinetuneProfile;
}

export type DpotClaimProfileId = 'tiny' | 'quick' | 'full';

export const DPOT_CLAIM_PROFILES: Record<DpotClaimProfileId, DpotClaimProfile> = {
  // A few steps on the tiny preset (16², 3 input frames): shows both protocols end to end in a
  // test or a classroom, proves nothing.
  tiny: {
    config: DPOT_PRESETS.tiny.config,
    batch: 2,
    maxLr: 1e-3,
    frames: 8,
    noise: {
      equations: ['advection'],
      train: 4,
      test: 2,
      steps: 4,
      seeds: 3,
      sigma: 0.2,
      rolloutSteps: 4,
    },
    finetune: {
      pretrain: ['heat', 'advection', 'burgers', 'ns-1e-4'],
      pretrainCount: 2,
      target: 'ns-1e-3',
      finetuneCount: 2,
      test: 2,
      pretrainSteps: 4,
      finetuneSteps: 3,
      rolloutSteps: 4,
    },
  },
  // Both claims in about 10 minutes on a 2-core CPU with tfjs's wasm backend (patched,
  // nn/wasmPatches.ts), data included: nine training runs. The classroom model (32²) at width 32
  // with 5 input frames: a step of 8 takes 0.15 s against the classroom preset's 0.29 s (0.24 s
  // at 5 frames, 0.18 s at width 32; measured on this machine), so each run gets twice the steps
  // for the time, and trajectories of 25 frames hold 5 to read and a 20-step rollout. Claim A
  // trains on NS ν = 1e-3 alone: in 300 steps one equation is learnt well enough that both arms'
  // rollouts beat persistence (measured, seed 1: 0.21–0.26 at step 20 against 0.81), so their
  // difference is about stability rather than about an unlearnt model. Claim B pretrains for 600
  // steps on 32 trajectories of each of methods §2g's four equations and fine-tunes on 16.
  quick: {
    config: { ...DPOT_PRESETS.classroom.config, inputFrames: 5, width: 32 },
    batch: 8,
    maxLr: 1e-3,
    frames: 25,
    noise: {
      equations: ['ns-1e-3'],
      train: 32,
      test: 16,
      steps: 300,
      seeds: 3,
      sigma: 0.2,
      rolloutSteps: 20,
    },
    finetune: {
      pretrain: ['heat', 'advection', 'burgers', 'ns-1e-4'],
      pretrainCount: 32,
      target: 'ns-1e-3',
      finetuneCount: 16,
      test: 16,
      pretrainSteps: 600,
      finetuneSteps: 300,
      rolloutSteps: 10,
    },
  },
  // Methods §2g at 64²: the small preset (≈ 0.5 M parameters), batch 16, lr 1e-3, 96
  // trajectories per equation of 30 frames, 3,000 steps per run: for a GPU, days on a CPU.
  full: {
    config: DPOT_PRESETS.small.config,
    batch: 16,
    maxLr: 1e-3,
    frames: 30,
    noise: {
      equations: ['heat', 'advection', 'burgers', 'ns-1e-4'],
      train: 96,
      test: 32,
      steps: 3000,
      seeds: 3,
      sigma: 0.2,
      rolloutSteps: 20,
    },
    finetune: {
      pretrain: ['heat', 'advection', 'burgers', 'ns-1e-4'],
      pretrainCount: 96,
      target: 'ns-1e-3',
      finetuneCount: 32,
      test: 32,
      pretrainSteps: 4000,
      finetuneSteps: 2000,
      rolloutSteps: 10,
    },
  },
};
