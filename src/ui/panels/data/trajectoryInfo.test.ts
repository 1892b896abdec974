import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../../data/io/meta';
import { PDE_CATALOG } from '../../../pde/catalog';
import { describeTrajectory, equationTitle, splitOf, trajectoryInfo } from './trajectoryInfo';

function meta(extra: Record<string, unknown> = {}): DatasetMeta {
  return {
    equation: 'mix',
    scheme: 'spectral',
    seed: 1,
    grid: { n: 8, length: 1, origin: 0 },
    times: [0, 0.5, 1],
    channels: ['u'],
    coefficients: { nu: [0.1, 0.2, Number.NaN, 0.4, 0.5], c: [Number.NaN, 1, 2, 3, Number.NaN] },
    split: { train: 2, val: 2, test: 1 },
    ...extra,
  };
}

describe('splitOf', () => {
  it('follows the train, val, test order along N', () => {
    const split = { train: 2, val: 2, test: 1 };
    expect([0, 1, 2, 3, 4].map((i) => splitOf(i, split))).toEqual([
      'train',
      'train',
      'val',
      'val',
      'test',
    ]);
    expect(splitOf(0, { train: 0, val: 0, test: 3 })).toBe('test');
  });
});

describe('trajectoryInfo', () => {
  it('skips the coefficients a trajectory does not use', () => {
    expect(trajectoryInfo(meta(), 0).coefficients).toEqual([{ name: 'nu', value: 0.1 }]);
    expect(trajectoryInfo(meta(), 2).coefficients).toEqual([{ name: 'c', value: 2 }]);
    expect(trajectoryInfo(meta(), 3)).toEqual({
      index: 3,
      split: 'val',
      coefficients: [
        { name: 'nu', value: 0.4 },
        { name: 'c', value: 3 },
      ],
    });
  });

  it("names a mixed trajectory's equation by its title", () => {
    const mixed = meta({
      mix: {
        components: [
          { equation: 'heat', scheme: 'spectral', channels: ['u'], weight: 1 },
          { equation: 'odd', scheme: 'x', channels: ['u'], weight: 1 },
        ],
        index: [1, 0, 0, 1, 0],
      },
    });
    expect(trajectoryInfo(mixed, 1).equation).toBe(PDE_CATALOG.heat.title);
    expect(trajectoryInfo(mixed, 0).equation).toBe('odd');
    expect(equationTitle('toString')).toBe('toString');
  });

  it('describes a thumbnail in one sentence', () => {
    const mixed = meta({ mix: { components: [{ equation: 'wave' }], index: [0, 0, 0, 0, 0] } });
    const text = describeTrajectory(trajectoryInfo(mixed, 4));
    expect(text).toBe(`Trajectory 4, test split, ${PDE_CATALOG.wave.title}, nu = 0.5`);
    expect(describeTrajectory(trajectoryInfo(meta(), 2))).toBe(
      'Trajectory 2, validation split, c = 2',
    );
  });
});
