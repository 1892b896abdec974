import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSpecContract } from '../testing/specContract';
import { waveSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('waveSpec', () => {
  it('keeps the PdeSpec contract for all three schemes', async () => {
    await expectSpecContract(waveSpec);
    expect(waveSpec.schemes.map((s) => s.id)).toEqual(['spectral', 'leapfrog', 'fd-exact']);
  });

  it("describes the damped wave on [−1, 1]² with state (u, u_t) and DINo's c and frame interval", () => {
    expect(waveSpec.id).toBe('wave');
    expect(waveSpec.channels).toEqual(['u', 'u_t']);
    expect(waveSpec.domain).toEqual({ length: 2, origin: -1 });
    expect(waveSpec.params.c).toMatchObject({ key: 'c', min: 0.01, max: 2, default: 1 / 16 });
    expect(waveSpec.params.gamma).toMatchObject({ key: 'gamma', min: 0, max: 2, default: 0 });
    expect(waveSpec.defaultRecordInterval).toBe(0.25);
    expect(waveSpec.defaultDt).toBe(1e-3);
  });

  it('makes the spectral and fd-exact schemes exact and limits leapfrog to cΔt/Δx ≤ 1/√2', async () => {
    const setup = {
      grid: { n: 32, length: 2, origin: -1 },
      batch: 2,
      coefficients: { c: Float32Array.of(0.5, 1), gamma: Float32Array.of(0, 0.1) },
      options: {},
    };
    const state = tf.zeros([2, 32, 32, 2]) as tf.Tensor4D;
    for (const scheme of ['spectral', 'fd-exact']) {
      const solver = waveSpec.createSolver({ ...setup, scheme });
      expect(solver.exact).toBe(true);
      expect(await solver.stableDt(state)).toBe(Infinity);
      solver.dispose();
    }
    const leapfrog = waveSpec.createSolver({ ...setup, scheme: 'leapfrog' });
    expect(leapfrog.exact).toBe(false);
    expect(await leapfrog.stableDt(state)).toBeCloseTo(1 / 16 / Math.SQRT2, 10);
    leapfrog.dispose();
    state.dispose();
  });
});
