import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { AUGMENTATIONS } from './registry';
import { asTransform, commutationError, metaOf, smoothField, type Run } from './testHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const measured: Record<string, number> = {};
afterAll(() => {
  if (import.meta.env.VITE_AUGMENT_REPORT) console.log(JSON.stringify(measured, null, 1));
});

const box = { n: 32, length: 2, origin: -1 };
const base = { grid: box, scheme: 'spectral', frames: 3, interval: 0.1, dt: 0.1 };
const runs: Record<'heat' | 'wave' | 'advection', Run> = {
  heat: { ...base, pde: 'heat', coefficients: { nu: 0.02 } },
  wave: { ...base, pde: 'wave', coefficients: { c: 0.5, gamma: 0.3 } },
  advection: { ...base, pde: 'advection', coefficients: { ax: 1, ay: 0.4 } },
};
const channels = { heat: 1, wave: 2, advection: 1 };
// The spectral schemes are exact, so only float32 round-off separates the two paths.
const TOLERANCE = 1e-4;

describe.each(['heat', 'wave', 'advection'] as const)('%s augmentations', (pde) => {
  const run = runs[pde];
  const initial = smoothField(box, channels[pde], 11);
  const meta = metaOf(run, [0, 0.1, 0.2]);
  for (const augmentation of AUGMENTATIONS[pde]) {
    if (augmentation.id === 'time-reverse') continue;
    it(`${augmentation.id} commutes with the solver`, async () => {
      const params = augmentation.sample(createRng(3), meta);
      const error = await commutationError(run, initial, asTransform(augmentation, params));
      measured[`${pde}/${augmentation.id}`] = error;
      expect(error).toBeLessThan(TOLERANCE);
    });
  }
});

describe('wave time reversal', () => {
  const run: Run = { ...runs.wave, coefficients: { c: 0.5, gamma: 0 }, frames: 4 };
  const reverse = AUGMENTATIONS.wave.find((a) => a.id === 'time-reverse')!;

  it('commutes with the undamped solver', async () => {
    const error = await commutationError(run, smoothField(box, 2, 5), asTransform(reverse));
    measured['wave/time-reverse'] = error;
    expect(error).toBeLessThan(TOLERANCE);
  });

  it('is refused with damping, which it would turn into anti-damping', () => {
    const meta = metaOf(runs.wave, [0, 0.1]);
    expect(reverse.unavailable(meta)).toMatch(/damping/);
    expect(() => reverse.apply(new Float32Array(2 * 32 * 32 * 2), meta)).toThrow(/not a symmetry/);
  });
});

describe('advection D4 without the velocity transformed', () => {
  it('is far from a solution (the test can fail)', async () => {
    const rot90 = AUGMENTATIONS.advection.find((a) => a.id === 'rot90')!;
    const keepVelocity = asTransform(rot90);
    const error = await commutationError(runs.advection, smoothField(box, 1, 11), (t, m) => ({
      ...keepVelocity(t, m),
      coefficients: { ...m.coefficients },
    }));
    measured['advection/rot90 keeping (ax, ay)'] = error;
    expect(error).toBeGreaterThan(0.05);
  });
});

describe('swirl augmentations', () => {
  const unitBox = { n: 16, length: 1, origin: 0 };
  const run: Run = {
    pde: 'swirl',
    scheme: 'spectral',
    grid: unitBox,
    coefficients: { speed: 0.5, modes: 2, flowSeed: 3 },
    frames: 3,
    interval: 0.02,
    dt: 0.01,
  };
  const meta = metaOf(run, [0, 0.02, 0.04]);

  it('are only the amplitude and the offset: shifts and turns would move the fixed flow', () => {
    expect(AUGMENTATIONS.swirl.map((a) => a.id)).toEqual(['amplitude', 'offset']);
  });

  it.each(AUGMENTATIONS.swirl.map((a) => [a.id, a] as const))(
    '%s commutes with the solver',
    async (id, augmentation) => {
      const params = augmentation.sample(createRng(3), meta);
      const error = await commutationError(
        run,
        smoothField(unitBox, 1, 11),
        asTransform(augmentation, params),
      );
      measured[`swirl/${id}`] = error;
      expect(error).toBeLessThan(TOLERANCE);
    },
  );
});
