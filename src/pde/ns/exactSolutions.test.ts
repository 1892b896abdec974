/**
 * Exact solutions of the full nonlinear equations (reference §2.3): single-shell fields, for which
 * u·∇ω vanishes, decay like heat; Kolmogorov flow spins up from rest towards its laminar state.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { KOLMOGOROV_AMPLITUDE, KOLMOGOROV_WAVENUMBER } from './forcing';
import { createNavierStokesSolver, type NsScheme } from './solver';
import { relativeL2, run, sampleField, stateTensor } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid: Grid = { n: 64, length: 1, origin: 0 };
const TWO_PI = 2 * Math.PI;

/** ω = A cos(2πmx) cos(2πmy), |k|² = 8π²m². */
const taylorGreen = {
  k2: 8 * Math.PI ** 2,
  field: sampleField(grid, (x, y) => Math.cos(TWO_PI * x) * Math.cos(TWO_PI * y)),
};

/** All six wave vectors with |k| = 5 (in units of 2π), random amplitudes and phases. */
const shellVectors = [
  [3, 4, 0.7, 0.3],
  [4, 3, -0.5, 1.9],
  [5, 0, 0.4, 4.0],
  [0, 5, 0.8, 2.2],
  [3, -4, -0.6, 5.1],
  [4, -3, 0.3, 0.8],
] as const;
const shell = {
  k2: 25 * TWO_PI ** 2,
  field: sampleField(grid, (x, y) =>
    shellVectors.reduce(
      (s, [m, n, a, phase]) => s + a * Math.cos(TWO_PI * (m * x + n * y) + phase),
      0,
    ),
  ),
};

function createSolver(scheme: NsScheme, nu: number, batch: number, forcing: string) {
  return createNavierStokesSolver({
    grid,
    scheme,
    batch,
    coefficients: { nu: new Float32Array(batch).fill(nu) },
    options: { forcing },
  });
}

/** Runs both shells in one batch and returns each trajectory's final field. */
async function decayShells(scheme: NsScheme, nu: number, dt: number, steps: number) {
  const solver = createSolver(scheme, nu, 2, 'none');
  const initial = stateTensor(grid, [[taylorGreen.field], [shell.field]]);
  const final = run(solver, initial, dt, steps);
  const values = (await final.data()) as Float32Array;
  tf.dispose([initial, final]);
  solver.dispose();
  const n2 = grid.n * grid.n;
  return [values.subarray(0, n2), values.subarray(n2)] as const;
}

describe('Navier–Stokes single-shell decay', () => {
  const nu = 2e-3;
  const time = 1;

  it('ifrk4 decays as e^{−ν|k|²t} (tolerance 2e-6 relative)', async () => {
    const [tg, sh] = await decayShells('ifrk4', nu, 0.1, 10);
    const errors = [taylorGreen, shell].map((case_, i) =>
      relativeL2(
        [tg, sh][i]!,
        case_.field.map((v) => v * Math.exp(-nu * case_.k2 * time)),
      ),
    );
    console.log(
      `ifrk4 shell decay: relative L2 error Taylor–Green ${errors[0]!.toExponential(2)}, |k|=5 shell ${errors[1]!.toExponential(2)}`,
    );
    for (const e of errors) expect(e).toBeLessThan(2e-6);
  });

  it('fno decays by the discrete-exact factor ((1−a)/(1+a))ⁿ, a = ½Δtν|k|² (tolerance 1e-5)', async () => {
    const dt = 0.02;
    const steps = 50;
    const [tg, sh] = await decayShells('fno', nu, dt, steps);
    const factor = (k2: number) => {
      const a = 0.5 * dt * nu * k2;
      return ((1 - a) / (1 + a)) ** steps;
    };
    const errors = [taylorGreen, shell].map((case_, i) =>
      relativeL2(
        [tg, sh][i]!,
        case_.field.map((v) => v * factor(case_.k2)),
      ),
    );
    // The shell's discrete factor differs from e^{−ν|k|²t} by ~2e-4, so the test sees the scheme.
    const continuous = relativeL2(
      sh,
      shell.field.map((v) => v * Math.exp(-nu * shell.k2 * time)),
    );
    console.log(
      `fno shell decay: relative L2 error Taylor–Green ${errors[0]!.toExponential(2)}, |k|=5 shell ${errors[1]!.toExponential(2)} (vs the continuous decay: ${continuous.toExponential(2)})`,
    );
    for (const e of errors) expect(e).toBeLessThan(1e-5);
    expect(continuous).toBeGreaterThan(1e-4);
  });
});

describe('Kolmogorov flow from rest (ν = 1e-2)', () => {
  const nu = 1e-2;
  const kappa = TWO_PI * KOLMOGOROV_WAVENUMBER;
  const rate = nu * kappa ** 2;
  /** ω_s = −F cos(κy)/(κν): the laminar steady state. */
  const steady = sampleField(
    grid,
    (_, y) => (-KOLMOGOROV_AMPLITUDE * Math.cos(kappa * y)) / (kappa * nu),
  );
  const time = 0.2;

  async function spinUp(scheme: NsScheme, dt: number, steps: number) {
    const solver = createSolver(scheme, nu, 1, 'kolmogorov');
    const rest = tf.zeros([1, grid.n, grid.n, 1]) as tf.Tensor4D;
    const final = run(solver, rest, dt, steps);
    const values = await final.data();
    tf.dispose([rest, final]);
    solver.dispose();
    return values;
  }

  it('ifrk4 follows ω_s(1 − e^{−νκ²t}) (tolerance 2e-6 relative)', async () => {
    const omega = await spinUp('ifrk4', 0.02, 10);
    const error = relativeL2(
      omega,
      steady.map((v) => v * (1 - Math.exp(-rate * time))),
    );
    console.log(`ifrk4 Kolmogorov spin-up: relative L2 error ${error.toExponential(2)}`);
    expect(error).toBeLessThan(2e-6);
  });

  it('fno follows ω_s(1 − gⁿ), g = (1−a)/(1+a) (tolerance 1e-5 relative)', async () => {
    const dt = 0.004;
    const steps = 50;
    const a = 0.5 * dt * rate;
    const omega = await spinUp('fno', dt, steps);
    const error = relativeL2(
      omega,
      steady.map((v) => v * (1 - ((1 - a) / (1 + a)) ** steps)),
    );
    console.log(`fno Kolmogorov spin-up: relative L2 error ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-5);
  });
});
