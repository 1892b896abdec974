import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { createInverseTransform1D, inverseDft2DReal } from './dft64';

function randomArray(length: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length }, () => rng.normal());
}

/** Re((1/N²) Σ_{p,q} X_pq e^{+2πi(px + qy)/N}) summed term by term. */
function naiveInverse2DReal(re: Float64Array, im: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let x = 0; x < n; x++)
    for (let y = 0; y < n; y++) {
      let sum = 0;
      for (let p = 0; p < n; p++)
        for (let q = 0; q < n; q++) {
          const angle = (2 * Math.PI * (p * x + q * y)) / n;
          sum += re[p * n + q]! * Math.cos(angle) - im[p * n + q]! * Math.sin(angle);
        }
      out[x * n + y] = sum / (n * n);
    }
  return out;
}

describe('float64 inverse DFT', () => {
  it.each([1, 2, 8, 16, 6, 12])('1-D size %i matches the defining sum', (n) => {
    const re = randomArray(n, n);
    const im = randomArray(n, n + 100);
    const outRe = re.slice();
    const outIm = im.slice();
    createInverseTransform1D(n)(outRe, outIm);
    for (let q = 0; q < n; q++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const a = (2 * Math.PI * j * q) / n;
        sr += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
        si += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
      }
      expect(outRe[q]).toBeCloseTo(sr, 11);
      expect(outIm[q]).toBeCloseTo(si, 11);
    }
  });

  it.each([8, 6])('2-D real part, size %i, matches the defining sum', (n) => {
    const re = randomArray(n * n, 1);
    const im = randomArray(n * n, 2);
    const expected = naiveInverse2DReal(re, im, n);
    const actual = inverseDft2DReal(re.slice(), im.slice(), n);
    actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('puts mode (1, 0) along axis 0 (x)', () => {
    const n = 8;
    const re = new Float64Array(n * n);
    re[1 * n + 0] = n * n;
    const field = inverseDft2DReal(re, new Float64Array(n * n), n);
    for (let x = 0; x < n; x++)
      for (let y = 0; y < n; y++)
        expect(field[x * n + y]).toBeCloseTo(Math.cos((2 * Math.PI * x) / n), 12);
  });
});
