/**
 * Grid convergence from a smooth MAE-like initial condition (u = v = a sum of low-wavenumber sines,
 * as in MAE-PDE's RandomSin, |u| ≤ 0.3; ν = 0.01, cx = cy = 0.75, T = 0.5). The pseudo-spectral
 * run at N = 64 is the reference: coarser spectral runs converge to it spectrally fast, and the
 * upwind scheme converges to it at first order.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { relativeL2, run, sampleField, stateTensor } from '../ns/testing';
import { createBurgersSolver } from './solver';

const time = 0.5;
/** (l, m, A, φ): A sin(π(l x + m y) + φ), periodic on [−1, 1]². */
const modes = [
  [1, 0, 0.09, 0.5],
  [0, 1, -0.075, 2.0],
  [1, 1, 0.06, 4.1],
  [1, -1, 0.045, 1.2],
  [2, 1, 0.03, 0.7],
] as const;
const initialField = (x: number, y: number) =>
  modes.reduce((s, [l, m, a, phase]) => s + a * Math.sin(Math.PI * (l * x + m * y) + phase), 0);

/** (u, v) at T on an N grid, sampled at the points of the coarser `sampleN` grid. */
async function solve(scheme: string, n: number, steps: number, sampleN: number) {
  const grid: Grid = { n, length: 2, origin: -1 };
  const field = sampleField(grid, initialField);
  const solver = createBurgersSolver({
    grid,
    scheme,
    batch: 1,
    coefficients: {
      nu: Float32Array.of(0.01),
      cx: Float32Array.of(0.75),
      cy: Float32Array.of(0.75),
    },
    options: {},
  });
  const initial = stateTensor(grid, [[field, field]]);
  const final = run(solver, initial, time / steps, steps);
  const values = await final.data();
  tf.dispose([initial, final]);
  solver.dispose();
  const stride = n / sampleN;
  const sampled: number[] = [];
  for (let i = 0; i < n; i += stride) {
    for (let j = 0; j < n; j += stride)
      sampled.push(values[(i * n + j) * 2]!, values[(i * n + j) * 2 + 1]!);
  }
  return sampled;
}

let reference64: Float32Array; // the N = 64 spectral run, all points
beforeAll(async () => {
  await tf.setBackend('cpu');
  reference64 = Float32Array.from(await solve('spectral', 64, 25, 64));
});

/** The reference at the points of a coarser grid. */
function referenceAt(sampleN: number): number[] {
  const stride = 64 / sampleN;
  const out: number[] = [];
  for (let i = 0; i < 64; i += stride) {
    for (let j = 0; j < 64; j += stride)
      out.push(reference64[(i * 64 + j) * 2]!, reference64[(i * 64 + j) * 2 + 1]!);
  }
  return out;
}

describe('Burgers grid convergence (ν = 0.01, T = 0.5)', () => {
  it('spectral at N = 32 matches N = 64 to 3e-5, and converges faster than any power', async () => {
    const error32 = relativeL2(await solve('spectral', 32, 25, 32), referenceAt(32));
    const error16 = relativeL2(await solve('spectral', 16, 25, 16), referenceAt(16));
    console.log(
      `Burgers spectral vs N = 64: N = 16 ${error16.toExponential(2)}, N = 32 ${error32.toExponential(2)}`,
    );
    expect(error32).toBeLessThan(3e-5);
    // A second-order method would gain 4× per halving of h; spectral accuracy gains far more.
    expect(error16 / error32).toBeGreaterThan(50);
  });

  it('upwind converges to the spectral solution at first order (observed orders 0.8…1.2)', async () => {
    const sizes = [16, 32, 64];
    // Δt = 0.32h, below each grid's stability limit; Euler's O(Δt) error is far below the
    // O(h) upwind error here (halving Δt alone changes the N = 16 error by < 1%).
    const errors: number[] = [];
    for (const n of sizes) {
      errors.push(relativeL2(await solve('upwind', n, (25 * n) / 16, 16), referenceAt(16)));
    }
    const orders = errors.slice(1).map((e, i) => Math.log2(errors[i]! / e));
    console.log(
      `Burgers upwind vs spectral (on the 16² points): N = ${sizes.join(', ')} → ${errors.map((e) => e.toExponential(2)).join(', ')}; observed orders ${orders.map((p) => p.toFixed(2)).join(', ')}`,
    );
    for (const p of orders) {
      expect(p).toBeGreaterThan(0.8);
      expect(p).toBeLessThan(1.2);
    }
  });
});
