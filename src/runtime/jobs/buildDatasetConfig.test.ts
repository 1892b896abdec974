import { describe, expect, it } from 'vitest';
import { splitCounts } from './buildDatasetConfig';

describe('splitCounts', () => {
  it('rounds the shares and gives the rest to training', () => {
    expect(splitCounts(16, { val: 0.1, test: 0.1 })).toEqual({ train: 12, val: 2, test: 2 });
    expect(splitCounts(3, { val: 0.5, test: 0.5 })).toEqual({ train: 0, val: 1, test: 2 });
    expect(splitCounts(1, { val: 0, test: 0 })).toEqual({ train: 1, val: 0, test: 0 });
  });
});
