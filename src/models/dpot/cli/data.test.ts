import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dpotEquationRequest,
  dpotEquationSet,
  dpotEquationSources,
  DPOT_NS_RECORD_INTERVAL,
  trajectoryRange,
} from './data';

const SIZES = { count: 2, grid: 16, frames: 4, seed: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function relativeDifference(a: Float32Array, b: Float32Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

describe('DPOT data', () => {
  it('builds each equation with its channels, and NS with its viscosity and record interval', async () => {
    const burgers = await dpotEquationSet('burgers', SIZES);
    expect(burgers.shape).toEqual([2, 4, 16, 16, 2]);
    const ns = dpotEquationRequest('ns-1e-4', SIZES);
    expect(ns.coefficients.nu).toBe(1e-4);
    expect(ns.recordInterval).toBe(DPOT_NS_RECORD_INTERVAL);
    expect(ns.initialCondition).toBe('gaussian-random-field');
    expect(dpotEquationRequest('heat', SIZES).initialCondition).toBe('random-sines');
  });

  it('reproduces a seed, and the two viscosities give different flows', async () => {
    const [a, b, thin] = await Promise.all([
      dpotEquationSet('ns-1e-3', SIZES),
      dpotEquationSet('ns-1e-3', SIZES),
      dpotEquationSet('ns-1e-4', SIZES),
    ]);
    expect(a.shape).toEqual([2, 4, 16, 16, 1]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const first = trajectoryRange(a, 0, 1);
    // The same seed starts both viscosities from the same field; the flows then part.
    expect(trajectoryRange(thin, 0, 1).data.subarray(0, 256)).toEqual(first.data.subarray(0, 256));
    expect(relativeDifference(thin.data, a.data)).toBeGreaterThan(1e-3);
  });

  it('gives every source its own seed and weight', async () => {
    const sources = await dpotEquationSources(['heat', 'advection'], SIZES, { advection: 2 });
    expect(sources.map((s) => s.weight)).toEqual([undefined, 2]);
    const [heat, advection] = sources.map((s) => s.set);
    expect(
      relativeDifference(heat!.data.subarray(0, 256), advection!.data.subarray(0, 256)),
    ).toBeGreaterThan(0.1);
    await expect(dpotEquationSources(['heat', 'heat'], SIZES)).rejects.toThrow(/once/);
  });

  it('cuts trajectories without copying, and refuses ones that do not exist', () => {
    const set = { data: new Float32Array(3 * 8), shape: [3, 2, 2, 2, 1] as const };
    const part = trajectoryRange(set, 1, 2);
    expect(part.shape).toEqual([2, 2, 2, 2, 1]);
    expect(part.data.buffer).toBe(set.data.buffer);
    expect(part.data.byteOffset).toBe(8 * 4);
    expect(() => trajectoryRange(set, 2, 2)).toThrow(/holds 3/);
  });
});
