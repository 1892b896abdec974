import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDE_CATALOG } from '../catalog';
import { datasetInitialCondition } from '../initial/registry';
import { pdeSpec } from '../registry';
import { expectSpecContract } from '../testing/specContract';
import { swirlVelocityField } from './flow';
import { swirlSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid = { n: 16, length: 1, origin: 0 };
const coefficients = {
  speed: Float32Array.of(0.5, 1),
  modes: Float32Array.of(2, 3),
  flowSeed: Float32Array.of(7, 16777215),
};
const setup = { grid, scheme: 'spectral', batch: 2, coefficients, options: {} };

describe('swirlSpec', () => {
  it('keeps the PdeSpec contract and is registered', async () => {
    await expectSpecContract(swirlSpec);
    expect(pdeSpec('swirl')).toBe(swirlSpec);
    expect(PDE_CATALOG.swirl.title).toBe(swirlSpec.title);
    expect(datasetInitialCondition('swirl')).toBe('gaussian-blobs');
    expect(swirlSpec.defaultInitialCondition).toBe('gaussian-blobs');
  });

  it('describes transport on the periodic unit square, with whole-number flow settings', () => {
    expect(swirlSpec.domain).toEqual({ length: 1, origin: 0 });
    expect(swirlSpec.channels).toEqual(['u']);
    expect(swirlSpec.params.flowSeed).toMatchObject({ integer: true, min: 0, max: 2 ** 24 - 1 });
    expect(swirlSpec.params.flowSeed.datasetRange).toEqual([0, 2 ** 24 - 1]);
    expect(swirlSpec.params.modes).toMatchObject({ integer: true, min: 1, max: 4, default: 2 });
    expect(swirlSpec.measures.map((m) => m.id)).toEqual(['mass', 'energy']);
  });

  it('reports each trajectory’s true velocity as [B, N, N, 2] (a_x, a_y)', async () => {
    const state = tf.zeros([2, 16, 16, 1]) as tf.Tensor4D;
    const velocity = swirlSpec.velocity!(state, setup);
    expect(velocity.shape).toEqual([2, 16, 16, 2]);
    const data = await velocity.data();
    for (const b of [0, 1]) {
      const truth = swirlVelocityField(
        {
          speed: coefficients.speed[b]!,
          modes: coefficients.modes[b]!,
          flowSeed: coefficients.flowSeed[b]!,
        },
        grid,
      );
      for (let p = 0; p < 256; p++) {
        expect(data[(b * 256 + p) * 2]).toBe(truth.u[p]);
        expect(data[(b * 256 + p) * 2 + 1]).toBe(truth.v[p]);
      }
    }
    tf.dispose([state, velocity]);
  });

  it('measures the mean and half the mean square', async () => {
    const values = Float32Array.from({ length: 2 * 256 }, (_, i) => (i < 256 ? 1 : Math.sin(i)));
    const state = tf.tensor4d(values, [2, 16, 16, 1]);
    const measure = swirlSpec.measure(state, setup);
    const measured = await measure.data();
    let mean = 0;
    let square = 0;
    for (let p = 256; p < 512; p++) {
      mean += values[p]! / 256;
      square += values[p]! ** 2 / 512;
    }
    expect(measured[0]).toBeCloseTo(1, 6);
    expect(measured[1]).toBeCloseTo(0.5, 6);
    expect(measured[2]).toBeCloseTo(mean, 6);
    expect(measured[3]).toBeCloseTo(square, 6);
    tf.dispose([state, measure]);
  });
});
