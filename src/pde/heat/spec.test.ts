import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { heatSpec } from './spec';
import { expectSpecContract } from '../testing/specContract';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('heatSpec', () => {
  it('keeps the PdeSpec contract for both schemes', async () => {
    await expectSpecContract(heatSpec);
    expect(heatSpec.schemes.map((s) => s.id)).toEqual(['spectral', 'ftcs']);
  });

  it('describes u_t = νΔu on [−1, 1]² with MAE-PDE’s ν range and frame interval', () => {
    expect(heatSpec.id).toBe('heat');
    expect(heatSpec.channels).toEqual(['u']);
    expect(heatSpec.domain).toEqual({ length: 2, origin: -1 });
    expect(heatSpec.params.nu).toMatchObject({ key: 'nu', min: 1e-4, max: 0.1, default: 0.01 });
    expect(heatSpec.params.nu.help).toMatch(/0\.002.*0\.02/);
    expect(heatSpec.defaultRecordInterval).toBe(0.02);
  });

  it('gives the exact spectral scheme and the stability-limited FTCS scheme', async () => {
    const setup = {
      grid: { n: 32, length: 2, origin: -1 },
      batch: 2,
      coefficients: { nu: Float32Array.of(0.01, 0.05) },
      options: {},
    };
    const state = tf.zeros([2, 32, 32, 1]) as tf.Tensor4D;
    const spectral = heatSpec.createSolver({ ...setup, scheme: 'spectral' });
    expect(spectral.exact).toBe(true);
    expect(await spectral.stableDt(state)).toBe(Infinity);
    const ftcs = heatSpec.createSolver({ ...setup, scheme: 'ftcs' });
    expect(ftcs.exact).toBe(false);
    expect(await ftcs.stableDt(state)).toBeCloseTo((1 / 16) ** 2 / (4 * 0.05), 6);
    state.dispose();
    spectral.dispose();
    ftcs.dispose();
  });
});
