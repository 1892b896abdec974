import { describe, expect, it } from 'vitest';
import { reproduceSplit } from './reproduceData';

describe('reproduceSplit', () => {
  it('trains on the train split and holds out the validation and test trajectories', () => {
    expect(reproduceSplit({ train: 6, val: 2, test: 2 }, 10)).toEqual({
      train: { first: 0, count: 6 },
      heldOut: { first: 6, count: 4 },
      heldOutFrom: 'split',
    });
  });

  it('holds out the last quarter when the dataset keeps only training trajectories', () => {
    expect(reproduceSplit({ train: 8, val: 0, test: 0 }, 8)).toEqual({
      train: { first: 0, count: 6 },
      heldOut: { first: 6, count: 2 },
      heldOutFrom: 'last quarter',
    });
    expect(reproduceSplit({ train: 3, val: 0, test: 0 }, 3).heldOut).toEqual({
      first: 2,
      count: 1,
    });
  });

  it('needs two trajectories', () => {
    expect(() => reproduceSplit({ train: 1, val: 0, test: 0 }, 1)).toThrow(/at least 2/);
  });
});
