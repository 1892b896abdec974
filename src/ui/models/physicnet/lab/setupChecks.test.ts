import { describe, expect, it } from 'vitest';
import { datasetProblem, defaultTrajectory, trajectorySplit } from './setupChecks';

const model = { config: { inputFrames: 2, outputFrames: 2 }, channels: 1 };
const meta = { grid: { n: 32, length: 1, origin: 0 }, times: [0, 1, 2, 3, 4], channels: ['u'] };

describe('the forecast lab’s checks', () => {
  it('tells the splits apart and pictures a trajectory training never saw by default', () => {
    const split = { train: 4, val: 1, test: 2 };
    expect([0, 3, 4, 5, 6].map((i) => trajectorySplit(split, i))).toEqual([
      'train',
      'train',
      'validation',
      'test',
      'test',
    ]);
    expect(defaultTrajectory(split)).toBe(5);
    expect(defaultTrajectory({ train: 4, val: 1, test: 0 })).toBe(4);
    expect(defaultTrajectory({ train: 4, val: 0, test: 0 })).toBe(0);
  });

  it('says why a model cannot forecast a dataset', () => {
    expect(datasetProblem(model, meta)).toBeUndefined();
    expect(datasetProblem(model, { ...meta, times: [0, 1, 2] })).toMatch(
      /needs trajectories of at least 4 frames; these have 3/,
    );
    expect(datasetProblem(model, { ...meta, grid: { ...meta.grid, n: 24 } })).toMatch(
      /multiple of 16/,
    );
    expect(datasetProblem({ ...model, channels: 2 }, meta)).toMatch(
      /reads 2 channels and the dataset has 1/,
    );
  });
});
