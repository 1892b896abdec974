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

export type ModelSnapshot = ReconstructionSnapshot | ForecastSnapshot;
