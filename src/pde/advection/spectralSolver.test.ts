import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPoints, type Grid } from '../grid';
import { relativeL2, trajectoryChannel } from '../testing/fields';
import { createAdvectionSpectralSolver } from './spectralSolver';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid: Grid = { n: 64, length: 2, origin: -1 };
const n = grid.n;
const xs = gridPoints(grid);

/** A smooth band-limited field like MAE-PDE's initial conditions (wavenumbers π·{1,2,3}). */
function u0(x: number, y: number): number {
  const p = Math.PI;
  return (
    0.4 * Math.sin(p * x + 2 * p * y + 0.3) +
    0.3 * Math.sin(3 * p * x - p * y + 1.7) -
    0.25 * Math.sin(2 * p * x + 3 * p * y + 4.1) +
    0.2 * Math.cos(-p * x + p * y) +
    0.1
  );
}

/** Wraps into [−1, 1): the analytic solution is evaluated pointwise on the periodic box. */
const wrap = (x: number) => x - grid.length * Math.floor((x - grid.origin) / grid.length);

function analytic(ax: number, ay: number, t: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) out[i * n + j] = u0(wrap(xs[i]! - ax * t), wrap(xs[j]! - ay * t));
  return out;
}

function initialState(batch: number): tf.Tensor4D {
  const field = Float32Array.from(analytic(0, 0, 0));
  const data = new Float32Array(batch * n * n);
  for (let b = 0; b < batch; b++) data.set(field, b * n * n);
  return tf.tensor4d(data, [batch, n, n, 1]);
}

describe('advection, spectral phase shift', () => {
  const ax = Float32Array.of(1, -2.3, 0.37);
  const ay = Float32Array.of(0.5, 0.7, -1.9);

  it('translates a band-limited field exactly, u(x, t) = u0(x − at), per trajectory (rel. L2 ≤ 1e-5)', async () => {
    const solver = createAdvectionSpectralSolver(grid, { ax, ay });
    expect(solver.exact).toBe(true);
    const initial = initialState(ax.length);
    expect(await solver.stableDt(initial)).toBe(Infinity);
    let worst = 0;
    for (const t of [0.02, 0.5, 1.3, 17.77]) {
      const state = solver.advance(initial, t);
      const data = await state.data();
      for (let b = 0; b < ax.length; b++) {
        const error = relativeL2(trajectoryChannel(data, b, n), analytic(ax[b]!, ay[b]!, t));
        worst = Math.max(worst, error);
      }
      state.dispose();
    }
    console.info('advection worst rel. L2', worst);
    expect(worst).toBeLessThan(1e-5);
    initial.dispose();
    solver.dispose();
  });

  it('returns the initial field after a full period: in one jump (rel. L2 ≤ 1e-5) or in 200 (≤ 5e-5)', async () => {
    // a = (1, 0.5) crosses the box of side 2 twice along x and once along y by t = 4.
    const solver = createAdvectionSpectralSolver(grid, {
      ax: Float32Array.of(1),
      ay: Float32Array.of(0.5),
    });
    const initial = initialState(1);
    const expected = analytic(0, 0, 0);
    const jump = solver.advance(initial, 4);
    const oneJump = relativeL2(await jump.data(), expected);
    let state = initial.clone();
    const before = tf.memory().numTensors;
    for (let s = 0; s < 200; s++) {
      const next = solver.advance(state, 0.02);
      state.dispose();
      state = next;
    }
    expect(tf.memory().numTensors).toBe(before);
    const manyJumps = relativeL2(await state.data(), expected);
    console.info('advection full period rel. L2: one jump', oneJump, '200 jumps', manyJumps);
    expect(oneJump).toBeLessThan(1e-5);
    // Each float32 transform pair adds ~1e-6 of round-off, accumulating like a random walk.
    expect(manyJumps).toBeLessThan(5e-5);
    tf.dispose([initial, jump, state]);
    solver.dispose();
  });

  it('moves the field towards +a, not −a', async () => {
    // a one-cell shift along x: u(x_i) at t is u0 at x_{i−1}
    const h = grid.length / n;
    const solver = createAdvectionSpectralSolver(grid, {
      ax: Float32Array.of(1),
      ay: Float32Array.of(0),
    });
    const initial = initialState(1);
    const state = solver.advance(initial, h);
    const data = await state.data();
    const start = await initial.data();
    const i = 10;
    const j = 20;
    expect(data[i * n + j]).toBeCloseTo(start[(i - 1) * n + j]!, 5);
    tf.dispose([initial, state]);
    solver.dispose();
  });

  it('frees all of its tensors on dispose', () => {
    const before = tf.memory().numTensors;
    const solver = createAdvectionSpectralSolver(grid, { ax, ay });
    const initial = initialState(ax.length);
    tf.dispose(tf.tidy(() => solver.advance(initial, 0.3)));
    initial.dispose();
    solver.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
