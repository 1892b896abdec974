import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  conv2d,
  convTranspose2d,
  convTransposeOutputSize,
  groupNorm,
  initConv2d,
  initConvTranspose2d,
  initGroupNorm,
} from './conv';
import { Params, pytorchUniformBound } from './params';
import {
  finiteDifferenceGradient,
  maxAbs,
  maxAbsDiff,
  relativeError,
  seededTensor,
  seededValues,
  tfGradients,
} from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let params: Params;
let tensorsBefore: number;
beforeEach(() => {
  params = new Params(17);
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => params.dispose());

function expectOnlyParamsLeft() {
  expect(tf.memory().numTensors).toBe(tensorsBefore + params.names.length);
}

type Shape4 = [number, number, number, number];

/** PyTorch's Conv2d in float64 on NHWC data, weight [k, k, in, out], zero padding p. */
function referenceConv(
  x: Float32Array,
  [b, h, w, cin]: Shape4,
  weight: Float32Array,
  bias: Float32Array,
  k: number,
  cout: number,
  stride: number,
  pad: number,
): { out: number[]; shape: Shape4 } {
  const ho = Math.floor((h + 2 * pad - k) / stride) + 1;
  const wo = Math.floor((w + 2 * pad - k) / stride) + 1;
  const out: number[] = [];
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let o = 0; o < cout; o++) {
          let sum = bias[o]!;
          for (let ky = 0; ky < k; ky++) {
            for (let kx = 0; kx < k; kx++) {
              const iy = oy * stride - pad + ky;
              const ix = ox * stride - pad + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              for (let i = 0; i < cin; i++) {
                sum +=
                  x[((n * h + iy) * w + ix) * cin + i]! *
                  weight[((ky * k + kx) * cin + i) * cout + o]!;
              }
            }
          }
          out.push(sum);
        }
      }
    }
  }
  return { out, shape: [b, ho, wo, cout] };
}

/**
 * PyTorch's ConvTranspose2d in float64: every input pixel (iy, ix) adds x·W[ky, kx] at output
 * (iy·s − p + ky, ix·s − p + kx); weight stored [k, k, out, in].
 */
function referenceConvTranspose(
  x: Float32Array,
  [b, h, w, cin]: Shape4,
  weight: Float32Array,
  bias: Float32Array,
  k: number,
  cout: number,
  stride: number,
  pad: number,
  outputPad: number,
): { out: number[]; shape: Shape4 } {
  const ho = (h - 1) * stride - 2 * pad + k + outputPad;
  const wo = (w - 1) * stride - 2 * pad + k + outputPad;
  const out = new Array<number>(b * ho * wo * cout).fill(0);
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let o = 0; o < cout; o++) out[((n * ho + oy) * wo + ox) * cout + o] = bias[o]!;
      }
    }
    for (let iy = 0; iy < h; iy++) {
      for (let ix = 0; ix < w; ix++) {
        for (let ky = 0; ky < k; ky++) {
          for (let kx = 0; kx < k; kx++) {
            const oy = iy * stride - pad + ky;
            const ox = ix * stride - pad + kx;
            if (oy < 0 || oy >= ho || ox < 0 || ox >= wo) continue;
            for (let o = 0; o < cout; o++) {
              for (let i = 0; i < cin; i++) {
                out[((n * ho + oy) * wo + ox) * cout + o]! +=
                  x[((n * h + iy) * w + ix) * cin + i]! *
                  weight[((ky * k + kx) * cout + o) * cin + i]!;
              }
            }
          }
        }
      }
    }
  }
  return { out, shape: [b, ho, wo, cout] };
}

