import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPoints, type Grid } from '../grid';
import { blobsAt, blobsField, drawBlobs, type Blob } from '../initial/gaussianBlobs';
import { createRng } from '../random';
import { observedOrders, relativeL2 } from '../testing/fields';
import type { Solver } from '../types';
import {
  sampleVelocity,
  swirlFlow,
  swirlVelocityField,
  traceCharacteristic,
  type SwirlFlow,
  type SwirlFlowParams,
} from './flow';
import { createTransportSolver, transportStableDt } from './solver';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const box = { length: 1, origin: 0 };
const unitGrid = (n: number): Grid => ({ n, ...box });
const blobParams = { count: 4, radius: 0.06, radiusSpread: 0.04 };
const blobs: Blob[] = drawBlobs(createRng(2024), box, blobParams);

function uniformVelocity(grid: Grid, batch: number, ax: number, ay: number) {
  const cells = grid.n * grid.n;
  return {
    u: new Float32Array(batch * cells).fill(ax),
    v: new Float32Array(batch * cells).fill(ay),
  };
}

/** Runs `steps` steps of Δt from the blobs; returns the final field of trajectory 0. */
async function run(solver: Solver, grid: Grid, steps: number, dt: number, batch = 1) {
  const field = Float32Array.from(blobsField(grid, blobs));
  const data = new Float32Array(batch * field.length);
  for (let b = 0; b < batch; b++) data.set(field, b * field.length);
  let state = tf.tensor4d(data, [batch, grid.n, grid.n, 1]);
  for (let s = 0; s < steps; s++) {
    const next = solver.advance(state, dt);
    state.dispose();
    state = next;
  }
  const out = (await state.data()) as Float32Array;
  state.dispose();
  return out;
}

/** The exact solution u0(X(0; x, t)): characteristics traced back through the known flow. */
function characteristicReference(flow: SwirlFlow, grid: Grid, t: number): Float64Array {
  const { n } = grid;
  const xs = gridPoints(grid);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const [x, y] = traceCharacteristic(flow, grid, xs[i]!, xs[j]!, -t, 100);
      out[i * n + j] = blobsAt(blobs, grid, x, y);
    }
  return out;
}

const sums = (field: ArrayLike<number>, from = 0, to = field.length) => {
  let mass = 0;
  let energy = 0;
  for (let p = from; p < to; p++) {
    mass += field[p]!;
    energy += field[p]! ** 2;
  }
  return { mass, energy };
};

