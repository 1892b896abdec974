import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../../../data/io/meta';
import { DPOT_PRESETS } from '../../../../models/dpot/config';
import {
  maxRolloutSteps,
  rolloutProblem,
  rolloutStart,
  rolloutSteps,
  trajectoryEquation,
} from './setupChecks';

const classroom = { config: { ...DPOT_PRESETS.classroom.config }, channels: 2 };
const short = { config: { ...classroom.config, inputFrames: 4 }, channels: 1 };

const mix: DatasetMeta = {
  equation: 'mix',
  scheme: 'mixed',
  seed: 1,
  grid: { n: 32, origin: -1, length: 2 },
  times: Array.from({ length: 30 }, (_, t) => t),
  channels: ['u', 'v'],
  coefficients: {},
  split: { train: 2, val: 1, test: 1 },
  mix: {
    components: [
      { equation: 'heat', scheme: 'spectral', channels: ['u'], weight: 1 },
      { equation: 'burgers', scheme: 'spectral', channels: ['u', 'v'], weight: 1 },
    ],
    index: [0, 1, 0, 1],
  },
};

describe('the rollout lab’s checks', () => {
  it('start every rollout after the longest window and allow what the frames leave, up to 40', () => {
    expect(rolloutStart([classroom, short])).toBe(10);
    expect(maxRolloutSteps([short], 30)).toBe(26);
    expect(maxRolloutSteps([classroom, short], 30)).toBe(20);
    expect(maxRolloutSteps([short], 100)).toBe(40);
    expect(maxRolloutSteps([classroom], 8)).toBe(0);
    expect(rolloutSteps(undefined, 26)).toBe(20);
    expect(rolloutSteps(undefined, 12)).toBe(12);
    expect(rolloutSteps(35, 26)).toBe(26);
    expect(rolloutSteps(3, 26)).toBe(3);
  });

  it('name a trajectory’s equation and own channels in a mix', () => {
    expect(trajectoryEquation(mix, 2)).toEqual({ equation: 'heat', channels: ['u'] });
    expect(trajectoryEquation(mix, 3)).toEqual({ equation: 'burgers', channels: ['u', 'v'] });
    const { mix: _, ...single } = mix;
    expect(trajectoryEquation({ ...single, equation: 'wave', channels: ['u'] }, 0)).toEqual({
      equation: 'wave',
      channels: ['u'],
    });
  });

  it('say why models cannot roll a trajectory out', () => {
    expect(rolloutProblem([classroom], mix, 3)).toBeUndefined();
    expect(rolloutProblem([classroom, short], mix, 3)).toBe(
      'The second model reads 1 channel and this trajectory’s equation has 2: choose a model trained on it, or another trajectory.',
    );
    expect(rolloutProblem([short], mix, 2)).toBeUndefined();
    expect(rolloutProblem([classroom], { ...mix, grid: { ...mix.grid, n: 64 } }, 0)).toBe(
      'This model reads a 32 × 32 grid and this dataset is 64 × 64: choose a dataset built on a 32 × 32 grid, or a model of this one.',
    );
    expect(rolloutProblem([classroom], { ...mix, times: [0, 1, 2] }, 0)).toBe(
      'This model reads 10 frames and these trajectories have 3: there is nothing left to predict.',
    );
  });
});
