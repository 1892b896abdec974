import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridSpacing, type Grid } from '../grid';
import { createHeatFtcsSolver } from './ftcsSolver';
import {
  observedOrders,
  relativeL2,
  sampleModes,
  trajectoryChannel,
  wavenumberSquared,
  type CosineMode,
} from '../testing/fields';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const modes: CosineMode[] = [
  { amplitude: 1, mx: 1, my: 2, phase: 0.3 },
  { amplitude: 0.5, mx: -3, my: 1, phase: -1.1 },
];

/** Eigenvalue of Δ_h for the mode: −(4/h²)[sin²(πm/N) + sin²(πn/N)]. */
function discreteEigenvalue(grid: Grid, mode: CosineMode): number {
  const h = gridSpacing(grid);
  const s = (m: number) => Math.sin((Math.PI * m) / grid.n) ** 2;
  return (-4 / (h * h)) * (s(mode.mx) + s(mode.my));
}

function stateOf(grid: Grid, batch: number, field: Float64Array): tf.Tensor4D {
  const data = new Float32Array(batch * field.length);
  for (let b = 0; b < batch; b++) data.set(Float32Array.from(field), b * field.length);
  return tf.tensor4d(data, [batch, grid.n, grid.n, 1]);
}

/** Runs `steps` FTCS steps of size dt and returns trajectory b. */
async function runFtcs(
  grid: Grid,
  nu: Float32Array,
  initial: Float64Array,
  dt: number,
  steps: number,
): Promise<Float32Array> {
  const solver = createHeatFtcsSolver(grid, nu);
  let u = stateOf(grid, nu.length, initial);
  for (let s = 0; s < steps; s++) {
    const next = solver.advance(u, dt);
    u.dispose();
    u = next;
  }
  const data = (await u.data()) as Float32Array;
  u.dispose();
  solver.dispose();
  return data;
}

describe('heat, FTCS', () => {
  const grid: Grid = { n: 64, length: 2, origin: -1 };
  const n = grid.n;
  const h = gridSpacing(grid);

  it('reproduces the scheme’s own discrete solution Σ a(1 + νλ_hΔt)ⁿ cos(k·x + φ) (rel. L2 ≤ 1e-5)', async () => {
    const nu = Float32Array.of(0.005, 0.02);
    const dt = 2e-3;
    const steps = 100;
    const data = await runFtcs(grid, nu, sampleModes(grid, modes), dt, steps);
    for (let b = 0; b < nu.length; b++) {
      const expected = sampleModes(
        grid,
        modes,
        (mode) => (1 + nu[b]! * discreteEigenvalue(grid, mode) * dt) ** steps,
      );
      const error = relativeL2(trajectoryChannel(data, b, n), expected);
      console.info(`heat FTCS vs its discrete solution, ν = ${nu[b]}: rel. L2`, error);
      expect(error).toBeLessThan(1e-5);
    }
  });

  it('is first order in time against the exact solution of the 5-point semi-discretisation', async () => {
    const nu = Float32Array.of(0.02);
    const t = 1;
    const exact = sampleModes(grid, modes, (mode) =>
      Math.exp(nu[0]! * discreteEigenvalue(grid, mode) * t),
    );
    const errors: number[] = [];
    for (const steps of [100, 200, 400]) {
      const data = await runFtcs(grid, nu, sampleModes(grid, modes), t / steps, steps);
      errors.push(relativeL2(trajectoryChannel(data, 0, n), exact));
    }
    const orders = observedOrders(errors);
    console.info('heat FTCS temporal errors', errors, 'orders', orders);
    for (const order of orders) expect(Math.abs(order - 1)).toBeLessThan(0.05);
  });

  it('is second order in space against the continuous solution (N = 16, 32, 64)', async () => {
    const nu = Float32Array.of(0.02);
    const t = 0.1;
    // The time error is ≈ 6νΔt/h² of the space error: 3% at N = 64 with this Δt.
    const dt = 2.5e-4;
    const errors: number[] = [];
    for (const size of [16, 32, 64]) {
      const g: Grid = { n: size, length: 2, origin: -1 };
      const exact = sampleModes(g, modes, (mode) =>
        Math.exp(-nu[0]! * wavenumberSquared(g, mode) * t),
      );
      const data = await runFtcs(g, nu, sampleModes(g, modes), dt, Math.round(t / dt));
      errors.push(relativeL2(trajectoryChannel(data, 0, size), exact));
    }
    const orders = observedOrders(errors);
    console.info('heat FTCS spatial errors', errors, 'orders', orders);
    for (const order of orders) expect(Math.abs(order - 2)).toBeLessThan(0.1);
  });

  it('reports Δt = h²/(4ν_max): a checkerboard grows one step beyond it and decays one step within', async () => {
    const nu = Float32Array.of(0.01, 0.04, 0.02);
    const solver = createHeatFtcsSolver(grid, nu);
    const checkerboard = Float64Array.from({ length: n * n }, (_, i) =>
      (Math.floor(i / n) + (i % n)) % 2 === 0 ? 1 : -1,
    );
    const u0 = stateOf(grid, nu.length, checkerboard);
    const limit = await solver.stableDt(u0);
    expect(limit).toBeCloseTo((h * h) / (4 * nu[1]!), 12);
    const peakAfterStep = async (dt: number) => {
      const u1 = solver.advance(u0, dt);
      const peak = tf.tidy(() => u1.slice([1, 0, 0, 0], [1, n, n, 1]).abs().max().dataSync()[0]!);
      u1.dispose();
      return peak;
    };
    // amplification 1 − 8νΔt/h²: −1.2 at 1.1× the limit, −0.8 at 0.9×
    expect(await peakAfterStep(1.1 * limit)).toBeCloseTo(1.2, 4);
    expect(await peakAfterStep(0.9 * limit)).toBeCloseTo(0.8, 4);
    u0.dispose();
    solver.dispose();
  });

  it('is unconditionally stable when every ν is 0', async () => {
    const solver = createHeatFtcsSolver(grid, Float32Array.of(0, 0));
    const u0 = tf.zeros([2, n, n, 1]) as tf.Tensor4D;
    expect(await solver.stableDt(u0)).toBe(Infinity);
    u0.dispose();
    solver.dispose();
  });

  it('leaks no tensors over many steps and frees its own on dispose', () => {
    const before = tf.memory().numTensors;
    const solver = createHeatFtcsSolver(grid, Float32Array.of(0.01, 0.02));
    let u = stateOf(grid, 2, sampleModes(grid, modes));
    const afterSetup = tf.memory().numTensors;
    for (let s = 0; s < 50; s++) {
      const next = solver.advance(u, 1e-3);
      u.dispose();
      u = next;
    }
    expect(tf.memory().numTensors).toBe(afterSetup);
    u.dispose();
    solver.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
