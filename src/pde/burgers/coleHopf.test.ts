/**
 * An exact nonlinear solution (Cole–Hopf): with φ = a + b e^{−νk²t} cos(kx), w = −2νφ_x/φ solves
 * w_t + w w_x = νw_xx, so u = w/cx solves u_t + cx u u_x = νu_xx. With u = u(x, t) and v = v(y, t)
 * built this way (v from cy), every cross term of the 2-D system vanishes: (u, v) is an exact
 * solution of MAE's anisotropic Burgers equations.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { relativeL2, run, sampleField, stateTensor } from '../ns/testing';
import { createBurgersSolver } from './solver';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid: Grid = { n: 32, length: 2, origin: -1 };
const k = Math.PI;
const [a, b] = [1, 0.6];

function coleHopf(s: number, t: number, nu: number, c: number): number {
  const decay = b * Math.exp(-nu * k * k * t);
  return ((2 * nu) / c) * ((decay * k * Math.sin(k * s)) / (a + decay * Math.cos(k * s)));
}

/** Two trajectories with different (ν, cx, cy): checks the per-trajectory coefficients and axes. */
const trajectories = [
  { nu: 0.01, cx: 0.5, cy: 1 },
  { nu: 0.015, cx: 0.9, cy: 0.6 },
];

function exactState(t: number): Float64Array[][] {
  return trajectories.map(({ nu, cx, cy }) => [
    sampleField(grid, (x) => coleHopf(x, t, nu, cx)),
    sampleField(grid, (_, y) => coleHopf(y, t, nu, cy)),
  ]);
}

async function solve(scheme: string, sign: 1 | -1, dt: number, steps: number) {
  const solver = createBurgersSolver({
    grid,
    scheme,
    batch: 2,
    coefficients: {
      nu: Float32Array.from(trajectories, (p) => p.nu),
      cx: Float32Array.from(trajectories, (p) => sign * p.cx),
      cy: Float32Array.from(trajectories, (p) => sign * p.cy),
    },
    options: {},
  });
  const initial = stateTensor(grid, exactState(0));
  const final = run(solver, initial, dt, steps);
  const values = await final.data();
  tf.dispose([initial, final]);
  solver.dispose();
  const expected = stateTensor(grid, exactState(dt * steps));
  const exact = await expected.data();
  expected.dispose();
  return relativeL2(values, exact);
}

describe('Burgers Cole–Hopf exact solution (N = 32, T = 1)', () => {
  it('spectral matches it to 2e-5 relative L2', async () => {
    const error = await solve('spectral', 1, 0.02, 50);
    console.log(`Burgers spectral vs Cole–Hopf: relative L2 error ${error.toExponential(2)}`);
    expect(error).toBeLessThan(2e-5);
  });

  it('with the advection sign flipped (cx, cy → −cx, −cy), misses it by more than 1e-2', async () => {
    const error = await solve('spectral', -1, 0.02, 50);
    console.log(`Burgers spectral, advection flipped, vs Cole–Hopf: ${error.toExponential(2)}`);
    expect(error).toBeGreaterThan(1e-2);
  });

  it('upwind (first order) matches it to 3e-2 relative L2', async () => {
    const error = await solve('upwind', 1, 0.01, 100);
    console.log(`Burgers upwind vs Cole–Hopf: relative L2 error ${error.toExponential(2)}`);
    expect(error).toBeLessThan(3e-2);
  });
});
