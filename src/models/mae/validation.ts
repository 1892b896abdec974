/**
 * Validation of an MAE on fixed windows with fixed masks: the masked-region relative L2 error of
 * its reconstruction next to that of the `linear` and `nearest` interpolation baselines
 * (data/masks/baseline.ts) on exactly the same windows and masks.
 */
import * as tf from '@tensorflow/tfjs';
import { BASELINES, maskedMse, maskedRelativeL2, type BaselineId } from '../../data/masks/baseline';
import { tokenMaskToPixels } from '../../data/masks/patches';
import { maskBatch, type MaskStrategy, type TokenMask } from '../../data/masks/strategies';
import { createRng, seedFor } from '../../pde/random';
import { maeReconstructTensor, type MaeModel } from './model';
import { sampleWindows, windowSize, type WindowSource } from './windows';

/** Random streams of the validation set, apart from those of training batches. */
const VALIDATION_WINDOW_STREAM = 5000;
const VALIDATION_MASK_STREAM = 5001;

export interface MaeValidationOptions {
  /** Number of fixed windows (default 16). */
  count?: number;
  seed?: number;
  /** Windows per forward pass (default 8). */
  batchSize?: number;
  strategy?: MaskStrategy;
  /** Default: the model's mask ratio. */
  ratio?: number;
}

export interface MaeValidation {
  /** [count, T, X, Y, C] */
  readonly windows: Float32Array;
  readonly masks: readonly TokenMask[];
  /** One flag per pixel of every window, [count, T, X, Y]. */
  readonly pixelMask: Uint8Array;
  /** Masked-region relative L2 of each baseline (computed once). */
  readonly baselines: Readonly<Record<'linear' | 'nearest', number>>;
  /**
   * relL2 (the MAE's masked-region relative L2), mse (its masked-region MSE), relL2Linear and
   * relL2Nearest (the baselines').
   */
  evaluate(model: MaeModel): Promise<Record<string, number>>;
}

export function createMaeValidation(
  source: WindowSource,
  model: Pick<MaeModel, 'config' | 'geometry'>,
  options: MaeValidationOptions = {},
): MaeValidation {
  const count = options.count ?? 16;
  const seed = options.seed ?? 0;
  const batchSize = options.batchSize ?? 8;
  const g = model.geometry;
  const windows = sampleWindows(
    source,
    createRng(seedFor(seed, 0, VALIDATION_WINDOW_STREAM)),
    count,
  );
  const masks = maskBatch(
    g,
    { strategy: options.strategy ?? 'random', ratio: options.ratio ?? model.config.maskRatio },
    seedFor(seed, 0, VALIDATION_MASK_STREAM),
    count,
  );
  const size = windowSize(source);
  const pixels = size / source.channels;
  const pixelMask = new Uint8Array(count * pixels);
  masks.forEach((m, b) => pixelMask.set(tokenMaskToPixels(g, m.mask), b * pixels));

  const baselineError = (id: BaselineId) => {
    const filled = new Float32Array(windows.length);
    masks.forEach((m, b) => {
      const window = windows.subarray(b * size, (b + 1) * size);
      filled.set(BASELINES[id](window, g, m.mask), b * size);
    });
    return maskedRelativeL2(filled, windows, pixelMask);
  };
  const baselines = { linear: baselineError('linear'), nearest: baselineError('nearest') };

  return {
    windows,
    masks,
    pixelMask,
    baselines,
    async evaluate(mae: MaeModel) {
      const reconstruction = new Float32Array(windows.length);
      const [T, X, Y, C] = g.window;
      for (let start = 0; start < count; start += batchSize) {
        const n = Math.min(batchSize, count - start);
        const out = tf.tidy(() =>
          maeReconstructTensor(
            mae,
            tf.tensor5d(windows.subarray(start * size, (start + n) * size), [n, T, X, Y, C]),
            masks.slice(start, start + n),
          ),
        );
        try {
          reconstruction.set(await out.data<'float32'>(), start * size);
        } finally {
          out.dispose();
        }
      }
      return {
        relL2: maskedRelativeL2(reconstruction, windows, pixelMask),
        mse: maskedMse(reconstruction, windows, pixelMask),
        relL2Linear: baselines.linear,
        relL2Nearest: baselines.nearest,
      };
    },
  };
}
