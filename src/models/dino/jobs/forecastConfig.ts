/**
 * DINo's forecast job (the Results panel's forecast lab): its name, parameters and result, plain
 * data the UI may import (no tfjs).
 */
import type {
  DINO_REPRODUCE_JOB,
  DinoReproduceParams,
  DinoReproduceResult,
} from './reproduceConfig';

/** The job's name in dinoRuntime.jobs. */
export const DINO_FORECAST_JOB = 'forecast';

/** The side of the display grid the forecast can be decoded at: 16² … 256². */
export const MIN_RESOLUTION = 16;
export const MAX_RESOLUTION = 256;

export interface DinoForecastParams {
  /** A saved DINo checkpoint (lab storage). */
  checkpointId: string;
  /** A saved dataset [N, T, X, Y, C]. */
  datasetId: string;
  /** Which of its trajectories, 0…N−1. */
  trajectory: number;
  /**
   * The sensors: flat indices i·Y + j of the dataset's grid points observed at frame 0. The
   * first code is fitted to them; they are the In-s points of the errors.
   */
  sensors: ArrayLike<number>;
  /** The display grid's side, MIN_RESOLUTION…MAX_RESOLUTION. */
  resolution: number;
}

/** Relative L2 errors, ‖forecast − truth‖ / ‖truth‖; NaN where a group is empty. */
export interface ForecastErrorTable {
  /** Training frames (In-t), at the sensors (In-s). */
  inTimeInSpace: number;
  /** Training frames, between the sensors (Out-s). */
  inTimeOutSpace: number;
  /** Frames beyond the training horizon (Out-t), at the sensors. */
  outTimeInSpace: number;
  outTimeOutSpace: number;
  /** Every frame and point. */
  all: number;
}

/** Per frame relative L2 errors (length T; NaN where a group is empty or its truth is zero). */
export interface ErrorByFrame {
  /** At the sensors. */
  observed: number[];
  /** At every other grid point. */
  unobserved: number[];
  all: number[];
}

export interface DinoForecastResult {
  /** The checkpoint's run and training steps. */
  runName: string;
  step: number;
  trajectory: number;
  /** Frames forecast (the dataset's T) and how many of them training saw (In-t). */
  frames: number;
  trainFrames: number;
  /** The dataset's time of each frame. */
  times: number[];
  /** The dataset's grid, X × Y. */
  gridX: number;
  gridY: number;
  /** The channels the model reads: the dataset's first ones, by name. */
  channels: string[];
  /** [T, X, Y, channels]: the trajectory as simulated. */
  truth: Float32Array;
  /** [T, X, Y, channels]: the forecast decoded at the dataset's grid. */
  forecast: Float32Array;
  /** The display grid's side r, and the forecast decoded there: [T, r, r, channels]. */
  resolution: number;
  display: Float32Array;
  /** The sensors used, sorted and without repeats. */
  sensors: Int32Array;
  /** Best mean squared error of the fitted first code at the sensors. */
  fitLoss: number;
  errorByFrame: ErrorByFrame;
  table: ForecastErrorTable;
  /** [T, codeSize]: the code trajectory α_t the latent ODE produced. */
  codes: Float32Array;
  codeSize: number;
  /** [T, 2]: the codes on their first two principal components. */
  path: Float32Array;
  /** Share of the codes' variance along PC1 and PC2. */
  explained: [number, number];
}

/** The job that shows a trajectory's first frame, for placing sensors on it. */
export const DINO_FIRST_FRAME_JOB = 'firstFrame';

export interface DinoFirstFrameParams {
  datasetId: string;
  trajectory: number;
}

export interface DinoFirstFrameResult {
  trajectory: number;
  /** [X, Y, C]: frame 0 of the trajectory, every channel. */
  frame: Float32Array;
  gridX: number;
  gridY: number;
  channels: string[];
}

/** DINo's own jobs by name, with their params and results. */
export interface DinoJobTypes {
  [DINO_REPRODUCE_JOB]: { params: DinoReproduceParams; result: DinoReproduceResult };
  [DINO_FORECAST_JOB]: { params: DinoForecastParams; result: DinoForecastResult };
  [DINO_FIRST_FRAME_JOB]: { params: DinoFirstFrameParams; result: DinoFirstFrameResult };
}

export type DinoJobName = keyof DinoJobTypes;
