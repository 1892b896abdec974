import { describe, expect, it } from 'vitest';
import { errorTable } from './errorTable';

describe('errorTable', () => {
  // One trajectory, 2 frames (the first inside the horizon), 2 points (the first observed), 1 channel.
  const shape = [1, 2, 1, 2, 1] as const;
  const truth = [1, 2, 3, 4];
  const mask = [1, 0];

  it('puts each error in its own group, relative to that group’s truth', () => {
    const table = errorTable([1.5, 2, 3, 2], truth, shape, mask, 1);
    expect(table.inT_inS).toBeCloseTo(0.5);
    expect(table.inT_outS).toBe(0);
    expect(table.outT_inS).toBe(0);
    expect(table.outT_outS).toBeCloseTo(0.5);
    expect(table.all).toBeCloseTo(Math.sqrt((0.25 + 4) / 30));
  });

  it('gives NaN for a group with no values, and refuses mismatched arrays', () => {
    expect(errorTable(truth, truth, shape, mask, 2).outT_inS).toBeNaN();
    expect(() => errorTable([1, 2], truth, shape, mask, 1)).toThrow(/\[N, T, X, Y, C\]/);
  });
});
