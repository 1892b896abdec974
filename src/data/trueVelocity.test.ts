import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_FLOW_SEED, swirlVelocityField } from '../pde/swirl/flow';
import { createTransportSolver } from '../pde/swirl/solver';
import { relativeL2 } from '../pde/testing/fields';
import { generateDataset, type GenerateRequest } from './generate';
import { trueVelocity } from './trueVelocity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const request: GenerateRequest = {
  pde: 'swirl',
  count: 3,
  n: 32,
  frames: 2,
  dt: 0.005,
  recordInterval: 0.02,
  scheme: 'spectral',
  coefficients: { speed: [0.3, 0.9], modes: 2, flowSeed: [0, MAX_FLOW_SEED] },
  options: {},
  initialCondition: 'gaussian-blobs',
  seed: 5,
  batchSize: 2,
};

describe('the true velocity of a swirl dataset', () => {
  it('draws a whole-number flow seed per trajectory and rebuilds the flow that moved the data', async () => {
    const dataset = await generateDataset(request);
    const meta = {
      equation: 'swirl',
      grid: dataset.grid,
      times: dataset.times,
      coefficients: dataset.coefficients,
    };
    const seeds = dataset.coefficients.flowSeed!;
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s <= MAX_FLOW_SEED)).toBe(true);
    expect(new Set(seeds).size).toBe(3);
    const frame = 32 * 32;
    for (let i = 0; i < 3; i++) {
      // Frame 1 is frame 0 moved by this velocity, and not by another trajectory's.
      const start = dataset.data.slice(2 * i * frame, (2 * i + 1) * frame);
      const end = dataset.data.slice((2 * i + 1) * frame, (2 * i + 2) * frame);
      const advance = async (velocity: { u: Float32Array; v: Float32Array }) => {
        const solver = createTransportSolver(dataset.grid, velocity);
        let state = tf.tensor4d(start, [1, 32, 32, 1]);
        for (let s = 0; s < 4; s++) {
          const next = solver.advance(state, 0.005);
          state.dispose();
          state = next;
        }
        const out = await state.data();
        state.dispose();
        solver.dispose();
        return out;
      };
      expect(relativeL2(await advance(trueVelocity(meta, i)), end)).toBeLessThan(1e-6);
      expect(relativeL2(await advance(trueVelocity(meta, (i + 1) % 3)), end)).toBeGreaterThan(1e-3);
    }
  });

  it('is a pure function of the stored coefficients, in physical units or cells per frame', () => {
    const grid = { n: 16, length: 1, origin: 0 };
    const meta = {
      equation: 'swirl',
      grid,
      times: [0, 0.02, 0.04],
      coefficients: { speed: [0.5, 0.7], modes: [2, 3], flowSeed: [12, 13] },
    };
    const physical = trueVelocity(meta, 1);
    expect(physical).toEqual(
      swirlVelocityField({ speed: Math.fround(0.7), modes: 3, flowSeed: 13 }, grid),
    );
    const cells = trueVelocity(meta, 1, 'cells-per-frame');
    for (let p = 0; p < 256; p += 31) {
      expect(cells.u[p]).toBeCloseTo(physical.u[p]! * 0.02 * 16, 6);
      expect(cells.v[p]).toBeCloseTo(physical.v[p]! * 0.02 * 16, 6);
    }
  });

  it('refuses trajectories of other equations', () => {
    const grid = { n: 8, length: 1, origin: 0 };
    const times = [0, 1];
    expect(() => trueVelocity({ equation: 'heat', grid, times, coefficients: {} }, 0)).toThrow(
      /only the swirl/,
    );
    const mix = {
      equation: 'mix',
      grid,
      times,
      coefficients: { speed: [NaN, 1], modes: [NaN, 1], flowSeed: [NaN, 1] },
      mix: {
        components: [
          { equation: 'heat', scheme: 'spectral', channels: ['u'], weight: 1 },
          { equation: 'swirl', scheme: 'spectral', channels: ['u'], weight: 1 },
        ],
        index: [0, 1],
      },
    };
    expect(() => trueVelocity(mix, 0)).toThrow(/"heat"/);
    expect(trueVelocity(mix, 1).u).toHaveLength(64);
  });
});

describe('whole-number coefficients', () => {
  it('refuses a fractional range for a whole-number coefficient', async () => {
    await expect(
      generateDataset({ ...request, count: 1, coefficients: { flowSeed: [0.5, 3] } }),
    ).rejects.toThrow(/Flow seed takes whole numbers/);
  });
});
