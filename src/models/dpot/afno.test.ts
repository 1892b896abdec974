/**
 * The AFNO mixer against a direct per-mode computation in float64 (naive DFT sums, no dft.ts),
 * and its gradients against central differences.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Params } from '../nn/params';
import { maxAbs, relativeError, seededTensor, seededValues } from '../nn/testing';
import { afno, createAfnoTables, initAfno, type AfnoOptions } from './afno';
import { finiteDifferences } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** erf by its Taylor series (float64-exact for |x| < 5; ±1 beyond). */
function erf(x: number): number {
  if (Math.abs(x) >= 5) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
    if (Math.abs(term) < 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));
const softshrink = (x: number, l: number) => (x > l ? x - l : x < -l ? x + l : 0);

interface Weights {
  w1re: Float32Array;
  w1im: Float32Array;
  b1re: Float32Array;
  b1im: Float32Array;
  w2re: Float32Array;
  w2im: Float32Array;
  b2re: Float32Array;
  b2im: Float32Array;
}

/**
 * torch's rfft2(norm="ortho") → the block MLP on modes [:keptRows, :keptColumns] (others zero)
 * → soft-shrink → irfft2(norm="ortho"), plus the input. irfft2 is an inverse complex DFT over
 * rows, then a real inverse over columns that reads only the real part of the DC and Nyquist
 * columns: y = Σ_kw c_kw·Re(Z·e^{iθ}) with c = 1 there and 2 elsewhere.
 */
function naiveAfno(
  x: Float32Array,
  [batch, h, w, d]: [number, number, number, number],
  blocks: number,
  wt: Weights,
  { keptRows, keptColumns, softshrink: lambda }: AfnoOptions,
): Float64Array {
  const bs = d / blocks;
  const norm = 1 / Math.sqrt(h * w);
  const at = (b: number, n: number, m: number, c: number) => ((b * h + n) * w + m) * d + c;
  const out = Float64Array.from(x);
  for (let b = 0; b < batch; b++) {
    for (let kh = 0; kh < keptRows; kh++) {
      for (let kw = 0; kw < keptColumns; kw++) {
        const re = new Float64Array(d);
        const im = new Float64Array(d);
        for (let n = 0; n < h; n++) {
          for (let m = 0; m < w; m++) {
            const angle = -2 * Math.PI * ((kh * n) / h + (kw * m) / w);
            for (let c = 0; c < d; c++) {
              re[c]! += norm * x[at(b, n, m, c)]! * Math.cos(angle);
              im[c]! += norm * x[at(b, n, m, c)]! * Math.sin(angle);
            }
          }
        }
        const zRe = new Float64Array(d);
        const zIm = new Float64Array(d);
        for (let k = 0; k < blocks; k++) {
          const hRe = new Float64Array(bs);
          const hIm = new Float64Array(bs);
          for (let o = 0; o < bs; o++) {
            let sRe = wt.b1re[k * bs + o]!;
            let sIm = wt.b1im[k * bs + o]!;
            for (let i = 0; i < bs; i++) {
              const [a, bb] = [wt.w1re[(k * bs + i) * bs + o]!, wt.w1im[(k * bs + i) * bs + o]!];
              sRe += re[k * bs + i]! * a - im[k * bs + i]! * bb;
              sIm += im[k * bs + i]! * a + re[k * bs + i]! * bb;
            }
            hRe[o] = gelu(sRe);
            hIm[o] = gelu(sIm);
          }
          for (let o = 0; o < bs; o++) {
            let sRe = wt.b2re[k * bs + o]!;
            let sIm = wt.b2im[k * bs + o]!;
            for (let i = 0; i < bs; i++) {
              const [a, bb] = [wt.w2re[(k * bs + i) * bs + o]!, wt.w2im[(k * bs + i) * bs + o]!];
              sRe += hRe[i]! * a - hIm[i]! * bb;
              sIm += hIm[i]! * a + hRe[i]! * bb;
            }
            zRe[k * bs + o] = softshrink(sRe, lambda);
            zIm[k * bs + o] = softshrink(sIm, lambda);
          }
        }
        const weight = kw === 0 || 2 * kw === w ? 1 : 2;
        for (let n = 0; n < h; n++) {
          for (let m = 0; m < w; m++) {
            const angle = 2 * Math.PI * ((kh * n) / h + (kw * m) / w);
            const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
            for (let c = 0; c < d; c++) {
              out[at(b, n, m, c)]! += norm * weight * (zRe[c]! * cos - zIm[c]! * sin);
            }
          }
        }
      }
    }
  }
  return out;
}

