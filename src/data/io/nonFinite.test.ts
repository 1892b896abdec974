import { describe, expect, it } from 'vitest';
import {
  describeNonFinite,
  findNonFinite,
  nonFiniteTrainingProblem,
  parseNonFiniteReport,
} from './nonFinite';

/** A [n, 2, 2, 2, 1] array of ones with the given values planted at flat indices. */
function array(n: number, planted: Record<number, number>) {
  const data = new Float32Array(n * 8).fill(1);
  for (const [i, v] of Object.entries(planted)) data[Number(i)] = v;
  return { data, shape: [n, 2, 2, 2, 1] };
}

describe('non-finite values in a dataset', () => {
  it('finds none in finite data, however large or small', () => {
    expect(findNonFinite(array(3, { 0: 3.4e38, 9: -3.4e38, 17: 1e-45 }))).toBeUndefined();
  });

  it('counts NaN, +Infinity and −Infinity and names each trajectory holding one once', () => {
    const report = findNonFinite(
      array(5, { 1: NaN, 3: NaN, [8 * 3]: Infinity, [8 * 3 + 7]: -Infinity }),
    );
    expect(report).toEqual({
      nan: 2,
      positiveInfinity: 1,
      negativeInfinity: 1,
      trajectories: [0, 3],
    });
    expect(describeNonFinite(report!, 5)).toBe(
      '4 values are not finite numbers (2 NaN, 1 +Infinity, 1 −Infinity), in trajectories 0 and 3 ' +
        '(of 5, numbered from 0)',
    );
  });

  it('says “1 value” and “trajectory”, and shortens a long list of trajectories', () => {
    expect(describeNonFinite(findNonFinite(array(4, { 17: NaN }))!, 4)).toBe(
      '1 value is not a finite number (1 NaN), in trajectory 2 (of 4, numbered from 0)',
    );
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [8 * k, NaN]));
    expect(describeNonFinite(findNonFinite(array(12, many))!, 12)).toMatch(
      /in 12 trajectories: 0, 1, 2, 3, 4, 5, 6, 7 and 4 more \(of 12/,
    );
  });

  it('refuses training on a marked dataset with what is wrong and what to do', () => {
    const split = { train: 3, val: 1, test: 0 };
    expect(nonFiniteTrainingProblem({ split })).toBeUndefined();
    const nonFinite = { nan: 1, positiveInfinity: 0, negativeInfinity: 0, trajectories: [1] };
    const problem = nonFiniteTrainingProblem({ split, nonFinite });
    expect(problem).toMatch(/^This dataset cannot be trained on: 1 value is not a finite number/);
    expect(problem).toMatch(/in trajectory 1 \(of 4, numbered from 0\)/);
    expect(problem).toMatch(/np\.nan_to_num/);
  });

  it('reads a stored report back and refuses a malformed one', () => {
    const report = { nan: 2, positiveInfinity: 0, negativeInfinity: 1, trajectories: [0, 4] };
    expect(parseNonFiniteReport(report)).toEqual(report);
    expect(() => parseNonFiniteReport({ ...report, nan: -1 })).toThrow(/malformed/);
    expect(() => parseNonFiniteReport({ ...report, trajectories: 'all' })).toThrow(/malformed/);
    expect(() => parseNonFiniteReport(null)).toThrow(/malformed/);
  });
});
