import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1536, '1.5 kB'],
    [1_500_000, '1.5 MB'],
    [12_345_678, '12 MB'],
    [999_950, '1 MB'],
    [9_960_000, '10 MB'],
    [2.5e9, '2.5 GB'],
    [-2048, '-2 kB'],
    [Number.NaN, 'unknown size'],
  ])('formats %d as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