describe('conv2d', () => {
  it('creates PyTorch-initialised [k, k, in, out] weights and [out] biases', () => {
    initConv2d(params, 'conv', 6, 8, 3);
    const bound = pytorchUniformBound(6 * 9);
    const w = params.get('conv.weight');
    expect(w.shape).toEqual([3, 3, 6, 8]);
    const values = w.dataSync();
    expect(maxAbs(values)).toBeLessThanOrEqual(bound);
    expect(maxAbs(values)).toBeGreaterThan(0.9 * bound);
    expect(maxAbs(params.get('conv.bias').dataSync())).toBeLessThanOrEqual(bound);
    initConv2d(params, 'plain', 2, 3, 1, { bias: false });
    expect(params.has('plain.bias')).toBe(false);
  });

  it("halves H and W like PyTorch's Conv2d(k=4, s=2, p=1), odd sizes included", () => {
    initConv2d(params, 'down', 3, 5, 4);
    for (const [h, w, ho, wo] of [
      [8, 8, 4, 4],
      [64, 32, 32, 16],
      [7, 9, 3, 4],
    ] as const) {
      const x = tf.zeros([2, h, w, 3]) as tf.Tensor4D;
      const y = conv2d(params, 'down', x, { stride: 2, padding: 1 });
      expect(y.shape).toEqual([2, ho, wo, 5]);
      tf.dispose([x, y]);
    }
    initConv2d(params, 'same', 5, 4, 3);
    const x = tf.zeros([1, 6, 10, 5]) as tf.Tensor4D;
    const same = conv2d(params, 'same', x);
    const one = conv2d(params, 'same', x, { padding: 1 });
    const valid = conv2d(params, 'same', x, { padding: 'valid' });
    expect(same.shape).toEqual([1, 6, 10, 4]);
    expect(one.shape).toEqual([1, 6, 10, 4]);
    expect(valid.shape).toEqual([1, 4, 8, 4]);
    const bad = tf.zeros([1, 6, 10, 3]) as tf.Tensor4D;
    expect(() => conv2d(params, 'same', bad)).toThrow(/expects \[B, H, W, 5\]/);
    tf.dispose([x, same, one, valid, bad]);
    expectOnlyParamsLeft();
  });

  it('equals a direct float64 loop (k=4, s=2, p=1 and k=3, s=1, p=1)', () => {
    for (const [k, stride, pad] of [
      [4, 2, 1],
      [3, 1, 1],
      [3, 2, 0],
    ] as const) {
      const name = `c${k}${stride}${pad}`;
      initConv2d(params, name, 3, 2, k);
      const shape: Shape4 = [2, 7, 6, 3];
      const x = seededTensor(shape, k + stride + pad) as tf.Tensor4D;
      const y = conv2d(params, name, x, { stride, padding: pad });
      const ref = referenceConv(
        x.dataSync() as Float32Array,
        shape,
        params.get(`${name}.weight`).dataSync() as Float32Array,
        params.get(`${name}.bias`).dataSync() as Float32Array,
        k,
        2,
        stride,
        pad,
      );
      expect(y.shape).toEqual(ref.shape);
      expect(maxAbsDiff(y.dataSync(), ref.out)).toBeLessThan(1e-6);
      tf.dispose([x, y]);
    }
    expectOnlyParamsLeft();
  });

  it('fuses a ReLU with the same values and gradients as relu(conv)', () => {
    initConv2d(params, 'c', 2, 3, 3);
    const x = seededTensor([1, 5, 5, 2], 4) as tf.Tensor4D;
    const w = params.get('c.weight');
    const fused = conv2d(params, 'c', x, { activation: 'relu' });
    const plain = tf.tidy(() => tf.relu(conv2d(params, 'c', x)));
    expect(maxAbsDiff(fused.dataSync(), plain.dataSync())).toBe(0);
    const grad = (activation: 'linear' | 'relu') =>
      tf.tidy(() => {
        const { grads, value } = tf.variableGrads(() => {
          const y = conv2d(params, 'c', x, { activation });
          return (activation === 'linear' ? tf.relu(y) : y).square().sum() as tf.Scalar;
        }, [w]);
        value.dispose();
        return grads[w.name]!;
      });
    const [gFused, gPlain] = [grad('relu'), grad('linear')];
    expect(maxAbs(gPlain.dataSync())).toBeGreaterThan(0.1);
    expect(maxAbsDiff(gFused.dataSync(), gPlain.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, fused, plain, gFused, gPlain]);
    expectOnlyParamsLeft();
  });
});

