/**
 * The MAE's 'reconstruct' capability: one window filled in by the model (with its decoder's
 * attention when asked), its window and patches, and its per-group errors beside the
 * interpolation baselines (./evaluation.ts), for the Mask and Results panels.
 */
import * as tf from '@tensorflow/tfjs';
import type { Reconstructor } from '../reconstruction';
import { maeErrorsByGroup } from './evaluation';
import { maeInfo } from './info';
import { maeReconstruct, type MaeModel } from './model';

export const maeReconstructor: Reconstructor<MaeModel> = {
  window: (model) => ({ ...maeInfo.maskedWindow!(model.config), channels: model.channels }),
  async reconstruct(model, window, mask, options = {}) {
    const [T, X, Y, C] = model.geometry.window;
    const input = tf.tensor5d(window, [1, T, X, Y, C]);
    try {
      return await maeReconstruct(model, input, [mask], options);
    } finally {
      input.dispose();
    }
  },
  attentionShape: (model) => ({
    layers: model.config.decoderDepth,
    heads: model.config.decoderHeads,
  }),
  errorsByGroup: maeErrorsByGroup,
};
