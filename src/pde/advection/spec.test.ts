import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSpecContract } from '../testing/specContract';
import { advectionSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('advectionSpec', () => {
  it('keeps the PdeSpec contract', async () => {
    await expectSpecContract(advectionSpec);
    expect(advectionSpec.schemes.map((s) => s.id)).toEqual(['spectral']);
  });

  it('describes u_t + a·∇u = 0 on [−1, 1]², noting the sign of MAE-PDE’s data', () => {
    expect(advectionSpec.id).toBe('advection');
    expect(advectionSpec.channels).toEqual(['u']);
    expect(advectionSpec.domain).toEqual({ length: 2, origin: -1 });
    expect(advectionSpec.params.ax).toMatchObject({ key: 'ax', min: -2.5, max: 2.5, default: 1 });
    expect(advectionSpec.params.ay).toMatchObject({ key: 'ay', min: -2.5, max: 2.5, default: 0.5 });
    expect(advectionSpec.params.ax.help).toMatch(/0\.1, 2\.5.*u0\(x − at\)/);
    expect(advectionSpec.defaultRecordInterval).toBe(0.02);
  });
});