describe('convTranspose2d', () => {
  it("initialises U(±1/√(out·k²)) as PyTorch's ConvTranspose2d, weight [k, k, out, in]", () => {
    initConvTranspose2d(params, 'up', 16, 2, 4);
    const bound = pytorchUniformBound(2 * 16);
    expect(params.get('up.weight').shape).toEqual([4, 4, 2, 16]);
    const values = params.get('up.weight').dataSync();
    expect(maxAbs(values)).toBeLessThanOrEqual(bound);
    expect(maxAbs(values)).toBeGreaterThan(0.9 * bound);
    expect(params.get('up.bias').shape).toEqual([2]);
    expect(maxAbs(params.get('up.bias').dataSync())).toBeLessThanOrEqual(bound);
  });

  it("doubles H and W like PyTorch's ConvTranspose2d(k=4, s=2, p=1)", () => {
    initConvTranspose2d(params, 'up', 5, 3, 4);
    expect(convTransposeOutputSize(16, 4, { stride: 2, padding: 1 })).toBe(32);
    const x = tf.zeros([2, 4, 7, 5]) as tf.Tensor4D;
    const y = convTranspose2d(params, 'up', x, { stride: 2, padding: 1 });
    expect(y.shape).toEqual([2, 8, 14, 3]);
    expect(() => convTranspose2d(params, 'up', x, { stride: 2, outputPadding: 2 })).toThrow(
      /output padding must be in 0…1/,
    );
    tf.dispose([x, y]);
    expectOnlyParamsLeft();
  });

  it('equals a direct float64 loop (k=4, s=2, p=1; k=3, s=2, p=1, output padding 1; k=3, s=1)', () => {
    for (const [k, stride, pad, outputPad] of [
      [4, 2, 1, 0],
      [3, 2, 1, 1],
      [3, 1, 1, 0],
    ] as const) {
      const name = `t${k}${stride}${pad}${outputPad}`;
      initConvTranspose2d(params, name, 3, 2, k);
      const shape: Shape4 = [2, 3, 4, 3];
      const x = seededTensor(shape, 10 + k + outputPad) as tf.Tensor4D;
      const y = convTranspose2d(params, name, x, {
        stride,
        padding: pad,
        outputPadding: outputPad,
      });
      const ref = referenceConvTranspose(
        x.dataSync() as Float32Array,
        shape,
        params.get(`${name}.weight`).dataSync() as Float32Array,
        params.get(`${name}.bias`).dataSync() as Float32Array,
        k,
        2,
        stride,
        pad,
        outputPad,
      );
      expect(y.shape).toEqual(ref.shape);
      expect(maxAbsDiff(y.dataSync(), ref.out)).toBeLessThan(1e-6);
      tf.dispose([x, y]);
    }
    expectOnlyParamsLeft();
  });
});

