/**
 * Finite-difference check of the tfjs gradients through linear → layerNorm → attention (with a
 * residual) → GELU MLP. Float32 central differences with h = 1e-2 carry a truncation error
 * ~h²·f'''/6 and a rounding error ~1e-7·|L|/h, about 1e-4 of the gradient's size here; the
 * tolerance, a relative error of 2e-3 per parameter tensor, leaves ~10× headroom over what is
 * measured (a few 1e-4) while a wrong gradient (e.g. a dropped term) is off by O(1).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initAttention, multiHeadAttention } from './attention';
import { initLayerNorm, layerNorm } from './layerNorm';
import { initLinear, linear } from './linear';
import { initMlp, mlp } from './mlp';
import { Params } from './params';
import {
  finiteDifferenceGradient,
  maxAbs,
  relativeError,
  seededTensor,
  tfGradients,
} from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const H = 1e-2;
const TOLERANCE = 2e-3;
const attention = { dim: 4, heads: 2, dimHead: 3, qkvBias: true };

const params = new Params(2024);
initLinear(params, 'embed', 3, 4);
initLayerNorm(params, 'norm', 4);
initAttention(params, 'attn', attention);
initMlp(params, 'head', [4, 6, 2]);
// Learnable input, so the check covers the gradient with respect to the data path too.
params.fromData('input', [2, 3, 3], seededTensor([2, 3, 3], 1, 1.5).dataSync() as Float32Array);
const target = seededTensor([2, 3, 2], 2);
afterAll(() => {
  params.dispose();
  target.dispose();
});

function loss(): tf.Scalar {
  return tf.tidy(() => {
    const h = layerNorm(
      params,
      'norm',
      linear(params, 'embed', params.get('input')),
    ) as tf.Tensor3D;
    const mixed = h.add(multiHeadAttention(params, 'attn', h, attention));
    return mlp(params, 'head', mixed, 'gelu').sub(target).square().mean() as tf.Scalar;
  });
}

describe('gradients through linear → layerNorm → attention → GELU MLP', () => {
  it(`agree with float32 central differences (h = ${H}) to a relative error of ${TOLERANCE}`, () => {
    const before = tf.memory().numTensors;
    const analytic = tfGradients(params, loss);
    const errors: Record<string, number> = {};
    for (const [name, variable] of params.trainable()) {
      const numeric = finiteDifferenceGradient(variable, loss, H);
      const grad = analytic.get(name)!;
      // Every tensor takes part: the check is not vacuous for any of them.
      expect(maxAbs(grad), name).toBeGreaterThan(1e-4);
      errors[name] = relativeError(grad, numeric);
    }
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(TOLERANCE);
    expect(tf.memory().numTensors).toBe(before);
  });
});
