import { describe, expect, it } from 'vitest';
import { defaultTrajectory, trajectorySplit } from '../../../../data/trajectories';
import { datasetProblem, reproduceProblem } from './setupChecks';

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

describe('the reproduction’s checks', () => {
  const split = { train: 4, val: 1, test: 1 };
  it('says why the claim’s protocol cannot run on a dataset', () => {
    const swirl = { grid: { n: 16, length: 1, origin: 0 }, times: [...Array(8).keys()], split };
    expect(reproduceProblem(swirl, 'tiny')).toBeUndefined();
    expect(reproduceProblem({ ...swirl, times: [...Array(7).keys()] }, 'quick')).toMatch(
      /at least 8 frames; these have 7/,
    );
    expect(reproduceProblem({ ...swirl, grid: { ...swirl.grid, n: 24 } }, 'tiny')).toMatch(
      /multiple of 16/,
    );
    expect(reproduceProblem({ ...swirl, split: { train: 1, val: 0, test: 0 } }, 'tiny')).toMatch(
      /at least 2 trajectories/,
    );
  });
});
