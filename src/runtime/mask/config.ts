/** The Mask panel's request to the worker and its answer: plain data shared by the UI and the worker. */
import type { BaselineId, MaskStrategy, PatchSize, TokenGrid, WindowShape } from '../../data/masks';
import { isModelId, modelEntry } from '../../models/catalog';

/**
 * Where the reconstruction column comes from: an interpolation baseline, or the checkpoint of a
 * trained model that fills hidden patches (lab storage). A model reconstructs on its own grid and patches and is
 * compared with `baseline` on the same mask. `savedAt` is the checkpoint record's createdAt: a
 * run keeps one checkpoint id and overwrites it, so a newer save under the same id reloads.
 */
export type ReconstructionSource =
  | { kind: 'baseline'; method: BaselineId }
  | { kind: 'model'; checkpointId: string; savedAt?: number; baseline: BaselineId };

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
  /**
   * A mask painted by the user, one flag per token of the window's token grid (1 hidden): when
   * given, it replaces strategy, ratio and seed.
   */
  painted?: number[];
  /**
   * With a model source, `frames` and `patch` must be the model's (the panel reads them from the
   * checkpoint's summary); the window is cut to the model's channels and resampled to its grid.
   */
  reconstruction: ReconstructionSource;
  /**
   * With a model source: also return the model's attention for this window, when it has one
   * (only when asked: N × N per head and layer).
   */
  attention?: boolean;
}

/** The baseline's error on the same window and mask, beside a model's reconstruction. */
export interface BaselineComparison {
  method: BaselineId;
  maskedRelativeL2: number;
  perFrameRelativeL2: number[];
  reconstructMs: number;
}

/** The checkpoint that reconstructed, and the window it asked for. */
export interface MaskPreviewModel {
  /** Its model's id in the catalog. */
  modelId: string;
  checkpointId: string;
  runId: string;
  /** The run's name. */
  runName: string;
  /** Training steps in the checkpoint. */
  step: number;
  /** The model's grid side (windows are resampled to it). */
  size: number;
  /** The dataset's grid side before resampling. */
  datasetSize: number;
  /** Channels the model reads: the dataset's first ones. */
  channels: number;
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
  /** With a model source: the baseline on the same mask. */
  baseline?: BaselineComparison;
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
  /** With a model source: which model, and how the window was fitted to it. */
  model?: MaskPreviewModel;
  /**
   * With a model source that has attention and request.attention, when some patch is hidden: the
   * model's attention per layer, [heads, tokens, tokens] (rows: queries).
   */
  attention?: PatchAttention;
}

/** A model's attention between the window's patches: per layer, [heads, tokens, tokens]. */
export interface PatchAttention {
  layers: number;
  heads: number;
  tokens: number;
  weights: Float32Array[];
}

const BASELINE_NAMES: Record<BaselineId, string> = {
  linear: 'linear',
  'inverse-distance': 'inverse-distance',
  nearest: 'nearest-visible',
};

/** A baseline in words: "linear interpolation baseline". */
export function describeBaseline(method: BaselineId): string {
  return `${BASELINE_NAMES[method]} interpolation baseline`;
}

/**
 * What the reconstruction column shows, in words for the panel: the baseline, or the model with
 * its run and step when the preview names them.
 */
export function describeSource(
  source: ReconstructionSource,
  model?: Pick<MaskPreviewModel, 'modelId' | 'runName' | 'step'>,
): string {
  if (source.kind === 'baseline') return describeBaseline(source.method);
  return model
    ? `${modelShortName(model.modelId)} reconstruction (run ${model.runName}, step ${model.step})`
    : 'Model reconstruction';
}

/** A model's short name in sentences ("MAE"): its catalog entry's run label. */
export function modelShortName(modelId: string): string {
  return isModelId(modelId) ? modelEntry(modelId).runLabel : modelId;
}
