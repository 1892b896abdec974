import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSpectral2D, derivative } from './spectral';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Reference DFT in float64: û[p,q] = Σ u[x,y] e^{−2πi(px+qy)/N}. */
function naiveDft(u: Float32Array, n: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let p = 0; p < n; p++)
    for (let q = 0; q < n; q++) {
      let sumRe = 0;
      let sumIm = 0;
      for (let x = 0; x < n; x++)
        for (let y = 0; y < n; y++) {
          const a = (-2 * Math.PI * (p * x + q * y)) / n;
          sumRe += u[x * n + y]! * Math.cos(a);
          sumIm += u[x * n + y]! * Math.sin(a);
        }
      re[p * n + q] = sumRe;
      im[p * n + q] = sumIm;
    }
  return { re, im };
}

describe('2-D DFT by matmuls', () => {
  const n = 12;
  const grid = { n, length: 2, origin: -1 };

  it('matches a float64 DFT and inverts it', async () => {
    const spectral = createSpectral2D(grid);
    const values = Float32Array.from(
      { length: 2 * n * n },
      (_, i) => Math.sin(i * 1.7) + (i % 5) * 0.1,
    );
    const u = tf.tensor3d(values, [2, n, n]);
    const before = tf.memory().numTensors;
    const spectrum = spectral.forward(u);
    const back = spectral.inverse(spectrum);
    const ref = naiveDft(values.subarray(n * n), n); // second batch member
    const re = (await spectrum.re.data()).subarray(n * n);
    const im = (await spectrum.im.data()).subarray(n * n);
    let worst = 0;
    for (let i = 0; i < n * n; i++)
      worst = Math.max(worst, Math.abs(re[i]! - ref.re[i]!), Math.abs(im[i]! - ref.im[i]!));
    expect(worst).toBeLessThan(1e-4);
    const roundTrip = await back.data();
    expect(Math.max(...roundTrip.map((v, i) => Math.abs(v - values[i]!)))).toBeLessThan(1e-5);
    tf.dispose([u, spectrum.re, spectrum.im, back]);
    expect(tf.memory().numTensors).toBe(before - 1);
    spectral.dispose();
  });

  it('differentiates a band-limited field exactly, with x on axis 1 and y on axis 2', async () => {
    const spectral = createSpectral2D(grid);
    const h = grid.length / n;
    const field = new Float32Array(n * n);
    const dudx = new Float32Array(n * n);
    const dudy = new Float32Array(n * n);
    const kx = (2 * Math.PI * 2) / grid.length;
    const ky = (2 * Math.PI * 3) / grid.length;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const x = grid.origin + i * h;
        const y = grid.origin + j * h;
        field[i * n + j] = Math.sin(kx * x) * Math.cos(ky * y);
        dudx[i * n + j] = kx * Math.cos(kx * x) * Math.cos(ky * y);
        dudy[i * n + j] = -ky * Math.sin(kx * x) * Math.sin(ky * y);
      }
    const result = tf.tidy(() => {
      const s = spectral.forward(tf.tensor3d(field, [1, n, n]));
      return [
        spectral.inverse(derivative(s, spectral.kx)),
        spectral.inverse(derivative(s, spectral.ky)),
      ];
    });
    const [gx, gy] = await Promise.all(result.map((t) => t.data()));
    for (let i = 0; i < n * n; i++) {
      expect(gx![i]).toBeCloseTo(dudx[i]!, 4);
      expect(gy![i]).toBeCloseTo(dudy[i]!, 4);
    }
    tf.dispose(result);
    spectral.dispose();
  });

  it('keeps exactly the modes with |m| ≤ N/3 in the dealiasing mask', async () => {
    const spectral = createSpectral2D({ n: 9, length: 1, origin: 0 });
    const mask = await spectral.dealias.data();
    // m = 0,1,2,3,4,-4,-3,-2,-1: kept where |m| ≤ 3
    const kept1d = [1, 1, 1, 1, 0, 0, 1, 1, 1];
    for (let i = 0; i < 9; i++)
      for (let j = 0; j < 9; j++) expect(mask[i * 9 + j]).toBe(kept1d[i]! * kept1d[j]!);
    spectral.dispose();
  });
});
