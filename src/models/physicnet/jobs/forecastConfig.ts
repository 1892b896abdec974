/**
 * PhysicNet-style's forecast job (the Results panel's view): its name, parameters and result,
 * plain data the UI may import (no tfjs).
 */
import type { ExpertsSnapshot } from '../../snapshot';
import type {
  PHYSICNET_REPRODUCE_JOB,
  PhysicNetReproduceParams,
  PhysicNetReproduceResult,
} from './reproduceConfig';

/** The job's name in physicnetRuntime.jobs. */
export const PHYSICNET_FORECAST_JOB = 'forecast';

/** At most this many held-out windows are scored (each held-out trajectory's first). */
export const MAX_SCORED_WINDOWS = 16;

export interface PhysicNetForecastParams {
  /** A saved PhysicNet-style checkpoint (lab storage). */
  checkpointId: string;
  /** A saved dataset [N, T, X, Y, C]. */
  datasetId: string;
  /** Which of its trajectories to picture (its first window), 0…N−1. */
  trajectory: number;
}

/** A forecaster's scores on the scored windows, per forecast step and over all of them. */
export interface ForecastScores {
  /** Mean squared error of each forecast step, in the data's units. */
  mse: number[];
  /** SSIM of each forecast step (1 is perfect). */
  ssim: number[];
  testMse: number;
  testSsim: number;
  /** ‖forecast − truth‖ / ‖truth‖ over every step, point and window. */
  relL2: number;
}

/** The model's scores: the forecast's, and how it uses its codebook and its flow. */
export interface PhysicNetScores extends ForecastScores {
  /** exp(entropy) of the code use over the scored inputs; NaN without vector quantization. */
  perplexity: number;
  /** Share of the codebook no scored input used; NaN without vector quantization. */
  deadCodes: number;
  /** Mean end-point error of the first step's flow, in grid cells per frame; absent without
   * the flow expert or where the data do not know their velocity. */
  flowEndPointError?: number;
}

/** Which trajectories were scored. */
export interface ScoredWindows {
  /** 'held-out': the validation and test trajectories; 'all': the dataset keeps none out. */
  split: 'held-out' | 'all';
  /** The first scored trajectory and how many windows (each one's first) were scored. */
  first: number;
  windows: number;
  /** How many trajectories the scored split holds (more than `windows` when capped). */
  trajectories: number;
}

export interface PhysicNetForecastResult {
  /** The checkpoint's run and training steps. */
  runName: string;
  step: number;
  trajectory: number;
  /** The channels the model reads: the dataset's first ones, by name. */
  channels: string[];
  /** Frames read and forecast. */
  inputFrames: number;
  outputFrames: number;
  codebookSize: number;
  /** The model's arms: vector quantization, the flow expert, the local experts. */
  arms: { quantize: boolean; flow: boolean; local: boolean };
  /** Whether the dataset knows its true velocity (the swirl does), for the flow's error. */
  knowsVelocity: boolean;
  /** The chosen trajectory's first window, forecast. */
  snapshot: ExpertsSnapshot;
  scored: ScoredWindows;
  model: PhysicNetScores;
  /** The persistence baseline (every forecast frame is the last input frame), same windows. */
  persistence: ForecastScores;
}

/** PhysicNet-style's own jobs by name, with their params and results. */
export interface PhysicNetJobTypes {
  [PHYSICNET_FORECAST_JOB]: { params: PhysicNetForecastParams; result: PhysicNetForecastResult };
  [PHYSICNET_REPRODUCE_JOB]: {
    params: PhysicNetReproduceParams;
    result: PhysicNetReproduceResult;
  };
}

export type PhysicNetJobName = keyof PhysicNetJobTypes;
