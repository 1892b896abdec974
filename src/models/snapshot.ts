/**
 * Pictures of a model at work on fixed validation samples, taken while it trains: plain arrays
 * that cross from the worker to the Train panel, one kind per model family (ModelSpec.snapshotKind).
 */

/** Windows [B, T, X, Y, C], which pixels were hidden [B, T, X, Y] (1 hidden), and the fill. */
export interface ReconstructionSnapshot {
  kind: 'reconstruction';
  shape: [number, number, number, number, number];
  original: Float32Array;
  pixelMask: Uint8Array;
  reconstruction: Float32Array;
}

/**
 * Trajectories [B, T, X, Y, C] and their forecast from the observed points of frame 0 (1 in
 * `observed` [X, Y]); frames from `trainFrames` on lie beyond the training horizon.
 */
export interface ForecastSnapshot {
  kind: 'forecast';
  shape: [number, number, number, number, number];
  truth: Float32Array;
  forecast: Float32Array;
  observed: Uint8Array;
  trainFrames: number;
}

/**
 * One validation window forecast by experts on discrete codes (PhysicNet-style): the last input
 * frame, the forecast against the truth [T, X, Y, C], the code of each latent cell of the last
 * input frame [h, w], the flow estimated for the first step [h, w, 2] in grid cells per frame
 * (along X, along Y; content at a cell comes from that far away), the true one where the data
 * know it, and the crops the local experts read.
 */
export interface ExpertsSnapshot {
  kind: 'experts';
  shape: [number, number, number, number, number];
  input: Float32Array;
  truth: Float32Array;
  forecast: Float32Array;
  /** The global expert's own forecast, before the local experts are fused in. */
  globalForecast: Float32Array;
  codes?: Int32Array;
  codebookSize: number;
  latentShape: [number, number];
  flow?: Float32Array;
  trueFlow?: Float32Array;
  crops: { row: number; col: number; size: number }[];
}

/**
 * The Fourier mixer of each block seen through its spectrum: the energy of every kept mode
 * [rows, columns] (rows in the DFT's order: 0, 1, …, then negative frequencies) entering the
 * mixer and leaving it, summed over channels and the windows shown.
 */
export interface MixerSpectrum {
  rows: number;
  columns: number;
  input: Float32Array;
  output: Float32Array;
}

/**
 * A held-out trajectory rolled out auto-regressively (DPOT): its last input frame [X, Y, C], the
 * predicted frames against the true ones [K, X, Y, C], the relative L2 error of each step, the
 * first step whose error exceeds 0.5 (null: none), and each block's mixer spectrum.
 */
export interface RolloutSnapshot {
  kind: 'rollout';
  shape: [number, number, number, number, number];
  input: Float32Array;
  truth: Float32Array;
  forecast: Float32Array;
  errors: number[];
  horizon: number | null;
  spectra: MixerSpectrum[];
}

export type ModelSnapshot =
  ReconstructionSnapshot | ForecastSnapshot | ExpertsSnapshot | RolloutSnapshot;
