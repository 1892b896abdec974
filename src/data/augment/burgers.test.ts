import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridSpacing } from '../../pde/grid';
import { createRng } from '../../pde/random';
import { mapTrajectory } from './gridMap';
import { AUGMENTATIONS } from './registry';
import { asTransform, commutationError, metaOf, smoothField, type Run } from './testHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const measured: Record<string, number> = {};
afterAll(() => {
  if (import.meta.env.VITE_AUGMENT_REPORT) console.log(JSON.stringify(measured, null, 1));
});

const grid = { n: 32, length: 2, origin: -1 };
// Unequal weights, so a transpose that forgot to swap cx ↔ cy would show.
const run: Run = {
  pde: 'burgers',
  scheme: 'spectral',
  grid,
  coefficients: { nu: 0.02, cx: 0.9, cy: 0.5 },
  frames: 3,
  interval: 0.05,
  dt: 0.01,
};
const initial = smoothField(grid, 2, 21, 0.6);
const meta = metaOf(run, [0, 0.05, 0.1]);
// IF-RK4 in time: the boosted and rotated runs see different advection terms, so their
// truncation errors differ slightly; 1e-4 is far below the 0.1+ of a non-symmetry.
const TOLERANCE = 1e-4;

describe('burgers augmentations', () => {
  for (const augmentation of AUGMENTATIONS.burgers) {
    it(`${augmentation.id} commutes with the pseudo-spectral solver`, async () => {
      const params = augmentation.sample(createRng(5), meta);
      const error = await commutationError(run, initial, asTransform(augmentation, params));
      measured[`burgers/${augmentation.id}`] = error;
      expect(error).toBeLessThan(TOLERANCE);
    });
  }

  it('a boost without the +ε (MAE-PDE’s shift-only variant) is not a symmetry', async () => {
    const [ex, ey] = [0.4, -0.3];
    const h = gridSpacing(grid);
    const shiftOnly = (trajectory: Float32Array, m: typeof meta) => ({
      trajectory: mapTrajectory(
        trajectory,
        { frames: m.times.length, n: grid.n, channels: 2 },
        {
          gather: [1, 0, 0, 1],
          offset: (k) => [(-0.9 * ex * m.times[k]!) / h, (-0.5 * ey * m.times[k]!) / h],
          channelMatrix: [1, 0, 0, 1],
          channelOffset: [0, 0],
          nyquist: 'keep',
        },
      ),
      coefficients: { ...m.coefficients },
      times: [...m.times],
    });
    const error = await commutationError(run, initial, shiftOnly);
    measured['burgers/boost without +ε'] = error;
    expect(error).toBeGreaterThan(0.05);
  });

  it('a transpose that keeps (cx, cy) is not a symmetry', async () => {
    const transpose = asTransform(AUGMENTATIONS.burgers.find((a) => a.id === 'transpose')!);
    const error = await commutationError(run, initial, (t, m) => ({
      ...transpose(t, m),
      coefficients: { ...m.coefficients },
    }));
    measured['burgers/transpose keeping (cx, cy)'] = error;
    expect(error).toBeGreaterThan(0.01);
  });
});
