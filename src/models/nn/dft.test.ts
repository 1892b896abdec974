import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDft2dTables,
  initSpectralWeights,
  irdft2,
  keptRows,
  rdft2,
  spectralMul,
} from './dft';
import { Params } from './params';
import {
  finiteDifferenceGradient,
  maxAbs,
  maxAbsDiff,
  relativeError,
  seededValues,
  tfGradients,
} from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const [B, H, W, C] = [2, 8, 6, 3];
const fieldValues = seededValues(B * H * W * C, 17);
const at = (b: number, y: number, x: number, c: number) =>
  fieldValues[((b * H + y) * W + x) * C + c]!;

/** Float64 DFT coefficient X[b, p, q, c] = Σ u e^{−2πi(py/H + qx/W)}. */
function naive(b: number, p: number, q: number, c: number): [number, number] {
  let re = 0;
  let im = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const a = -2 * Math.PI * ((p * y) / H + (q * x) / W);
      re += at(b, y, x, c) * Math.cos(a);
      im += at(b, y, x, c) * Math.sin(a);
    }
  return [re, im];
}

let field: tf.Tensor4D;
beforeAll(() => {
  field = tf.tensor4d(fieldValues, [B, H, W, C]);
});
afterAll(() => field.dispose());

describe('truncated 2-D real DFT by matmuls', () => {
  it('rdft2 keeps rows 0…m−1, H−m…H−1 and columns 0…mW−1 of a float64 DFT', () => {
    expect(keptRows(8, 2)).toEqual([0, 1, 6, 7]);
    const before = tf.memory().numTensors;
    const tables = createDft2dTables(H, W, 2, 3);
    const { re, im } = rdft2(field, tables);
    expect(re.shape).toEqual([B, 4, 3, C]);
    const expectedRe: number[] = [];
    const expectedIm: number[] = [];
    for (let b = 0; b < B; b++)
      for (const p of tables.rows)
        for (let q = 0; q < 3; q++)
          for (let c = 0; c < C; c++) {
            const [r, i] = naive(b, p, q, c);
            expectedRe.push(r);
            expectedIm.push(i);
          }
    const scale = maxAbs(expectedRe);
    expect(maxAbsDiff(re.dataSync(), expectedRe) / scale).toBeLessThan(1e-6);
    expect(maxAbsDiff(im.dataSync(), expectedIm) / scale).toBeLessThan(1e-6);
    tf.dispose([re, im]);
    tables.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('irdft2 ∘ rdft2 is the identity with every mode kept, in each normalisation', () => {
    for (const norm of ['backward', 'ortho', 'forward'] as const) {
      const tables = createDft2dTables(H, W, H / 2, W / 2 + 1, norm);
      const back = tf.tidy(() => irdft2(rdft2(field, tables), tables));
      expect(back.shape).toEqual([B, H, W, C]);
      expect(maxAbsDiff(back.dataSync(), fieldValues), norm).toBeLessThan(2e-6);
      back.dispose();
      tables.dispose();
    }
  });

  it('ortho scales the forward transform by 1/√(HW)', () => {
    const plain = createDft2dTables(H, W, 2, 2);
    const ortho = createDft2dTables(H, W, 2, 2, 'ortho');
    const [a, b] = tf.tidy(() => [
      rdft2(field, plain).re,
      rdft2(field, ortho).re.mul(Math.sqrt(H * W)),
    ]);
    expect(maxAbsDiff(a!.dataSync(), b!.dataSync())).toBeLessThan(1e-5);
    tf.dispose([a!, b!]);
    plain.dispose();
    ortho.dispose();
  });

  it('irdft2 of a truncated spectrum matches numpy’s irfft2 of the zero-padded spectrum', () => {
    const [mH, mW] = [2, 2];
    const tables = createDft2dTables(H, W, mH, mW);
    const out = tf.tidy(() => irdft2(rdft2(field, tables), tables));
    // numpy.fft.irfft2 in float64: a complex inverse DFT along H over the kept rows (the others
    // are zero), then irfft along W, which reads column q as standing for q and −q (weight 2)
    // except DC, and takes the real part.
    const expected: number[] = [];
    for (let b = 0; b < B; b++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++)
          for (let c = 0; c < C; c++) {
            let sum = 0;
            for (let q = 0; q < mW; q++) {
              let zRe = 0;
              let zIm = 0;
              for (const p of tables.rows) {
                const [re, im] = naive(b, p, q, c);
                const a = (2 * Math.PI * p * y) / H;
                zRe += (re * Math.cos(a) - im * Math.sin(a)) / H;
                zIm += (re * Math.sin(a) + im * Math.cos(a)) / H;
              }
              const a = (2 * Math.PI * q * x) / W;
              sum += ((q === 0 ? 1 : 2) * (zRe * Math.cos(a) - zIm * Math.sin(a))) / W;
            }
            expected.push(sum);
          }
    expect(maxAbsDiff(out.dataSync(), expected)).toBeLessThan(2e-6);
    out.dispose();
    tables.dispose();
  });

  it('spectralMul mixes channels per mode as complex products, and trains through the DFTs', () => {
    const params = new Params(3);
    const tables = createDft2dTables(H, W, 2, 2);
    initSpectralWeights(params, 'spec', tables, C, 2);
    const wRe = params.get('spec.re');
    expect(wRe.shape).toEqual([4, 2, C, 2]);
    const scale = 1 / (C * 2);
    const ws = wRe.dataSync();
    expect(Math.min(...ws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ws)).toBeLessThanOrEqual(scale);

    const spectrum = rdft2(field, tables);
    const out = spectralMul(params, 'spec', spectrum);
    expect(out.re.shape).toEqual([B, 4, 2, 2]);
    const [xr, xi, wr, wi] = [spectrum.re, spectrum.im, wRe, params.get('spec.im')].map((t) =>
      t.dataSync(),
    );
    const expectedRe: number[] = [];
    const expectedIm: number[] = [];
    for (let b = 0; b < B; b++)
      for (let k = 0; k < 8; k++)
        for (let o = 0; o < 2; o++) {
          let re = 0;
          let im = 0;
          for (let i = 0; i < C; i++) {
            const [ar, ai] = [xr![(b * 8 + k) * C + i]!, xi![(b * 8 + k) * C + i]!];
            const [br, bi] = [wr![(k * C + i) * 2 + o]!, wi![(k * C + i) * 2 + o]!];
            re += ar * br - ai * bi;
            im += ar * bi + ai * br;
          }
          expectedRe.push(re);
          expectedIm.push(im);
        }
    expect(maxAbsDiff(out.re.dataSync(), expectedRe)).toBeLessThan(1e-5);
    expect(maxAbsDiff(out.im.dataSync(), expectedIm)).toBeLessThan(1e-5);
    tf.dispose([spectrum.re, spectrum.im, out.re, out.im]);

    // The layer is linear in its weights: central differences are exact up to rounding.
    const loss = () =>
      tf.tidy(
        () =>
          irdft2(spectralMul(params, 'spec', rdft2(field, tables)), tables)
            .square()
            .sum() as tf.Scalar,
      );
    const analytic = tfGradients(params, loss);
    for (const name of ['spec.re', 'spec.im']) {
      const numeric = finiteDifferenceGradient(params.get(name), loss, 1e-2);
      expect(relativeError(analytic.get(name)!, numeric), name).toBeLessThan(1e-3);
    }
    params.dispose();
    tables.dispose();
  });

  it('rejects modes the grid cannot hold', () => {
    expect(() => createDft2dTables(8, 6, 5, 2)).toThrow(/modesH/);
    expect(() => createDft2dTables(8, 6, 2, 5)).toThrow(/modesW/);
  });
});
