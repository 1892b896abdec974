import { describe, expect, it } from 'vitest';
import { defaults } from '../../schema/params';
import { integerWavenumbers, type Grid } from '../grid';
import { createRng, trajectorySeeds } from '../random';
import { createInverseTransform1D } from './dft64';
import {
  gaussianRandomField,
  gaussianRandomFieldParams,
  gaussianRandomFieldStd,
  modeStandardDeviations,
} from './gaussianRandomField';

const fno = defaults(gaussianRandomFieldParams); // α = 2.5, τ = 7, σ = 7^1.5
const unitTorus = (n: number): Grid => ({ n, length: 1, origin: 0 });

/** |fft2(u)/N²|² of one field, in float64 (forward DFT = conj ∘ inverse ∘ conj). */
function powerSpectrum(field: Float32Array, n: number): Float64Array {
  const transform = createInverseTransform1D(n);
  const re = Float64Array.from(field);
  const im = new Float64Array(n * n);
  const rowRe = new Float64Array(n);
  const rowIm = new Float64Array(n);
  const pass = (index: (a: number, b: number) => number) => {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        rowRe[b] = re[index(a, b)]!;
        rowIm[b] = -im[index(a, b)]!;
      }
      transform(rowRe, rowIm);
      for (let b = 0; b < n; b++) {
        re[index(a, b)] = rowRe[b]!;
        im[index(a, b)] = -rowIm[b]!;
      }
    }
  };
  pass((a, b) => a * n + b);
  pass((a, b) => b * n + a);
  return re.map((r, k) => (r * r + im[k]! * im[k]!) / n ** 4);
}

function fields(data: Float32Array, n: number): Float32Array[] {
  return Array.from({ length: data.length / (n * n) }, (_, b) =>
    data.subarray(b * n * n, (b + 1) * n * n),
  );
}

describe('Gaussian random field', () => {
  const n = 64;
  const grid = unitTorus(n);

  it("has FNO's pointwise std 0.185 at N = 64, α = 2.5, τ = 7", () => {
    const theory = gaussianRandomFieldStd(grid, fno);
    expect(theory).toBeCloseTo(0.1852, 4);
    const data = gaussianRandomField(grid, trajectorySeeds(11, 0, 256), fno);
    const std = Math.sqrt(data.reduce((sum, v) => sum + v * v, 0) / data.length);
    expect(Math.abs(std / theory - 1)).toBeLessThan(0.03);
  });

  it('has zero mean in every field', () => {
    const data = gaussianRandomField(grid, trajectorySeeds(12, 0, 8), fno);
    for (const field of fields(data, n)) {
      const mean = field.reduce((sum, v) => sum + v, 0) / field.length;
      expect(Math.abs(mean)).toBeLessThan(1e-7);
    }
  });

  it('has a radially averaged power spectrum ∝ (4π²|k|² + τ²)^(−α)', () => {
    for (const alpha of [2.5, 2]) {
      const params = { ...fno, alpha };
      const data = gaussianRandomField(grid, trajectorySeeds(13, 0, 16), params);
      const m = integerWavenumbers(n);
      const shells = n / 2 - 1;
      const power = new Float64Array(shells + 1);
      const k2 = new Float64Array(shells + 1);
      const count = new Float64Array(shells + 1);
      for (const field of fields(data, n)) {
        const spectrum = powerSpectrum(field, n);
        for (let p = 0; p < n; p++)
          for (let q = 0; q < n; q++) {
            const shell = Math.round(Math.hypot(m[p]!, m[q]!));
            if (shell < 1 || shell > shells) continue;
            power[shell] = power[shell]! + spectrum[p * n + q]!;
            k2[shell] = k2[shell]! + 4 * Math.PI ** 2 * (m[p]! ** 2 + m[q]! ** 2);
            count[shell] = count[shell]! + 1;
          }
      }
      const xs: number[] = [];
      const ys: number[] = [];
      for (let s = 1; s <= shells; s++) {
        xs.push(Math.log(k2[s]! / count[s]! + params.tau ** 2));
        ys.push(Math.log(power[s]! / count[s]!));
      }
      const slope = leastSquaresSlope(xs, ys);
      expect(Math.abs(slope + alpha)).toBeLessThan(0.15);
    }
  });

  it('matches the defining sum Σ σλ_k (z₁ + i z₂) e^{ik·x} on a small grid', () => {
    const small = { n: 6, length: 2, origin: -1 };
    const [seed] = trajectorySeeds(14, 0, 1) as [number];
    const field = gaussianRandomField(small, [seed], fno);
    const sd = modeStandardDeviations(small, fno);
    const rng = createRng(seed);
    const coefficients = Array.from(sd, (s) => [s * rng.normal(), s * rng.normal()] as const);
    const m = integerWavenumbers(6);
    for (let x = 0; x < 6; x++)
      for (let y = 0; y < 6; y++) {
        let sum = 0;
        coefficients.forEach(([re, im], k) => {
          const angle = (2 * Math.PI * (m[Math.floor(k / 6)]! * x + m[k % 6]! * y)) / 6;
          sum += re * Math.cos(angle) - im * Math.sin(angle);
        });
        expect(field[x * 6 + y]).toBeCloseTo(sum, 5);
      }
  });

  it('uses k = 2πm/L on other boxes', () => {
    const box = { n: 8, length: 2, origin: -1 };
    const sd = modeStandardDeviations(box, fno);
    const sigma = 7 ** 1.5;
    expect(sd[0]).toBe(0);
    expect(sd[1 * 8 + 0]).toBeCloseTo(sigma * (Math.PI ** 2 + 49) ** -1.25, 12);
    expect(sd[2 * 8 + 7]).toBeCloseTo(sigma * (Math.PI ** 2 * 5 + 49) ** -1.25, 12);
  });

  it('is deterministic and independent of how the batch is split', () => {
    const seeds = trajectorySeeds(15, 0, 8);
    const whole = gaussianRandomField(grid, seeds, fno);
    expect(gaussianRandomField(grid, seeds, fno)).toEqual(whole);
    const firstHalf = gaussianRandomField(grid, trajectorySeeds(15, 0, 4), fno);
    const secondHalf = gaussianRandomField(grid, trajectorySeeds(15, 4, 4), fno);
    const joined = new Float32Array(whole.length);
    joined.set(firstHalf);
    joined.set(secondHalf, firstHalf.length);
    expect(joined).toEqual(whole);
    expect(whole.subarray(0, n * n)).not.toEqual(whole.subarray(n * n, 2 * n * n));
  });
});

function leastSquaresSlope(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  return sxy / sxx;
}
