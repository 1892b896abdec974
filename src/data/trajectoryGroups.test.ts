import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from './io/meta';
import { datasetGroups, equationGroups } from './trajectoryGroups';

const N = 6;
const SIDE = 16;

const mix = {
  components: [
    { equation: 'heat', scheme: 'spectral', channels: ['u'], weight: 1 },
    { equation: 'advection', scheme: 'spectral', channels: ['u'], weight: 1 },
    { equation: 'wave', scheme: 'spectral', channels: ['u'], weight: 0 },
  ],
  index: [1, 0, 0, 1, 1, 0],
};

describe('equationGroups', () => {
  it('splits a range of a mix by equation, in component order, leaving empty ones out', () => {
    expect(equationGroups('mix', mix, 2, 4)).toEqual([
      { id: 'heat', trajectories: [2, 5] },
      { id: 'advection', trajectories: [3, 4] },
    ]);
  });

  it('keeps a single-equation range whole', () => {
    expect(equationGroups('heat', undefined, 1, 3)).toEqual([
      { id: 'heat', trajectories: [1, 2, 3] },
    ]);
  });
});

describe('datasetGroups', () => {
  const base = {
    scheme: 'spectral',
    seed: 0,
    grid: { n: SIDE, length: 1, origin: 0 },
    times: [0],
    channels: ['u'],
    coefficients: {},
    split: { train: N, val: 0, test: 0 },
  };

  it('splits a mix by equation and initial condition, in order of first appearance', () => {
    const meta: DatasetMeta = {
      ...base,
      equation: 'mix',
      mix: {
        components: [
          { equation: 'heat', scheme: 'spectral', initial: 'ring', channels: ['u'], weight: 1 },
          {
            equation: 'heat',
            scheme: 'spectral',
            initial: 'hot-square',
            channels: ['u'],
            weight: 1,
          },
          { equation: 'advection', scheme: 'spectral', channels: ['u'], weight: 1 },
        ],
        index: [1, 0, 2, 1, 0, 2],
      },
    };
    expect(datasetGroups(meta, N).map((g) => [g.id, g.trajectories])).toEqual([
      ['heat/hot-square', [0, 3]],
      ['heat/ring', [1, 4]],
      ['advection/unknown', [2, 5]],
    ]);
  });

  it('keeps a single dataset whole, named by its equation and initial condition', () => {
    const [group] = datasetGroups({ ...base, equation: 'ns', initial: 'vortex-pair' }, 3);
    expect(group).toEqual({
      id: 'ns/vortex-pair',
      equation: 'ns',
      initial: 'vortex-pair',
      trajectories: [0, 1, 2],
    });
    expect(datasetGroups(undefined, 2)[0]!.id).toBe('unknown/unknown');
  });
});
