import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAE_PRESETS } from './config';
import { equationGroups, maeErrorsByGroup, pickTrajectories } from './evaluation';
import { createMae, type MaeModel } from './model';
import type { TrajectoryArray } from './windows';

const N = 6;
const T = 6;
const SIDE = 16;

/** Trajectory n is the constant field n + 1 with a travelling wave on top. */
function dataset(): TrajectoryArray {
  const data = new Float32Array(N * T * SIDE * SIDE);
  let i = 0;
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      for (let x = 0; x < SIDE; x++) {
        for (let y = 0; y < SIDE; y++) {
          data[i++] = n + 1 + 0.1 * Math.sin((2 * Math.PI * (x + y)) / SIDE + 0.3 * t);
        }
      }
    }
  }
  return { data, shape: [N, T, SIDE, SIDE, 1] };
}

const mix = {
  components: [
    { equation: 'heat', scheme: 'spectral', channels: ['u'], weight: 1 },
    { equation: 'advection', scheme: 'spectral', channels: ['u'], weight: 1 },
    { equation: 'wave', scheme: 'spectral', channels: ['u'], weight: 0 },
  ],
  index: [1, 0, 0, 1, 1, 0],
};

let model: MaeModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = createMae(MAE_PRESETS.tiny.config, { seed: 2 });
});
afterAll(() => model.dispose());

describe('maeErrorsByGroup', () => {
  it('copies the listed trajectories', () => {
    const picked = pickTrajectories(dataset(), [4, 1]);
    expect(picked.shape).toEqual([2, T, SIDE, SIDE, 1]);
    const size = T * SIDE * SIDE;
    expect(picked.data[0]).toBeCloseTo(5, 0);
    expect(picked.data[size]).toBeCloseTo(2, 0);
  });

  it('scores each group on its own trajectories, with baselines on the same masks', async () => {
    const groups = equationGroups('mix', mix, 0, N);
    const before = tf.memory().numTensors;
    const rows = await maeErrorsByGroup(model, dataset(), groups, { windowsPerGroup: 4, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(rows.map((r) => [r.id, r.trajectories, r.windows])).toEqual([
      ['heat', 3, 4],
      ['advection', 3, 4],
    ]);
    for (const row of rows) {
      for (const value of [row.relL2, row.relL2Linear, row.relL2Nearest]) {
        expect(Number.isFinite(value) && value > 0).toBe(true);
      }
    }
    // The same seed gives the same windows and masks; another ratio hides other patches.
    const again = await maeErrorsByGroup(model, dataset(), groups, { windowsPerGroup: 4, seed: 1 });
    expect(again).toEqual(rows);
    const sparser = await maeErrorsByGroup(model, dataset(), groups, {
      windowsPerGroup: 4,
      seed: 1,
      ratio: 0.25,
    });
    expect(sparser[0]!.relL2Linear).not.toBe(rows[0]!.relL2Linear);
  });
});
