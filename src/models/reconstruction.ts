/**
 * The 'reconstruct' capability, worker side (tfjs): how a model that fills hidden patches does it
 * for the Mask panel's preview and the Results panel's evaluation. A model offering it sets
 * `reconstructor` in its runtime (./runtime.ts); jobs reach it only through this interface.
 */
import type { TokenMask } from '../data/masks';
import type { MaskStrategy } from '../data/masks/strategies';
import type { TrajectoryArray } from '../data/trajectories';
import type { TrajectoryGroup } from '../data/trajectoryGroups';
import type { MaskedWindow } from './types';

/** The window a built model fills (frames of size², its patches) and the channels it reads. */
export interface ReconstructionWindow extends MaskedWindow {
  /** The dataset's first channels. */
  channels: number;
}

/** One window filled in by the model, with its attention when asked for. */
export interface ModelReconstruction {
  /** [T, X, Y, C] on the model's grid: hidden patches predicted, visible ones as given. */
  reconstruction: Float32Array;
  /** Per attention layer [heads, tokens, tokens] (rows: queries); none unless asked. */
  attention?: Float32Array[];
}

/** Masked-region relative L2 error of a model and of two baselines on one group's windows. */
export interface GroupErrors {
  id: string;
  trajectories: number;
  windows: number;
  /** The model's, and the baselines' on the same masks. */
  relL2: number;
  relL2Linear: number;
  relL2Nearest: number;
}

export interface GroupEvaluationOptions {
  /** Fixed windows per group (default 32). */
  windowsPerGroup?: number;
  seed?: number;
  /** Default: the model's training mask ratio. */
  ratio?: number;
  strategy?: MaskStrategy;
  batchSize?: number;
}

export interface Reconstructor<M> {
  window(model: M): ReconstructionWindow;
  /**
   * Fills the hidden patches of one window [T, X, Y, C] on the model's grid (some patch hidden,
   * some visible); with `attention`, also returns the attention its queries paid to each patch.
   */
  reconstruct(
    model: M,
    window: Float32Array,
    mask: TokenMask,
    options?: { attention?: boolean },
  ): Promise<ModelReconstruction>;
  /** The layers and heads of the attention `reconstruct` returns; absent: it returns none. */
  attentionShape?(model: M): { layers: number; heads: number };
  /**
   * Scores each group of a dataset's trajectories on fixed windows and masks, beside the linear
   * and nearest interpolation baselines on the same masks.
   */
  errorsByGroup(
    model: M,
    dataset: TrajectoryArray,
    groups: readonly TrajectoryGroup[],
    options?: GroupEvaluationOptions,
  ): Promise<GroupErrors[]>;
}
