import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkValue, defaults } from '../../schema/params';
import { trajectorySeeds } from '../random';
import { INITIAL_CONDITION_IDS, INITIAL_CONDITIONS, generateInitialCondition } from './registry';
import { initialConditionTensor } from './tensor';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const grid = { n: 16, length: 1, origin: 0 };

describe('initial condition registry', () => {
  it.each(INITIAL_CONDITION_IDS)('%s is complete and generates finite data', (id) => {
    const spec = INITIAL_CONDITIONS[id];
    expect(spec.id).toBe(id);
    expect(spec.label.length).toBeGreaterThan(0);
    expect(spec.explanation.length).toBeGreaterThan(0);
    for (const param of Object.values(spec.params)) {
      expect(checkValue(param, param.default).ok).toBe(true);
    }
    const data = generateInitialCondition(id, { grid, seeds: [1, 2, 3] });
    expect(data).toHaveLength(3 * 16 * 16 * spec.channels);
    expect(data.every(Number.isFinite)).toBe(true);
    expect(data.some((v) => v !== 0)).toBe(true);
  });

  it('uses keys that are unique across all initial conditions', () => {
    const keys = INITIAL_CONDITION_IDS.flatMap((id) =>
      Object.values(INITIAL_CONDITIONS[id].params).map((p) => p.key),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fills params from defaults and rejects bad ones', () => {
    const seeds = trajectorySeeds(1, 0, 2);
    const explicit = generateInitialCondition('gaussian-random-field', {
      grid,
      seeds,
      params: defaults(INITIAL_CONDITIONS['gaussian-random-field'].params),
    });
    expect(generateInitialCondition('gaussian-random-field', { grid, seeds })).toEqual(explicit);
    expect(() =>
      generateInitialCondition('gaussian-random-field', { grid, seeds, params: { alpha: -1 } }),
    ).toThrow(/α/);
    expect(() => generateInitialCondition('nope', { grid, seeds })).toThrow(/unknown/);
    expect(() => generateInitialCondition('ring', { grid, seeds: [0.5] })).toThrow(RangeError);
  });

  it('fits the equation’s channels: zeros, repeats or truncation', () => {
    const seeds = [4];
    const one = generateInitialCondition('random-sines', { grid, seeds });
    const zeros = generateInitialCondition('random-sines', { grid, seeds, channels: 2 });
    const copies = generateInitialCondition('random-sines', {
      grid,
      seeds,
      channels: 2,
      fill: 'repeat',
    });
    for (let p = 0; p < 16 * 16; p++) {
      expect(zeros[2 * p]).toBe(one[p]);
      expect(zeros[2 * p + 1]).toBe(0);
      expect(copies[2 * p + 1]).toBe(one[p]);
    }
    const bump = generateInitialCondition('gaussian-bump', { grid, seeds });
    const bumpU = generateInitialCondition('gaussian-bump', { grid, seeds, channels: 1 });
    expect(bumpU).toEqual(bump.filter((_, i) => i % 2 === 0));
  });

  it('uploads a [B, N, N, C] tensor with the same numbers', async () => {
    const request = { grid, seeds: [5, 6] };
    const tensor = initialConditionTensor('gaussian-bump', request);
    expect(tensor.shape).toEqual([2, 16, 16, 2]);
    expect(await tensor.data()).toEqual(generateInitialCondition('gaussian-bump', request));
    tensor.dispose();
  });
});
