/**
 * DPOT's forecast job (the Results panel's lab): its name, parameters and result, plain data the
 * UI may import (no tfjs). One or two saved models roll a saved dataset's trajectories out on
 * their own predictions, beside persistence (the last true frame repeated).
 */
import type { MixerSpectrum } from '../../snapshot';
import type {
  DPOT_REPRODUCE_JOB,
  DpotReproduceParams,
  DpotReproduceResult,
} from './reproduceConfig';

/** The job's name in dpotRuntime.jobs. */
export const DPOT_FORECAST_JOB = 'forecast';

/** At most this many held-out trajectories are scored, shared among the dataset's equations. */
export const MAX_SCORED_TRAJECTORIES = 16;
/** The longest rollout the lab runs (the data may allow fewer steps). */
export const MAX_ROLLOUT_STEPS = 40;
/** At most this many models roll out side by side. */
export const MAX_COMPARED_MODELS = 2;

export interface DpotForecastParams {
  /** One or two saved DPOT checkpoints (lab storage); the first is the one pictured in full. */
  checkpointIds: string[];
  /** A saved dataset [N, T, X, Y, C]. */
  datasetId: string;
  /** Which of its trajectories to picture, 0…N−1. */
  trajectory: number;
  /** Rollout steps, 1…MAX_ROLLOUT_STEPS and at most what the trajectories allow. */
  steps: number;
}

/** A rollout's errors over the scored trajectories. */
export interface RolloutScores {
  /** Mean relative L2 error of each step (step 1 first). */
  perStep: number[];
  /** Mean relative L2 error over the whole rollout: norms over steps and points, per channel. */
  full: number;
  /** The first step whose mean error exceeds 0.5, or null. */
  horizon: number | null;
}

/** One model's rollouts: the chosen trajectory's, and its scores on the held-out ones. */
export interface DpotModelRollout {
  checkpointId: string;
  /** The checkpoint's run and training steps. */
  runName: string;
  step: number;
  /** The settings that tell models apart in a comparison. */
  inputFrames: number;
  noise: number;
  channels: number;
  /** The chosen trajectory's predicted frames [K, X, Y, C] (its equation's own channels). */
  forecast: Float32Array;
  /** Their relative L2 error at each step, and the first step above 0.5 (null: none). */
  errors: number[];
  horizon: number | null;
  /** Each Fourier block's mixer spectrum on the model's input window of the chosen trajectory. */
  spectra: MixerSpectrum[];
  scores: RolloutScores;
}

/** Which trajectories were scored. */
export interface ScoredTrajectories {
  /** 'held-out': the validation and test trajectories; 'all': the dataset keeps none out. */
  split: 'held-out' | 'all';
  /** The first trajectory of the scored split, and how many the split holds. */
  first: number;
  trajectories: number;
  /** How many were scored (at most MAX_SCORED_TRAJECTORIES), per equation. */
  count: number;
  equations: { equation: string; count: number }[];
}

export interface DpotForecastResult {
  trajectory: number;
  /** The trajectory's equation (its component's in a mixed dataset) and channels' names. */
  equation: string;
  channels: string[];
  /**
   * Index of the first predicted frame: the longest input window of the models compared, so every
   * model predicts the same frames (a model reading fewer frames reads the last ones before it).
   */
  start: number;
  /** Predicted frames [K, X, Y, C]. */
  shape: [number, number, number, number];
  /** The last true frame before the rollout [X, Y, C], and the true frames [K, X, Y, C]. */
  input: Float32Array;
  truth: Float32Array;
  models: DpotModelRollout[];
  /** Persistence: every predicted frame is the last true one; same trajectories, same errors. */
  persistence: { errors: number[]; horizon: number | null; scores: RolloutScores };
  scored: ScoredTrajectories;
}

/** DPOT's own jobs by name, with their params and results. */
export interface DpotJobTypes {
  [DPOT_FORECAST_JOB]: { params: DpotForecastParams; result: DpotForecastResult };
  [DPOT_REPRODUCE_JOB]: { params: DpotReproduceParams; result: DpotReproduceResult };
}

export type DpotJobName = keyof DpotJobTypes;
