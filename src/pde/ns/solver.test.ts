import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import type { SolverSetup } from '../types';
import { IFRK4_SAFETY, RK4_IMAGINARY_LIMIT } from './ifrk4Scheme';
import { navierStokesSpec } from './spec';
import { run, sampleField, smoothRandomField, stateTensor } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid: Grid = { n: 64, length: 1, origin: 0 };

function setup(overrides: Partial<SolverSetup> = {}): SolverSetup {
  return {
    grid,
    scheme: 'fno',
    batch: 1,
    coefficients: { nu: Float32Array.of(1e-3) },
    options: { forcing: 'fno' },
    ...overrides,
  };
}

describe('Navier–Stokes solver lifecycle', () => {
  it.each(['fno', 'ifrk4'])(
    '%s leaks no tensors over many steps and dispose() frees everything',
    async (scheme) => {
      const small: Grid = { n: 16, length: 1, origin: 0 };
      const baseline = tf.memory().numTensors;
      const solver = navierStokesSpec.createSolver(
        setup({ grid: small, scheme, batch: 2, coefficients: { nu: Float32Array.of(1e-3, 1e-4) } }),
      );
      const initial = stateTensor(small, [
        [smoothRandomField(small, 1)],
        [smoothRandomField(small, 2)],
      ]);
      // The first step creates the per-Δt factors the solver keeps; count from there.
      const first = run(solver, initial, 1e-3, 1);
      const held = tf.memory().numTensors;
      const final = run(solver, first, 1e-3, 30);
      await solver.stableDt(final);
      expect(tf.memory().numTensors).toBe(held + 1);
      tf.dispose([first, final, initial]);
      solver.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    },
  );

  it('rejects an unknown scheme or forcing with a clear message and allocates nothing', () => {
    const baseline = tf.memory().numTensors;
    expect(() => navierStokesSpec.createSolver(setup({ scheme: 'euler' }))).toThrow(
      'Unknown Navier–Stokes scheme "euler"; expected one of fno, ifrk4.',
    );
    expect(() => navierStokesSpec.createSolver(setup({ options: { forcing: 'wind' } }))).toThrow(
      'Unknown Navier–Stokes forcing "wind"; expected one of fno, kolmogorov, none.',
    );
    expect(() =>
      navierStokesSpec.createSolver(setup({ batch: 2, coefficients: { nu: Float32Array.of(1) } })),
    ).toThrow('The Navier–Stokes equation needs 2 values of "nu" (one per trajectory), got 1.');
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('rejects a non-positive time step', () => {
    const solver = navierStokesSpec.createSolver(setup());
    const state = tf.zeros([1, grid.n, grid.n, 1]) as tf.Tensor4D;
    expect(() => solver.advance(state, 0)).toThrow('positive');
    state.dispose();
    solver.dispose();
  });
});

describe('Navier–Stokes stable time steps', () => {
  // ω = cos 2πx cos 2πy: u = −cos 2πx sin 2πy/(4π), v = sin 2πx cos 2πy/(4π), so on the grid
  // max|u|² = 1/(16π²) and max(|u|+|v|) = 1/(4π).
  const taylorGreen = () =>
    stateTensor(grid, [
      [sampleField(grid, (x, y) => Math.cos(2 * Math.PI * x) * Math.cos(2 * Math.PI * y))],
    ]);
  const speedSum = 1 / (4 * Math.PI);
  const speedSquared = 1 / (16 * Math.PI ** 2);

  async function stableDt(scheme: string, nu: number[]): Promise<number> {
    const state = taylorGreen();
    const solver = navierStokesSpec.createSolver(
      setup({ scheme, batch: 1, coefficients: { nu: Float32Array.from(nu) } }),
    );
    const dt = await solver.stableDt(state);
    state.dispose();
    solver.dispose();
    return dt;
  }

  it('fno: 2ν/max|u|² (von Neumann), capped by the advective CFL Δx/max(|u|+|v|)', async () => {
    expect(await stableDt('fno', [1e-4])).toBeCloseTo((2 * 1e-4) / speedSquared, 6);
    // At ν = 1e-3 the von Neumann bound (0.32) exceeds the CFL bound (0.20).
    expect(await stableDt('fno', [1e-3])).toBeCloseTo(1 / grid.n / speedSum, 6);
  });

  it('ifrk4: Δt·max(|u|+|v|)·2π⌊N/3⌋ = 0.8·2√2', async () => {
    const kMax = 2 * Math.PI * Math.floor(grid.n / 3);
    expect(await stableDt('ifrk4', [1e-3])).toBeCloseTo(
      (IFRK4_SAFETY * RK4_IMAGINARY_LIMIT) / (speedSum * kMax),
      6,
    );
  });

  it('is unlimited for a fluid at rest', async () => {
    const solver = navierStokesSpec.createSolver(setup());
    const rest = tf.zeros([1, grid.n, grid.n, 1]) as tf.Tensor4D;
    expect(await solver.stableDt(rest)).toBe(Infinity);
    rest.dispose();
    solver.dispose();
  });
});
