/** The Mask panel's request to the worker and its answer: plain data shared by the UI and the worker. */
import type { BaselineId, MaskStrategy, PatchSize, TokenGrid, WindowShape } from '../../data/masks';

/**
 * Where the reconstruction column comes from. Only the interpolation baselines exist so far; a
 * trained model joins as another member, e.g. `{ kind: 'model'; checkpointId: string }`, with a
 * reconstructor registered beside the baseline one in maskPreview.ts.
 */
export type ReconstructionSource = { kind: 'baseline'; method: BaselineId };

export interface MaskPreviewRequest {
  /** A record id in the lab storage's datasets. */
  datasetId: string;
  trajectory: number;
  /** The window's first frame in the trajectory. */
  start: number;
  /** Frames in the window. */
  frames: number;
  patch: PatchSize;
  strategy: MaskStrategy;
  /** Share of patches hidden, in [0, MAX_MASK_RATIO]. */
  ratio: number;
  /** The mask is maskForSample(grid, options, seed, trajectory): the same seed, the same mask. */
  seed: number;
  reconstruction: ReconstructionSource;
}

export interface MaskPreviewMetrics {
  hiddenTokens: number;
  tokens: number;
  /** Masked-region relative L2 error of the reconstruction over the window; NaN if nothing is hidden. */
  maskedRelativeL2: number;
  /** The same, frame by frame (NaN for frames with nothing hidden). */
  perFrameRelativeL2: number[];
  /** How long the reconstruction took in the worker. */
  reconstructMs: number;
}

export interface MaskPreviewResult {
  request: MaskPreviewRequest;
  /** [T, X, Y, C] of the window. */
  window: WindowShape;
  tokenGrid: TokenGrid;
  /** The time of each window frame. */
  times: number[];
  channels: string[];
  /** The window's values, [T, X, Y, C]. */
  original: Float32Array;
  /** One flag per token (1 hidden), token order time-block, x-block, y-block. */
  tokenMask: Uint8Array;
  /** One flag per pixel, [T, X, Y] (1 hidden). */
  pixelMask: Uint8Array;
  /** What the reconstruction source filled in, [T, X, Y, C]. */
  reconstruction: Float32Array;
  /** reconstruction − original, [T, X, Y, C]. */
  error: Float32Array;
  metrics: MaskPreviewMetrics;
}

/** What the reconstruction column shows, in words for the panel. */
export function describeSource(source: ReconstructionSource): string {
  const names: Record<BaselineId, string> = {
    linear: 'linear',
    'inverse-distance': 'inverse-distance',
    nearest: 'nearest-visible',
  };
  return `${names[source.method]} interpolation baseline`;
}
