import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { IFRK4_SAFETY, RK4_IMAGINARY_LIMIT } from '../ns/ifrk4Scheme';
import { run, sampleField, smoothRandomField, stateTensor } from '../ns/testing';
import type { SolverSetup } from '../types';
import { burgersSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid: Grid = { n: 16, length: 2, origin: -1 };

function setup(overrides: Partial<SolverSetup> = {}): SolverSetup {
  return {
    grid,
    scheme: 'spectral',
    batch: 2,
    coefficients: {
      nu: Float32Array.of(0.01, 0.02),
      cx: Float32Array.of(0.75, 0.5),
      cy: Float32Array.of(0.75, 1),
    },
    options: {},
    ...overrides,
  };
}

describe('Burgers solver lifecycle', () => {
  it.each(['spectral', 'upwind'])(
    '%s leaks no tensors over many steps and dispose() frees everything',
    async (scheme) => {
      const baseline = tf.memory().numTensors;
      const solver = burgersSpec.createSolver(setup({ scheme }));
      const initial = stateTensor(grid, [
        [smoothRandomField(grid, 1, { rms: 0.3 }), smoothRandomField(grid, 2, { rms: 0.3 })],
        [smoothRandomField(grid, 3, { rms: 0.3 }), smoothRandomField(grid, 4, { rms: 0.3 })],
      ]);
      const first = run(solver, initial, 1e-3, 1);
      const held = tf.memory().numTensors;
      const final = run(solver, first, 1e-3, 30);
      await solver.stableDt(final);
      expect(final.shape).toEqual([2, grid.n, grid.n, 2]);
      expect(tf.memory().numTensors).toBe(held + 1);
      tf.dispose([first, final, initial]);
      solver.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    },
  );

  it('rejects an unknown scheme or a missing coefficient with a clear message', () => {
    const baseline = tf.memory().numTensors;
    expect(() => burgersSpec.createSolver(setup({ scheme: 'weno' }))).toThrow(
      'Unknown Burgers scheme "weno"; expected one of spectral, upwind.',
    );
    expect(() =>
      burgersSpec.createSolver(setup({ coefficients: { nu: Float32Array.of(0.01, 0.01) } })),
    ).toThrow('The Burgers equation needs 2 values of "cx" (one per trajectory), got none.');
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('Burgers stable time steps', () => {
  // u = 0.5 sin(πx), v = 0.25 cos(πy): max|u| = 0.5 (at x = −1/2), max|v| = 0.25 (y = 0).
  const state = () => {
    const u = sampleField(grid, (x) => 0.5 * Math.sin(Math.PI * x));
    const v = sampleField(grid, (_, y) => 0.25 * Math.cos(Math.PI * y));
    return stateTensor(grid, [
      [u, v],
      [u, v],
    ]);
  };
  const speeds = [0.75 * 0.5 + 0.75 * 0.25, 0.5 * 0.5 + 1 * 0.25];

  async function stableDt(scheme: string): Promise<number> {
    const s = state();
    const solver = burgersSpec.createSolver(setup({ scheme }));
    const dt = await solver.stableDt(s);
    s.dispose();
    solver.dispose();
    return dt;
  }

  it('upwind: Δt·((|cx u| + |cy v|)/h + 4ν/h²) ≤ 1 for the worst trajectory', async () => {
    const h = grid.length / grid.n;
    const rates = speeds.map((s, b) => s / h + (4 * [0.01, 0.02][b]!) / (h * h));
    expect(await stableDt('upwind')).toBeCloseTo(1 / Math.max(...rates), 6);
  });

  it('spectral: Δt·max(|cx u| + |cy v|)·k_max = 0.8·2√2, k_max = 2π⌊N/3⌋/L', async () => {
    const kMax = (2 * Math.PI * Math.floor(grid.n / 3)) / grid.length;
    expect(await stableDt('spectral')).toBeCloseTo(
      (IFRK4_SAFETY * RK4_IMAGINARY_LIMIT) / (Math.max(...speeds) * kMax),
      6,
    );
  });
});
