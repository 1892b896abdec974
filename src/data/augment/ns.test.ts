import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { AUGMENTATIONS, availableAugmentations, findAugmentation } from './registry';
import { asTransform, commutationError, metaOf, smoothField, type Run } from './testHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const measured: Record<string, number> = {};
afterAll(() => {
  if (import.meta.env.VITE_AUGMENT_REPORT) console.log(JSON.stringify(measured, null, 1));
});

const grid = { n: 32, length: 1, origin: 0 };
const runFor = (forcing: string): Run => ({
  pde: 'ns',
  scheme: 'ifrk4',
  grid,
  coefficients: { nu: 0.005 },
  options: { forcing },
  frames: 3,
  interval: 0.05,
  dt: 0.025,
});
// Vorticity of order 10: the flow turns over in ~0.1, so the nonlinearity matters.
const initial = smoothField(grid, 1, 31, 10);
// FNO's forcing is only 0.1: a weak field lets it show within a short run.
const weak = smoothField(grid, 1, 31, 0.2);
const TOLERANCE = 1e-4;

const expectedIds = {
  none: AUGMENTATIONS.ns.map((a) => a.id),
  fno: ['roll', 'shift', 'rot180', 'transpose', 'antitranspose'],
  kolmogorov: ['roll', 'shift', 'rot180', 'flip-x', 'flip-y'],
};

describe.each(['fno', 'kolmogorov', 'none'] as const)('ns augmentations, forcing %s', (forcing) => {
  const run = runFor(forcing);
  const meta = metaOf(run, [0, 0.05, 0.1]);

  it('lists exactly the forcing-preserving maps', () => {
    expect(availableAugmentations('ns', meta).map((a) => a.id)).toEqual(expectedIds[forcing]);
  });

  for (const id of expectedIds[forcing]) {
    it(`${id} commutes with the solver`, async () => {
      const augmentation = findAugmentation('ns', id);
      const params = augmentation.sample(createRng(9), meta);
      const error = await commutationError(run, initial, asTransform(augmentation, params));
      measured[`ns-${forcing}/${id}`] = error;
      expect(error).toBeLessThan(TOLERANCE);
    });
  }
});

/** Applies a map as if there were no forcing, to data made with one: not a symmetry. */
async function ignoringForcing(forcing: string, id: string, params?: Record<string, number>) {
  const plain = asTransform(findAugmentation('ns', id), params);
  return commutationError(runFor(forcing), forcing === 'fno' ? weak : initial, (t, m) =>
    plain(t, { ...m, options: { forcing: 'none' } }),
  );
}

describe('ns non-symmetries (the tests can fail)', () => {
  it('a (7 px, 0) shift under FNO forcing', async () => {
    const error = await ignoringForcing('fno', 'roll', { ix: 7, iy: 0 });
    measured['ns-fno/roll (7, 0)'] = error;
    expect(error).toBeGreaterThan(0.01);
  });

  it('rot90 under FNO forcing and under Kolmogorov forcing', async () => {
    const fno = await ignoringForcing('fno', 'rot90');
    const kolmogorov = await ignoringForcing('kolmogorov', 'rot90');
    measured['ns-fno/rot90'] = fno;
    measured['ns-kolmogorov/rot90'] = kolmogorov;
    expect(fno).toBeGreaterThan(0.01);
    expect(kolmogorov).toBeGreaterThan(0.01);
  });

  it('flip-x without the Kolmogorov half-period shift', async () => {
    const error = await ignoringForcing('kolmogorov', 'flip-x');
    measured['ns-kolmogorov/flip-x unshifted'] = error;
    expect(error).toBeGreaterThan(0.01);
  });

  it('a reflection that keeps the sign of ω (no forcing)', async () => {
    const flip = asTransform(findAugmentation('ns', 'flip-x'));
    const error = await commutationError(runFor('none'), initial, (t, m) => {
      const result = flip(t, m);
      return { ...result, trajectory: result.trajectory.map((v) => -v) };
    });
    measured['ns-none/flip-x keeping the sign'] = error;
    expect(error).toBeGreaterThan(0.01);
  });
});
