import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridSpacing, type Grid } from '../grid';
import {
  observedOrders,
  relativeL2,
  sampleModes,
  trajectoryChannel,
  type CosineMode,
} from '../testing/fields';
import { laplacian5Symbol } from '../stencils';
import { createWaveLeapfrogSolver } from './leapfrogSolver';
import { createWavePropagatorSolver } from './propagatorSolver';
import { run, waveState } from './testState';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 32² keeps these many-step tests quick on the CPU backend, whose strided slices are slow.
const grid: Grid = { n: 32, length: 2, origin: -1 };
const n = grid.n;
const h = gridSpacing(grid);
const modes: CosineMode[] = [
  { amplitude: 1, mx: 1, my: 2, phase: 0.3 },
  { amplitude: 0.5, mx: -3, my: 1, phase: -1.1 },
];

describe('wave, leapfrog (Störmer–Verlet, 5-point)', () => {
  it('is second order in time against the exact-in-time 5-point solution, damped or not', async () => {
    const coefficients = { c: Float32Array.of(1.5, 1.5), gamma: Float32Array.of(0, 0.8) };
    const initial = waveState(grid, [
      [sampleModes(grid, modes), sampleModes(grid, modes.slice(0, 1))],
      [sampleModes(grid, modes), sampleModes(grid, modes.slice(0, 1))],
    ]);
    const t = 0.5;
    const exactSolver = createWavePropagatorSolver(grid, coefficients, laplacian5Symbol(grid));
    const exact = exactSolver.advance(initial, t);
    const exactData = await exact.data();
    const leapfrog = createWaveLeapfrogSolver(grid, coefficients);
    const errors: number[][] = [[], []];
    for (const steps of [25, 50, 100]) {
      const state = run(leapfrog.advance, initial, t / steps, steps);
      const data = await state.data();
      state.dispose();
      for (let b = 0; b < 2; b++) {
        // u and u_t together
        const got = [0, 1].flatMap((ch) => Array.from(trajectoryChannel(data, b, n, 2, ch)));
        const want = [0, 1].flatMap((ch) => Array.from(trajectoryChannel(exactData, b, n, 2, ch)));
        errors[b]!.push(relativeL2(got, want));
      }
    }
    for (const perTrajectory of errors) {
      const orders = observedOrders(perTrajectory);
      console.info('wave leapfrog temporal errors', perTrajectory, 'orders', orders);
      for (const order of orders) expect(Math.abs(order - 2)).toBeLessThan(0.05);
    }
    tf.dispose([initial, exact]);
    exactSolver.dispose();
    leapfrog.dispose();
  });

  it('reports Δt = Δx/(√2·c_max): a checkerboard explodes beyond it and stays bounded within', async () => {
    const coefficients = { c: Float32Array.of(0.5, 2), gamma: Float32Array.of(0, 0) };
    const solver = createWaveLeapfrogSolver(grid, coefficients);
    const checkerboard = Float64Array.from({ length: n * n }, (_, i) =>
      (Math.floor(i / n) + (i % n)) % 2 === 0 ? 1 : -1,
    );
    const zeros = new Float64Array(n * n);
    const initial = waveState(grid, [
      [checkerboard, zeros],
      [checkerboard, zeros],
    ]);
    const limit = await solver.stableDt(initial);
    expect(limit).toBeCloseTo(h / (Math.SQRT2 * 2), 12);
    const peakU = async (dt: number, steps: number) => {
      const state = run(solver.advance, initial, dt, steps);
      const peak = tf.tidy(
        () => state.slice([1, 0, 0, 0], [1, n, n, 1]).abs().max().dataSync()[0]!,
      );
      state.dispose();
      return peak;
    };
    // at 1.1× the limit the checkerboard is multiplied by about −2.4 per step
    expect(await peakU(1.1 * limit, 20)).toBeGreaterThan(1e6);
    expect(await peakU(0.9 * limit, 200)).toBeLessThan(1.01);
    initial.dispose();
    solver.dispose();
  });

  it('is unconditionally stable when every c is 0', async () => {
    const solver = createWaveLeapfrogSolver(grid, {
      c: Float32Array.of(0),
      gamma: Float32Array.of(1),
    });
    const state = tf.zeros([1, n, n, 2]) as tf.Tensor4D;
    expect(await solver.stableDt(state)).toBe(Infinity);
    state.dispose();
    solver.dispose();
  });

  it('leaks no tensors over many steps and frees its own on dispose', () => {
    const before = tf.memory().numTensors;
    const solver = createWaveLeapfrogSolver(grid, {
      c: Float32Array.of(0.5, 1),
      gamma: Float32Array.of(0, 0.5),
    });
    const initial = waveState(grid, [
      [sampleModes(grid, modes), new Float64Array(n * n)],
      [sampleModes(grid, modes), new Float64Array(n * n)],
    ]);
    const afterSetup = tf.memory().numTensors;
    tf.dispose(run(solver.advance, initial, 1e-3, 30));
    expect(tf.memory().numTensors).toBe(afterSetup);
    initial.dispose();
    solver.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