describe('swirl transport, pseudo-spectral RK4', () => {
  it('moves the blobs by exactly a·t with a uniform velocity, at fourth order in Δt', async () => {
    const grid = unitGrid(32);
    const [ax, ay] = [0.7, -0.4];
    const t = 0.2;
    const xs = gridPoints(grid);
    const exact = new Float64Array(32 * 32);
    for (let i = 0; i < 32; i++)
      for (let j = 0; j < 32; j++)
        exact[i * 32 + j] = blobsAt(blobs, grid, xs[i]! - ax * t, xs[j]! - ay * t);
    const solver = createTransportSolver(grid, uniformVelocity(grid, 1, ax, ay));
    const errors: number[] = [];
    for (const steps of [8, 16, 32])
      errors.push(relativeL2(await run(solver, grid, steps, t / steps), exact));
    solver.dispose();
    const orders = observedOrders(errors);
    console.info(
      'swirl uniform shift rel. L2 at Δt = 0.025, 0.0125, 0.00625:',
      errors,
      'orders',
      orders,
    );
    expect(errors[2]).toBeLessThan(1e-5);
    expect(orders[0]).toBeGreaterThan(3.5);
  });

  it('conserves mass to 1e-6 and Σu² to 1e-6 (relative) over 40 steps of a swirl', async () => {
    const grid = unitGrid(32);
    const flowParams: SwirlFlowParams = { speed: 1, modes: 3, flowSeed: 99 };
    const solver = createTransportSolver(grid, swirlVelocityField(flowParams, grid));
    const start = sums(blobsField(grid, blobs));
    const end = sums(await run(solver, grid, 40, 0.01));
    solver.dispose();
    const mass = Math.abs(end.mass / start.mass - 1);
    const energy = Math.abs(end.energy / start.energy - 1);
    console.info('swirl conservation over t = 0.4: mass', mass, 'Σu²', energy);
    expect(mass).toBeLessThan(1e-6);
    expect(energy).toBeLessThan(1e-6);
  });

  it('converges spectrally to the method-of-characteristics solution (rel. L2 ≤ 1e-5 at 64²)', async () => {
    const flowParams: SwirlFlowParams = { speed: 0.6, modes: 3, flowSeed: 5 };
    const flow = swirlFlow(flowParams);
    const t = 0.25;
    const errors: number[] = [];
    let moved = 0;
    for (const n of [16, 32, 64]) {
      const grid = unitGrid(n);
      const solver = createTransportSolver(grid, swirlVelocityField(flowParams, grid));
      const reference = characteristicReference(flow, grid, t);
      errors.push(relativeL2(await run(solver, grid, 25, t / 25), reference));
      if (n === 64) moved = relativeL2(blobsField(grid, blobs), reference);
      solver.dispose();
    }
    console.info('swirl vs characteristics at t = 0.25, n = 16, 32, 64:', errors, 'moved', moved);
    // The blobs really moved (the test can fail) ...
    expect(moved).toBeGreaterThan(0.3);
    // ... and the error falls faster than any power of h (measured 0.044, 1.3e-3, 1.5e-6).
    expect(errors[1]).toBeLessThan(errors[0]! / 10);
    expect(errors[2]).toBeLessThan(errors[1]! / 100);
    expect(errors[2]).toBeLessThan(1e-5);
  });

  it('moves each trajectory of a batch by its own flow', async () => {
    const grid = unitGrid(16);
    const flows = [1, 2].map((flowSeed) =>
      swirlVelocityField({ speed: 1, modes: 2, flowSeed }, grid),
    );
    const both = {
      u: Float32Array.from([...flows[0]!.u, ...flows[1]!.u]),
      v: Float32Array.from([...flows[0]!.v, ...flows[1]!.v]),
    };
    const batched = createTransportSolver(grid, both);
    const together = await run(batched, grid, 5, 0.01, 2);
    batched.dispose();
    for (const b of [0, 1]) {
      const alone = createTransportSolver(grid, flows[b]!);
      const single = await run(alone, grid, 5, 0.01);
      alone.dispose();
      const part = together.subarray(b * 256, (b + 1) * 256);
      expect(relativeL2(part, single)).toBeLessThan(1e-6);
    }
    expect(relativeL2(together.subarray(0, 256), together.subarray(256))).toBeGreaterThan(1e-3);
  });

  it('reports the RK4 limit 2√2/(πN/L·max(|a_x| + |a_y|)), and Infinity at rest', async () => {
    const grid = unitGrid(32);
    const velocity = uniformVelocity(grid, 2, 0.5, -0.25);
    velocity.u[32 * 32 + 3] = 1; // the second trajectory is faster somewhere
    const solver = createTransportSolver(grid, velocity);
    const state = tf.zeros([2, 32, 32, 1]) as tf.Tensor4D;
    expect(await solver.stableDt(state)).toBeCloseTo((2 * Math.SQRT2) / (Math.PI * 32 * 1.25), 10);
    expect(solver.exact).toBe(false);
    expect(transportStableDt(grid, uniformVelocity(grid, 1, 0, 0), 1)).toBe(Infinity);
    expect(() => solver.advance(state, 0)).toThrow(/time step/);
    tf.dispose(state);
    solver.dispose();
  });

  it('frees all of its tensors', async () => {
    const before = tf.memory().numTensors;
    const grid = unitGrid(16);
    const flow = sampleVelocity(swirlFlow({ speed: 1, modes: 2, flowSeed: 3 }), grid);
    const solver = createTransportSolver(grid, {
      u: Float32Array.from(flow.u),
      v: Float32Array.from(flow.v),
    });
    await run(solver, grid, 2, 0.01);
    solver.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
