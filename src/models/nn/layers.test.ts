import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gelu } from './gelu';
import { initLayerNorm, layerNorm } from './layerNorm';
import { initLinear, linear } from './linear';
import { initMlp, mlp } from './mlp';
import { Params } from './params';
import { stopGradient, straightThrough } from './stopGradient';
import { maxAbsDiff, seededTensor, seededValues } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let params: Params;
let tensorsBefore: number;
beforeEach(() => {
  params = new Params(11);
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  // Every layer call disposes its intermediates: only the test's own outputs were left.
  params.dispose();
});

/** Layer calls dispose their intermediates: once a test disposes its own tensors, only params remain. */
function expectOnlyParamsLeft() {
  expect(tf.memory().numTensors).toBe(tensorsBefore + params.names.length);
}

/** erf by its Maclaurin series in float64 (|z| ≤ 5: cancellation error < 1e-9). */
function erf64(z: number): number {
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= (-z * z) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('linear', () => {
  it('maps [B, T, in] → [B, T, out] as x·W + b row by row', () => {
    initLinear(params, 'fc', 3, 2);
    const x = seededTensor([2, 4, 3], 1);
    const y = linear(params, 'fc', x);
    expect(y.shape).toEqual([2, 4, 2]);
    const w = params.get('fc.weight').dataSync();
    const b = params.get('fc.bias').dataSync();
    const xs = x.dataSync();
    const expected = Array.from({ length: 16 }, (_, k) => {
      const row = Math.floor(k / 2);
      const o = k % 2;
      let s = b[o]!;
      for (let i = 0; i < 3; i++) s += xs[row * 3 + i]! * w[i * 2 + o]!;
      return s;
    });
    expect(maxAbsDiff(y.dataSync(), expected)).toBeLessThan(1e-6);
    tf.dispose([x, y]);
    expectOnlyParamsLeft();
  });

  it('has no bias when asked, and names a width mismatch', () => {
    initLinear(params, 'fc', 3, 2, { bias: false });
    expect(params.has('fc.bias')).toBe(false);
    const x = tf.ones([5, 3]);
    const y = linear(params, 'fc', x);
    expect(y.shape).toEqual([5, 2]);
    const bad = tf.ones([5, 4]);
    expect(() => linear(params, 'fc', bad)).toThrow(/last dimension 4, the layer expects 3/);
    tf.dispose([x, y, bad]);
  });

  it('differentiates a 3-D input through the shared weight (the broadcast-matMul bug avoided)', () => {
    initLinear(params, 'fc', 3, 2);
    const x = seededTensor([2, 4, 3], 2);
    const w = params.get('fc.weight');
    const { grads, value } = tf.variableGrads(
      () => linear(params, 'fc', x).sum() as tf.Scalar,
      [w],
    );
    // d/dW Σ x·W = Σ over rows of x, the same for each output column.
    const colSums = tf.tidy(() => x.reshape([8, 3]).sum(0).dataSync());
    const g = grads[w.name]!.dataSync();
    expect(
      maxAbsDiff(
        g,
        [0, 0, 1, 1, 2, 2].map((i) => colSums[i]!),
      ),
    ).toBeLessThan(1e-5);
    tf.dispose([x, value, ...Object.values(grads)]);
  });
});

describe('layerNorm', () => {
  it('matches a float64 reference with a non-trivial scale and shift', () => {
    const d = 5;
    params.fromData('ln.weight', [d], seededValues(d, 3, 2));
    params.fromData('ln.bias', [d], seededValues(d, 4, 1));
    const x = seededTensor([3, d], 5, 3);
    const y = layerNorm(params, 'ln', x);
    const xs = x.dataSync();
    const g = params.get('ln.weight').dataSync();
    const b = params.get('ln.bias').dataSync();
    const expected: number[] = [];
    for (let r = 0; r < 3; r++) {
      const row = Array.from(xs.slice(r * d, (r + 1) * d));
      const mean = row.reduce((a, c) => a + c, 0) / d;
      const variance = row.reduce((a, c) => a + (c - mean) ** 2, 0) / d; // biased, as PyTorch
      row.forEach((v, i) =>
        expected.push(((v - mean) / Math.sqrt(variance + 1e-5)) * g[i]! + b[i]!),
      );
    }
    expect(maxAbsDiff(y.dataSync(), expected)).toBeLessThan(2e-6);
    tf.dispose([x, y]);
    expectOnlyParamsLeft();
  });

  it('initialises to plain standardisation', () => {
    initLayerNorm(params, 'ln', 4);
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    const y = layerNorm(params, 'ln', x).dataSync();
    const s = Math.sqrt(1.25 + 1e-5);
    expect(maxAbsDiff(y, [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s])).toBeLessThan(1e-6);
    x.dispose();
  });
});

describe('gelu', () => {
  it('is the exact erf form to 1e-6 over [−6, 6]', () => {
    expect(erf64(1)).toBeCloseTo(0.8427007929497149, 14);
    expect(erf64(-2.5)).toBeCloseTo(-0.999593047982555, 14);
    const xs = Float32Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
    const x = tf.tensor1d(xs);
    const y = gelu(x).dataSync();
    const expected = Array.from(xs, (v) => 0.5 * v * (1 + erf64(v / Math.SQRT2)));
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-6);
    // Not the tanh approximation, which differs by up to ~5e-4.
    const tanhForm = Array.from(
      xs,
      (v) => 0.5 * v * (1 + Math.tanh(0.7978845608 * (v + 0.044715 * v ** 3))),
    );
    expect(maxAbsDiff(expected, tanhForm)).toBeGreaterThan(1e-4);
    x.dispose();
  });

  it("has the gradient Φ(x) + x·φ(x) (tf.erf's gradient is registered)", () => {
    const xs = [-3, -1, -0.2, 0, 0.7, 2.5];
    const x = tf.tensor1d(xs);
    const dx = tf
      .grad((t: tf.Tensor) => gelu(t).sum())(x)
      .dataSync();
    const expected = xs.map(
      (v) =>
        0.5 * (1 + erf64(v / Math.SQRT2)) + (v * Math.exp((-v * v) / 2)) / Math.sqrt(2 * Math.PI),
    );
    expect(maxAbsDiff(dx, expected)).toBeLessThan(2e-6);
    x.dispose();
  });
});

