import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultSplit,
  sinCos1dTable,
  sinCosEmbeddingData,
  sinCosPositionalEmbedding1d,
  sinCosPositionalEmbedding3d,
} from './positionalEmbedding';
import { maxAbsDiff } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('sin-cos positional embeddings (MAE)', () => {
  it('1-D: row p is [sin(p·ω), cos(p·ω)] with ω_i = 10000^(−i/(D/2))', () => {
    // D = 4: ω = [1, 1/100].
    const table = sinCos1dTable(4, [0, 2]);
    expect(Array.from(table)).toEqual([
      0,
      0,
      1,
      1,
      Math.sin(2),
      Math.sin(0.02),
      Math.cos(2),
      Math.cos(0.02),
    ]);
    // D = 6: ω = [1, 10000^(−1/3), 10000^(−2/3)] ≈ [1, 0.0464159, 0.00215443].
    const row = sinCos1dTable(6, [3]);
    expect(row[1]).toBeCloseTo(Math.sin(3 * 0.046415888336127795), 14);
    expect(row[5]).toBeCloseTo(Math.cos(3 * 0.002154434690031884), 14);
    expect(() => sinCos1dTable(5, [0])).toThrow(/even/);
  });

  it('1-D tensor has one row per position, plus a zero CLS row when asked', () => {
    const emb = sinCosPositionalEmbedding1d(8, 5, { clsToken: true });
    expect(emb.shape).toEqual([6, 8]);
    const data = emb.dataSync();
    expect(Array.from(data.slice(0, 8))).toEqual(new Array(8).fill(0));
    expect(maxAbsDiff(data.slice(8), sinCos1dTable(8, [0, 1, 2, 3, 4]))).toBeLessThan(1e-7);
    emb.dispose();
  });

  it('3-D: the token at (f, h, w), frames slowest, concatenates the three axes’ 1-D rows', () => {
    const dim = 16;
    const grid = [2, 3, 4] as const;
    expect(defaultSplit(dim, 3)).toEqual([4, 4, 8]);
    expect(defaultSplit(256, 3)).toEqual([84, 84, 88]);
    const emb = sinCosPositionalEmbedding3d(dim, grid);
    expect(emb.shape).toEqual([24, dim]);
    const data = emb.dataSync();
    for (const [f, h, w] of [
      [0, 0, 0],
      [1, 2, 3],
      [0, 1, 2],
      [1, 0, 1],
    ] as const) {
      const token = (f * 3 + h) * 4 + w;
      const expected = [
        ...sinCos1dTable(4, [f]),
        ...sinCos1dTable(4, [h]),
        ...sinCos1dTable(8, [w]),
      ];
      expect(maxAbsDiff(data.slice(token * dim, (token + 1) * dim), expected)).toBeLessThan(1e-7);
    }
    // Distinct tokens get distinct codes.
    const rows = new Set(
      Array.from({ length: 24 }, (_, i) => data.slice(i * dim, (i + 1) * dim).join()),
    );
    expect(rows.size).toBe(24);
    emb.dispose();
  });

  it('accepts an explicit split and rejects one that does not add up', () => {
    const data = sinCosEmbeddingData(8, [2, 2], { split: [2, 6] });
    expect(
      maxAbsDiff(data.slice(8 * 3, 8 * 4), [...sinCos1dTable(2, [1]), ...sinCos1dTable(6, [1])]),
    ).toBeLessThan(1e-7);
    expect(() => sinCosEmbeddingData(8, [2, 2], { split: [2, 4] })).toThrow(/summing to 8/);
  });
});
