import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPoints, gridSpacing } from './grid';
import { laplacian5, laplacian5Symbol, roll } from './stencils';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('roll', () => {
  it('shifts periodically like numpy.roll, along any axis and by any integer', async () => {
    const t = tf.tensor3d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [1, 3, 4]);
    const before = tf.memory().numTensors;
    const cases: [number, number, number[]][] = [
      [1, 2, [3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10]],
      [-1, -1, [1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8]],
      [1, 1, [8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7]],
      [-4, 1, [4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3]],
      [6, 2, [2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9]],
      [3, 1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    ];
    for (const [shift, axis, expected] of cases) {
      const r = roll(t, shift, axis);
      expect(Array.from(await r.data())).toEqual(expected);
      r.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('rejects an axis the tensor does not have', () => {
    const t = tf.zeros([2, 2]);
    expect(() => roll(t, 1, 3)).toThrow(/out of range/);
    t.dispose();
  });
});

describe('laplacian5', () => {
  const grid = { n: 16, length: 2, origin: -1 };
  const n = grid.n;
  const h = gridSpacing(grid);
  const xs = gridPoints(grid);
  const kx = (2 * Math.PI * 2) / grid.length;
  const ky = (2 * Math.PI * 3) / grid.length;
  const symbolOf = (k: number) => (4 / (h * h)) * Math.sin((k * h) / 2) ** 2;

  /** sin(kx·x)cos(ky·y) is an eigenfunction: Δ_h u = −(σ(kx) + σ(ky)) u with x on axis 1. */
  const field = (scale: number) =>
    Float32Array.from({ length: n * n }, (_, idx) => {
      const x = xs[Math.floor(idx / n)]!;
      const y = xs[idx % n]!;
      return scale * Math.sin(kx * x) * Math.cos(ky * y);
    });

  it('has the discrete symbol −(4/h²)(sin²(k_x h/2) + sin²(k_y h/2)) on a Fourier mode (1e-4)', async () => {
    const eigen = symbolOf(kx) + symbolOf(ky);
    const u = tf.tensor3d(field(1), [1, n, n]);
    const lap = laplacian5(u, h);
    const got = await lap.data();
    const expected = field(-eigen);
    for (let i = 0; i < n * n; i++)
      expect(Math.abs(got[i]! - expected[i]!)).toBeLessThan(1e-4 * eigen);
    tf.dispose([u, lap]);
  });

  it('works per channel on [B, N, N, C] and treats batch members independently', async () => {
    const eigen = symbolOf(kx) + symbolOf(ky);
    const values = new Float32Array(2 * n * n * 2);
    const f = field(1);
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < n * n; i++) {
        values[(b * n * n + i) * 2] = (b + 1) * f[i]!;
        values[(b * n * n + i) * 2 + 1] = 5; // constant: Laplacian zero
      }
    const u = tf.tensor4d(values, [2, n, n, 2]);
    const before = tf.memory().numTensors;
    const lap = laplacian5(u, h);
    expect(tf.memory().numTensors).toBe(before + 1);
    const got = await lap.data();
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < n * n; i++) {
        const at = (b * n * n + i) * 2;
        expect(Math.abs(got[at]! + (b + 1) * eigen * f[i]!)).toBeLessThan(1e-3);
        expect(Math.abs(got[at + 1]!)).toBeLessThan(1e-3);
      }
    tf.dispose([u, lap]);
  });

  it('lists its symbol in DFT order and tends to |k|² for smooth modes', () => {
    const symbol = laplacian5Symbol(grid);
    // m = 2 along x (row 2), n = −3 along y (column N − 3)
    expect(symbol[2 * n + (n - 3)]).toBeCloseTo(symbolOf(kx) + symbolOf(ky), 10);
    expect(symbol[0]).toBe(0);
    // checkerboard (m = n = −N/2): 8/h²
    expect(symbol[(n / 2) * n + n / 2]).toBeCloseTo(8 / (h * h), 10);
    // relative deficit (kh)²/12 to leading order, for k = π, h = 2/256
    const fine = laplacian5Symbol({ n: 256, length: 2, origin: -1 });
    const deficit = 1 - fine[1]! / Math.PI ** 2;
    expect(deficit / ((Math.PI * 2) / 256) ** 2).toBeCloseTo(1 / 12, 5);
  });
});