describe('groupNorm', () => {
  it('matches a float64 reference with a non-trivial scale and shift', () => {
    const [b, h, w, c, groups] = [2, 3, 4, 6, 3];
    params.fromData('gn.weight', [c], seededValues(c, 1, 2));
    params.fromData('gn.bias', [c], seededValues(c, 2, 1));
    const x = seededTensor([b, h, w, c], 3, 4) as tf.Tensor4D;
    const y = groupNorm(params, 'gn', x, groups);
    const xs = x.dataSync();
    const g = params.get('gn.weight').dataSync();
    const beta = params.get('gn.bias').dataSync();
    const expected = new Array<number>(xs.length);
    const per = c / groups;
    for (let n = 0; n < b; n++) {
      for (let group = 0; group < groups; group++) {
        const at: number[] = [];
        for (let p = 0; p < h * w; p++) {
          for (let j = 0; j < per; j++) at.push((n * h * w + p) * c + group * per + j);
        }
        const mean = at.reduce((s, i) => s + xs[i]!, 0) / at.length;
        const variance = at.reduce((s, i) => s + (xs[i]! - mean) ** 2, 0) / at.length;
        for (const i of at) {
          const ch = i % c;
          expected[i] = ((xs[i]! - mean) / Math.sqrt(variance + 1e-5)) * g[ch]! + beta[ch]!;
        }
      }
    }
    expect(maxAbsDiff(y.dataSync(), expected)).toBeLessThan(2e-6);
    expect(() => groupNorm(params, 'gn', x, 4)).toThrow(/4 groups do not divide 6 channels/);
    tf.dispose([x, y]);
    expectOnlyParamsLeft();
  });

  it('initialises to plain standardisation per group', () => {
    initGroupNorm(params, 'gn', 4);
    const x = seededTensor([1, 5, 5, 4], 9, 3) as tf.Tensor4D;
    const y = groupNorm(params, 'gn', x, 2);
    const { mean, variance } = tf.moments(y.reshape([25, 2, 2]), [0, 2]);
    expect(maxAbs(mean.dataSync())).toBeLessThan(1e-6);
    expect(maxAbsDiff(variance.dataSync(), [1, 1])).toBeLessThan(1e-4);
    tf.dispose([x, y, mean, variance]);
  });
});

/**
 * Finite differences of a squared error through each layer, for every parameter and the input.
 * Conv layers are linear in each parameter, so the loss is quadratic and central differences are
 * exact up to float32 rounding (~1e-7·|L|/h); GroupNorm adds a smooth nonlinearity with a
 * truncation error ~h²·f'''/6. The 2e-3 relative tolerance leaves ample headroom over both while a
 * wrong gradient is off by O(1).
 */
describe('gradients agree with float32 central differences (h = 1e-2)', () => {
  const H = 1e-2;
  const TOLERANCE = 2e-3;

  function check(layer: (x: tf.Tensor4D) => tf.Tensor, inputShape: Shape4) {
    params.fromData(
      'input',
      inputShape,
      seededValues(
        inputShape.reduce((a, b) => a * b),
        5,
        1.5,
      ),
    );
    const probe = tf.tidy(() => layer(params.get('input') as tf.Tensor4D));
    const target = seededTensor(probe.shape, 6);
    probe.dispose();
    const loss = () =>
      tf.tidy(
        () =>
          layer(params.get('input') as tf.Tensor4D)
            .sub(target)
            .square()
            .mean() as tf.Scalar,
      );
    const before = tf.memory().numTensors;
    const analytic = tfGradients(params, loss);
    for (const [name, variable] of params.trainable()) {
      const numeric = finiteDifferenceGradient(variable, loss, H);
      const grad = analytic.get(name)!;
      expect(maxAbs(grad), name).toBeGreaterThan(1e-4);
      expect(relativeError(grad, numeric), name).toBeLessThan(TOLERANCE);
    }
    expect(tf.memory().numTensors).toBe(before);
    target.dispose();
  }

  it('conv2d, k=4, s=2, p=1 and k=3, s=1, p=1', () => {
    initConv2d(params, 'down', 2, 3, 4);
    initConv2d(params, 'same', 3, 2, 3);
    check(
      (x) =>
        conv2d(params, 'same', conv2d(params, 'down', x, { stride: 2, padding: 1 }), {
          padding: 1,
        }),
      [2, 6, 4, 2],
    );
  });

  it('convTranspose2d, k=4, s=2, p=1', () => {
    initConvTranspose2d(params, 'up', 3, 2, 4);
    check((x) => convTranspose2d(params, 'up', x, { stride: 2, padding: 1 }), [2, 3, 2, 3]);
  });

  it('groupNorm, 2 groups of 2 channels, with a scale and shift', () => {
    params.fromData('gn.weight', [4], seededValues(4, 7, 2));
    params.fromData('gn.bias', [4], seededValues(4, 8, 1));
    check((x) => groupNorm(params, 'gn', x, 2), [2, 3, 3, 4]);
  });
});
