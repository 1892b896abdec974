/**
 * Observed temporal order: a smooth random vorticity field (GRF-like, modes |m|, |n| ≤ 3) with the
 * FNO forcing, advanced to T = 0.2 at several Δt and compared with an IF-RK4 run at Δt = T/128.
 * Both schemes share the same spatial discretisation, so the difference is the time error alone.
 * N = 32 keeps the CPU run short; rms ω = 8 makes the time error stand well above float32
 * round-off (~3e-6 here) at these Δt.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { createNavierStokesSolver, type NsScheme } from './solver';
import { relativeL2, run, smoothRandomField, stateTensor } from './testing';

const grid: Grid = { n: 32, length: 1, origin: 0 };
const nu = 1e-2;
const time = 0.2;
let initial: tf.Tensor4D;
let reference: Float32Array;

function createSolver(scheme: NsScheme) {
  return createNavierStokesSolver({
    grid,
    scheme,
    batch: 1,
    coefficients: { nu: Float32Array.of(nu) },
    options: { forcing: 'fno' },
  });
}

/** Relative L2 error at T for each number of steps. */
async function errors(scheme: NsScheme, stepCounts: readonly number[]): Promise<number[]> {
  const solver = createSolver(scheme);
  const out: number[] = [];
  for (const steps of stepCounts) {
    const final = run(solver, initial, time / steps, steps);
    out.push(relativeL2(await final.data(), reference));
    final.dispose();
  }
  solver.dispose();
  return out;
}

/** Slopes of log(error) against log(Δt) between consecutive runs. */
function observedOrders(stepCounts: readonly number[], errs: readonly number[]): number[] {
  return errs
    .slice(1)
    .map((e, i) => Math.log(errs[i]! / e) / Math.log(stepCounts[i + 1]! / stepCounts[i]!));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  initial = stateTensor(grid, [[smoothRandomField(grid, 7, { maxMode: 3, rms: 8 })]]);
  const solver = createSolver('ifrk4');
  const final = run(solver, initial, time / 128, 128);
  reference = (await final.data()) as Float32Array;
  final.dispose();
  solver.dispose();
});

afterAll(() => initial.dispose());

describe('Navier–Stokes temporal order (N = 32, ν = 1e-2, T = 0.2)', () => {
  it('ifrk4 is fourth order (each observed order within 3.5…4.5)', async () => {
    // Δt = 0.033…0.017 lies above stableDt's worst-case bound (0.013), which assumes energy at
    // k_max = 2π·10; this field's energy sits at |m| ≤ 3, and every run is stable.
    const steps = [6, 8, 12];
    const errs = await errors('ifrk4', steps);
    const orders = observedOrders(steps, errs);
    console.log(
      `ifrk4: Δt = ${steps.map((s) => (time / s).toPrecision(3)).join(', ')} → errors ${errs.map((e) => e.toExponential(2)).join(', ')}; observed orders ${orders.map((p) => p.toFixed(2)).join(', ')}`,
    );
    for (const p of orders) {
      expect(p).toBeGreaterThan(3.5);
      expect(p).toBeLessThan(4.5);
    }
  });

  it('fno is first order (each observed order within 0.9…1.1)', async () => {
    const steps = [50, 100, 200];
    const errs = await errors('fno', steps);
    const orders = observedOrders(steps, errs);
    console.log(
      `fno: Δt = ${steps.map((s) => (time / s).toPrecision(3)).join(', ')} → errors ${errs.map((e) => e.toExponential(2)).join(', ')}; observed orders ${orders.map((p) => p.toFixed(2)).join(', ')}`,
    );
    for (const p of orders) {
      expect(p).toBeGreaterThan(0.9);
      expect(p).toBeLessThan(1.1);
    }
  });
});
