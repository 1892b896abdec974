import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPeriodicShifts, disposeShifts, laplacian5, roll, upwindAdvection } from './stencils';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('periodic stencils', () => {
  const n = 8;
  const h = 0.25;
  // u[b, i, j, c] = 100 i + j + 1000 c: the index is readable from the value.
  const values = Float32Array.from({ length: n * n * 2 }, (_, p) => {
    const c = p % 2;
    const j = Math.floor(p / 2) % n;
    const i = Math.floor(p / (2 * n));
    return 100 * i + j + 1000 * c;
  });

  it('roll matches numpy.roll by ±1 along x (axis 1) and y (axis 2)', async () => {
    const shifts = createPeriodicShifts(n);
    const u = tf.tensor4d(values, [1, n, n, 2]);
    const at = (data: ArrayLike<number>, i: number, j: number, c: number) =>
      data[(i * n + j) * 2 + c];
    const [px, nx, py] = await Promise.all(
      [roll(u, shifts.previous, 1), roll(u, shifts.next, 1), roll(u, shifts.previous, 2)].map(
        async (t) => {
          const d = await t.data();
          t.dispose();
          return d;
        },
      ),
    );
    expect(at(px!, 0, 3, 1)).toBe(100 * 7 + 3 + 1000); // u[i − 1] wraps to i = 7
    expect(at(px!, 5, 3, 0)).toBe(100 * 4 + 3);
    expect(at(nx!, 7, 2, 0)).toBe(2); // u[i + 1] wraps to i = 0
    expect(at(py!, 2, 0, 0)).toBe(200 + 7);
    u.dispose();
    disposeShifts(shifts);
  });

  it('the 5-point Laplacian has the discrete eigenvalue −(4/h²)(sin²(kₓh/2) + sin²(k_yh/2)) (1e-5)', async () => {
    const shifts = createPeriodicShifts(n);
    const [kx, ky] = [(2 * Math.PI * 1) / (n * h), (2 * Math.PI * 3) / (n * h)];
    const field = Float32Array.from({ length: n * n }, (_, p) =>
      Math.cos(kx * h * Math.floor(p / n) + ky * h * (p % n)),
    );
    const u = tf.tensor4d(field, [1, n, n, 1]);
    const lap = laplacian5(u, shifts, h);
    const eigen = (-4 / (h * h)) * (Math.sin((kx * h) / 2) ** 2 + Math.sin((ky * h) / 2) ** 2);
    const got = await lap.data();
    field.forEach((v, p) =>
      expect(Math.abs(got[p]! - eigen * v)).toBeLessThan(1e-5 * Math.abs(eigen)),
    );
    tf.dispose([u, lap]);
    disposeShifts(shifts);
  });

  it('upwind advection differences backward for positive and forward for negative velocity', async () => {
    const shifts = createPeriodicShifts(n);
    const u = tf.tensor4d(values, [1, n, n, 2]);
    const velocity = (s: number) => tf.fill([1, n, n, 1], s);
    const [ax, ay] = [velocity(2), velocity(-3)];
    const result = upwindAdvection(u, ax, ay, shifts, h);
    const data = await result.data();
    // Interior point (i, j) = (4, 4): backward x difference 100, forward y difference 1.
    expect(data[(4 * n + 4) * 2]).toBeCloseTo((2 * 100 + -3 * 1) / h, 3);
    // At i = 0 the backward x difference wraps: u[0] − u[7] = −700.
    expect(data[(0 * n + 4) * 2]).toBeCloseTo((2 * -700 + -3 * 1) / h, 3);
    tf.dispose([u, ax, ay, result]);
    disposeShifts(shifts);
  });
});