/** Mixer weights of an O(1) size (the U(0, 1/bs²) init barely moves the input). */
function randomWeights(params: Params, name: string, seed: number): Weights {
  const values: Record<string, Float32Array> = {};
  let s = seed;
  for (const layer of ['w1', 'b1', 'w2', 'b2']) {
    for (const part of ['re', 'im']) {
      const v = params.get(`${name}.${layer}.${part}`);
      const data = seededValues(v.size, s++, 0.7);
      tf.tidy(() => v.assign(tf.tensor(data, v.shape)));
      values[`${layer}${part}`] = data;
    }
  }
  return values as unknown as Weights;
}

const cases: { label: string; side: number; options: AfnoOptions }[] = [
  { label: 'all modes', side: 6, options: { keptRows: 6, keptColumns: 4, softshrink: 0 } },
  {
    label: 'first 3 row and 2 column indices, soft-shrink 0.3',
    side: 6,
    options: { keptRows: 3, keptColumns: 2, softshrink: 0.3 },
  },
  {
    label: 'first 2 rows, all columns incl. Nyquist',
    side: 4,
    options: { keptRows: 2, keptColumns: 3, softshrink: 0 },
  },
];

describe('AFNO mixer', () => {
  for (const { label, side, options } of cases) {
    it(`equals the per-mode computation (${label})`, () => {
      const [batch, d, blocks] = [2, 8, 2];
      const params = new Params(3);
      initAfno(params, 'afno', { width: d, blocks });
      const weights = randomWeights(params, 'afno', 10);
      const tables = createAfnoTables(side);
      const shape: [number, number, number, number] = [batch, side, side, d];
      const x = seededTensor(shape, 5, 1.5) as tf.Tensor4D;
      const got = tf.tidy(() => afno(params, 'afno', x, tables, blocks, options).dataSync());
      const expected = naiveAfno(x.dataSync() as Float32Array, shape, blocks, weights, options);
      // The mixer must change the input substantially, or this would only test the skip.
      const change = Float64Array.from(expected, (v, i) => v - x.dataSync()[i]!);
      expect(maxAbs(change)).toBeGreaterThan(0.5);
      expect(relativeError(got, expected)).toBeLessThan(1e-5);
      tf.dispose(x);
      tables.dispose();
      params.dispose();
    });
  }

  it('is its skip alone when every weight and bias is zero', () => {
    const params = new Params(1);
    initAfno(params, 'afno', { width: 8, blocks: 4 });
    for (const [, v] of params.trainable()) tf.tidy(() => v.assign(tf.zerosLike(v)));
    const tables = createAfnoTables(4);
    const x = seededTensor([1, 4, 4, 8], 2) as tf.Tensor4D;
    const options = { keptRows: 4, keptColumns: 3, softshrink: 0 };
    const y = tf.tidy(() => afno(params, 'afno', x, tables, 4, options).dataSync());
    expect(relativeError(y, x.dataSync())).toBe(0);
    tf.dispose(x);
    tables.dispose();
    params.dispose();
  });
});

describe('AFNO mixer gradients', () => {
  const params = new Params(7);
  initAfno(params, 'afno', { width: 8, blocks: 2 });
  randomWeights(params, 'afno', 30);
  // Learnable input: the check covers the gradient with respect to the tokens too.
  params.fromData('input', [2, 4, 4, 8], seededTensor([2, 4, 4, 8], 3).dataSync() as Float32Array);
  const target = seededTensor([2, 4, 4, 8], 4);
  const tables = createAfnoTables(4);
  afterAll(() => {
    params.dispose();
    target.dispose();
    tables.dispose();
  });

  // Float32 central differences: h = 1e-2 keeps rounding (~1e-7·|L|/h) well under the
  // tolerance where the mixer is smooth. Soft-shrink has kinks at ±λ that a step of 1e-2 may
  // straddle, so that run takes h = 1e-3 and pays with more rounding error.
  const runs: [string, AfnoOptions, number, number][] = [
    ['all modes', { keptRows: 4, keptColumns: 3, softshrink: 0 }, 1e-2, 2e-3],
    ['truncated, soft-shrink 0.2', { keptRows: 3, keptColumns: 2, softshrink: 0.2 }, 1e-3, 6e-3],
  ];
  for (const [label, options, h, tolerance] of runs) {
    it(`agree with central differences for every entry (${label}; h = ${h})`, () => {
      const loss = () =>
        tf.tidy(() => {
          const y = afno(params, 'afno', params.get('input') as tf.Tensor4D, tables, 2, options);
          return y.sub(target).square().mean() as tf.Scalar;
        });
      const before = tf.memory().numTensors;
      const { value, grads } = tf.variableGrads(loss);
      for (const [name, variable] of params.trainable()) {
        const grad = grads[variable.name]!.dataSync() as Float32Array;
        const entries = Array.from({ length: variable.size }, (_, i) => i);
        const numeric = finiteDifferences(variable, loss, entries, h);
        expect(maxAbs(grad), name).toBeGreaterThan(1e-4);
        expect(relativeError(grad, numeric), name).toBeLessThan(tolerance);
      }
      tf.dispose([value, ...Object.values(grads)]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