describe('mlp', () => {
  it('chains fc0…fcN with the activation between layers only', () => {
    initMlp(params, 'head', [3, 5, 2]);
    expect(params.names).toEqual([
      'head.fc0.weight',
      'head.fc0.bias',
      'head.fc1.weight',
      'head.fc1.bias',
    ]);
    const x = seededTensor([2, 6, 3], 8);
    const y = mlp(params, 'head', x, 'relu');
    expect(y.shape).toEqual([2, 6, 2]);
    const manual = tf.tidy(() =>
      linear(params, 'head.fc1', tf.relu(linear(params, 'head.fc0', x))),
    );
    expect(maxAbsDiff(y.dataSync(), manual.dataSync())).toBe(0);
    expect(() => mlp(params, 'nothing', x)).toThrow(/No MLP named "nothing"/);
    tf.dispose([x, y, manual]);
    expectOnlyParamsLeft();
  });
});

describe('stopGradient and straightThrough', () => {
  it('stopGradient passes values and blocks gradients', () => {
    const x = tf.tensor1d([1, -2, 3]);
    // d/dx [x² + sg(x)²] = 2x, not 4x.
    const dx = tf.grad((t: tf.Tensor) => t.square().add(stopGradient(t).square()).sum())(x);
    expect(Array.from(dx.dataSync())).toEqual([2, -4, 6]);
    const value = stopGradient(x);
    expect(Array.from(value.dataSync())).toEqual([1, -2, 3]);
    tf.dispose([x, dx, value]);
  });

  it('straightThrough returns the quantized value and routes the gradient to the input', () => {
    const z = tf.tensor1d([0.2, 1.7]);
    const zq = tf.tensor1d([0, 2]);
    const [dz, dzq] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      straightThrough(a, b).mul([3, 5]).sum(),
    )([z, zq]);
    const out = straightThrough(z, zq);
    expect(Array.from(out.dataSync())).toEqual([0, 2]);
    expect(Array.from(dz!.dataSync())).toEqual([3, 5]);
    expect(Array.from(dzq!.dataSync())).toEqual([0, 0]);
    tf.dispose([z, zq, dz!, dzq!, out]);
  });
});
