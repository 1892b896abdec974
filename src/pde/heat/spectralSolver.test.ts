import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../grid';
import { createHeatSpectralSolver } from './spectralSolver';
import {
  relativeL2,
  sampleModes,
  trajectoryChannel,
  wavenumberSquared,
  type CosineMode,
} from '../testing/fields';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid: Grid = { n: 64, length: 2, origin: -1 };
const n = grid.n;
const modes: CosineMode[] = [
  { amplitude: 1, mx: 1, my: 2, phase: 0.3 },
  { amplitude: 0.5, mx: -5, my: 3, phase: -1.1 },
];
const nu = Float32Array.of(0.002, 0.01, 0.05);

function initialState(): tf.Tensor4D {
  const u0 = Float32Array.from(sampleModes(grid, modes));
  const data = new Float32Array(nu.length * n * n);
  for (let b = 0; b < nu.length; b++) data.set(u0, b * n * n);
  return tf.tensor4d(data, [nu.length, n, n, 1]);
}

const exactAt = (nuB: number, t: number) =>
  sampleModes(grid, modes, (mode) => Math.exp(-nuB * wavenumberSquared(grid, mode) * t));

describe('heat, spectral propagator', () => {
  it('decays each Fourier mode as e^{−ν|k|²t}, per trajectory (rel. L2 ≤ 1e-5)', async () => {
    const solver = createHeatSpectralSolver(grid, nu);
    expect(solver.exact).toBe(true);
    expect(await solver.stableDt(initialState())).toBe(Infinity);
    const u0 = initialState();
    let worst = 0;
    // By t = 2 the ν = 0.05 field is down to 0.6% of its start: still far above round-off.
    for (const t of [0.05, 0.5, 2]) {
      const u = solver.advance(u0, t);
      const data = await u.data();
      for (let b = 0; b < nu.length; b++) {
        worst = Math.max(worst, relativeL2(trajectoryChannel(data, b, n), exactAt(nu[b]!, t)));
      }
      u.dispose();
    }
    console.info('heat spectral worst rel. L2', worst);
    expect(worst).toBeLessThan(1e-5);
    u0.dispose();
    solver.dispose();
  });

  it('composes: 25 jumps of 0.08 give the t = 2 solution (rel. L2 ≤ 1e-5)', async () => {
    const solver = createHeatSpectralSolver(grid, nu);
    let u = initialState();
    const before = tf.memory().numTensors;
    for (let s = 0; s < 25; s++) {
      const next = solver.advance(u, 0.08);
      u.dispose();
      u = next;
    }
    expect(tf.memory().numTensors).toBe(before);
    const data = await u.data();
    for (let b = 0; b < nu.length; b++) {
      expect(relativeL2(trajectoryChannel(data, b, n), exactAt(nu[b]!, 2))).toBeLessThan(1e-5);
    }
    u.dispose();
    solver.dispose();
  });

  it('frees all of its tensors on dispose', () => {
    const before = tf.memory().numTensors;
    const solver = createHeatSpectralSolver(grid, nu);
    const u0 = initialState();
    const u1 = tf.tidy(() => solver.advance(u0, 0.1));
    tf.dispose([u0, u1]);
    solver.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
