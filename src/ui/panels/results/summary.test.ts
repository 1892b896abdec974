import { describe, expect, it } from 'vitest';
import type { EvaluateModelResult } from '../../../runtime/jobs/evaluateModelConfig';
import {
  ALL_EQUATIONS,
  allEquationsRow,
  equationTitle,
  parseRatios,
  sweepSeries,
  verdict,
} from './summary';

const row = (id: string, relL2: number, relL2Linear: number, relL2Nearest: number) => ({
  id,
  trajectories: 2,
  windows: 8,
  relL2,
  relL2Linear,
  relL2Nearest,
});

describe('Results panel summary', () => {
  it('names known equations by their title and others by their id', () => {
    expect(equationTitle('heat')).toBe('Heat equation');
    expect(equationTitle('my-import')).toBe('my-import');
    expect(equationTitle(ALL_EQUATIONS)).toBe('All equations (mean)');
  });

  it('says who wins and by how much, against the best baseline', () => {
    expect(verdict(row('heat', 0.31, 0.5, 0.6))).toBe(
      'MAE 38% lower than the best baseline (linear interpolation)',
    );
    expect(verdict(row('heat', 0.5, 0.9, 0.44))).toBe('Nearest visible patch wins by 12%');
    expect(verdict(row('heat', 0.5, 0.498, 0.7))).toBe(
      'About even with the best baseline (linear interpolation)',
    );
    expect(verdict(row('heat', Number.NaN, 0.5, 0.7))).toMatch(/^No verdict/);
  });

  it('averages equations (each once) and sums their trajectories', () => {
    const all = allEquationsRow([row('heat', 0.2, 0.4, 0.6), row('burgers', 0.4, 0.8, 0.9)]);
    expect(all).toEqual({
      id: ALL_EQUATIONS,
      trajectories: 4,
      windows: 16,
      relL2: expect.closeTo(0.3, 12),
      relL2Linear: expect.closeTo(0.6, 12),
      relL2Nearest: expect.closeTo(0.75, 12),
    });
  });

  it('draws the sweep for one equation or for their mean', () => {
    const result: EvaluateModelResult = {
      rows: [
        { ratio: 0.25, equations: [row('heat', 0.1, 0.2, 0.3), row('burgers', 0.3, 0.4, 0.5)] },
        { ratio: 0.75, equations: [row('heat', 0.5, 0.6, 0.7), row('burgers', 0.7, 0.8, 0.9)] },
      ],
      modelMaskRatio: 0.75,
      skipped: [],
      strategy: 'random',
      windowsPerGroup: 8,
      seed: 0,
      runName: 'r',
      step: 1,
    };
    expect(sweepSeries(result, 'burgers')).toEqual({
      ratios: [0.25, 0.75],
      mae: [0.3, 0.7],
      linear: [0.4, 0.8],
      nearest: [0.5, 0.9],
    });
    const mean = sweepSeries(result, ALL_EQUATIONS);
    expect(mean.ratios).toEqual([0.25, 0.75]);
    expect(mean.mae[1]).toBeCloseTo(0.6, 12);
    expect(sweepSeries(result, 'wave').ratios).toEqual([]);
  });

  it('reads a list of ratios, or says what is wrong with it', () => {
    expect(parseRatios('0.5, 0.1;0.25 0.5')).toEqual({ ratios: [0.1, 0.25, 0.5] });
    expect(parseRatios('  ')).toEqual({ problem: 'Give at least one mask ratio.' });
    expect(parseRatios('0.5, 1')).toEqual({
      problem: '“1” is not a mask ratio between 0 and 0.95.',
    });
    expect(parseRatios('abc')).toHaveProperty('problem');
  });
});
