/**
 * Finite-difference check of the MAE's tfjs gradients: the full masked-patch loss (patchify,
 * patch embedding, visible-token gather, encoder, mask tokens, un-shuffle, decoder, masked MSE)
 * differentiated with respect to sampled entries of every parameter tensor.
 *
 * Tolerance: float32 central differences with h = 1e-2 carry a rounding error ~1e-7·|L|/h; the
 * measured ‖Δ‖ over a tensor's samples is at most ~1e-5 while the sampled gradients' norms range
 * from 1e-3 to 0.3. So the error is measured as ‖Δ‖ / (‖g‖ + 1e-2), at most ~8e-4 as measured;
 * the tolerance 3e-3 leaves headroom, while a wrong gradient (a dropped term, a wrong gather
 * inverse), off by O(‖g‖), scores ≥ 0.09 even on the smallest tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskBatch } from '../../data/masks/strategies';
import { createRng } from '../../pde/random';
import { seededTensor, tfGradients } from '../nn/testing';
import { MAE_PRESETS, type MaeConfig } from './config';
import { createMae, maeLoss, type MaeModel } from './model';

const H = 1e-2;
/** Bound on ‖Δ‖ / (‖g‖ + FLOOR) over the sampled entries of one tensor. */
const TOLERANCE = 3e-3;
const FLOOR = 1e-2;
const SAMPLES_PER_TENSOR = 4;

/** 8 tokens of 16 values, every kind of layer present (the decoder projection included). */
const config: MaeConfig = {
  ...MAE_PRESETS.tiny.config,
  size: 8,
  frames: 2,
  patchT: 1,
  patchXY: 4,
  width: 8,
  heads: 2,
  headDim: 4,
  mlp: 16,
  decoderWidth: 12,
  decoderHeads: 2,
  decoderHeadDim: 4,
  decoderMlp: 16,
  maskRatio: 0.5,
};

/** With MAE-PDE's per-patch LayerNorm in front of the patch embedding. */
let model: MaeModel;
/** The same architecture without it (the lab's default). */
let withoutPatchNorm: MaeModel;
let windows: tf.Tensor;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = createMae({ ...config, patchNorm: true }, { seed: 11 });
  withoutPatchNorm = createMae({ ...config, patchNorm: false }, { seed: 11 });
  windows = seededTensor([2, 2, 8, 8, 1], 4);
});
afterAll(() => {
  model.dispose();
  withoutPatchNorm.dispose();
  windows.dispose();
});

function centralDifference(variable: tf.Variable, index: number, loss: () => number): number {
  const values = variable.dataSync().slice() as Float32Array;
  const original = values[index]!;
  const at = (v: number) => {
    values[index] = v;
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    return loss();
  };
  const derivative = (at(original + H) - at(original - H)) / (2 * H);
  at(original);
  return derivative;
}

describe('MAE gradients', () => {
  it.each([
    { patchNorm: true, normalizeTargets: false },
    { patchNorm: true, normalizeTargets: true },
    { patchNorm: false, normalizeTargets: false },
  ])(
    `agree with central differences (h = ${H}) on every tensor (%o)`,
    ({ patchNorm, normalizeTargets }) => {
      const subject = patchNorm ? model : withoutPatchNorm;
      const configured = { ...subject, config: { ...subject.config, normalizeTargets } };
      const masks = maskBatch(subject.geometry, { strategy: 'random', ratio: 0.5 }, 3, 2);
      const lossTensor = () => maeLoss(configured, windows, masks);
      const loss = () => tf.tidy(() => lossTensor().dataSync()[0]!);
      const before = tf.memory().numTensors;
      const analytic = tfGradients(subject.params, lossTensor);
      const rng = createRng(normalizeTargets ? 2 : 1);
      for (const [name, variable] of subject.params.trainable()) {
        const grad = analytic.get(name)!;
        if (name === 'encoder.cls') {
          // The CLS token is not fed during pretraining (as in MAE-PDE): no gradient at all.
          expect(Math.max(...grad.map(Math.abs)), name).toBe(0);
          continue;
        }
        // Every other tensor takes part, so the check is not vacuous for any of them.
        expect(Math.max(...grad.map(Math.abs)), name).toBeGreaterThan(1e-4);
        const picks = Array.from({ length: SAMPLES_PER_TENSOR }, () =>
          rng.integer(0, variable.size - 1),
        );
        const exact = picks.map((i) => grad[i]!);
        const numeric = picks.map((i) => centralDifference(variable, i, loss));
        const difference = Math.hypot(...numeric.map((v, i) => v - exact[i]!));
        expect(difference / (Math.hypot(...exact) + FLOOR), name).toBeLessThan(TOLERANCE);
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
