/**
 * The steady manufactured solution of reference §2.3, the test that exercises the nonlinear term:
 * with the forcing f = u·∇ω_e − νΔω_e evaluated analytically, ω_e is an exact steady state of the
 * PDE and exactly the fixed point of the FNO step, so ω must stay put. Flipping the sign of the
 * advection term in the solver makes it drift: the test would catch that bug.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { createNavierStokesSolver } from './solver';
import { maxAbsDifference, relativeL2, run, sampleField, stateTensor } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Products reach |m|, |n| ≤ 6, all kept by the 2/3 rule when N/3 ≥ 6: N = 32 is enough. */
const grid: Grid = { n: 32, length: 1, origin: 0 };
const nu = 1e-3;
const TWO_PI = 2 * Math.PI;
/** (m, n, a, φ): ω_e = Σ a cos(2π(mx + ny) + φ). */
const modes = [
  [1, 0, 1.0, 0],
  [1, 2, 0.5, 0.3],
  [0, 3, 0.4, 1.0],
  [2, -1, 0.3, 2.0],
] as const;

/** ω_e and f = uω_x + vω_y − νΔω_e, point by point in float64. */
function manufactured(x: number, y: number): { omega: number; forcing: number } {
  let omega = 0;
  let u = 0;
  let v = 0;
  let omegaX = 0;
  let omegaY = 0;
  let laplacian = 0;
  for (const [m, n, a, phase] of modes) {
    const theta = TWO_PI * (m * x + n * y) + phase;
    const k2 = TWO_PI ** 2 * (m * m + n * n);
    omega += a * Math.cos(theta);
    u -= ((a * TWO_PI * n) / k2) * Math.sin(theta);
    v += ((a * TWO_PI * m) / k2) * Math.sin(theta);
    omegaX -= a * TWO_PI * m * Math.sin(theta);
    omegaY -= a * TWO_PI * n * Math.sin(theta);
    laplacian -= k2 * a * Math.cos(theta);
  }
  return { omega, forcing: u * omegaX + v * omegaY - nu * laplacian };
}

const omegaExact = sampleField(grid, (x, y) => manufactured(x, y).omega);
const forcing = Float32Array.from(sampleField(grid, (x, y) => manufactured(x, y).forcing));

/** Relative L2 and max drift of ω after T = 1 with Δt = 1e-3 (the FNO scheme). */
async function drift(advectionSign: 1 | -1): Promise<{ relative: number; max: number }> {
  const forcingField = tf.tensor2d(forcing, [grid.n, grid.n]);
  const solver = createNavierStokesSolver({
    grid,
    scheme: 'fno',
    batch: 1,
    coefficients: { nu: Float32Array.of(nu) },
    options: { forcing: 'none' },
    forcingField,
    advectionSign,
  });
  const initial = stateTensor(grid, [[omegaExact]]);
  const final = run(solver, initial, 1e-3, 1000);
  const omega = await final.data();
  tf.dispose([forcingField, initial, final]);
  solver.dispose();
  return { relative: relativeL2(omega, omegaExact), max: maxAbsDifference(omega, omegaExact) };
}

describe('Navier–Stokes steady manufactured solution (fno, N = 32, ν = 1e-3, T = 1, Δt = 1e-3)', () => {
  it('stays put: drift below 1e-5 relative L2', async () => {
    const { relative, max } = await drift(1);
    console.log(
      `manufactured steady state: drift ${relative.toExponential(2)} relative L2, ${max.toExponential(2)} max`,
    );
    expect(relative).toBeLessThan(1e-5);
  });

  it('with the advection sign flipped, drifts by more than 1e-2: the test catches a sign error', async () => {
    const { relative, max } = await drift(-1);
    console.log(
      `manufactured steady state, advection sign flipped: drift ${relative.toExponential(2)} relative L2, ${max.toExponential(2)} max`,
    );
    expect(relative).toBeGreaterThan(1e-2);
  });
});
