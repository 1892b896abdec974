import { describe, expect, it } from 'vitest';
import { tokenIndex, type TokenGrid } from '../../../../data/masks/patches';
import {
  compareKernels,
  type AttentionWeights,
} from '../../../../models/mae/downstream/attentionKernel';
import { localitySentence, patchName } from './attentionText';

const GRID: TokenGrid = { nt: 2, nx: 4, ny: 4 };
const N = 32;

/** One head whose every row puts `weight(j)` on key j (normalised). */
function attention(weight: (j: number) => number): AttentionWeights {
  const row = Float32Array.from({ length: N }, (_, j) => weight(j));
  const total = row.reduce((a, b) => a + b, 0);
  const weights = new Float32Array(N * N);
  for (let i = 0; i < N; i++)
    weights.set(
      row.map((w) => w / total),
      i * N,
    );
  return { layers: 1, heads: 1, tokens: N, weights: [weights] };
}

describe('attention words', () => {
  it('name patches from 1, time block first', () => {
    expect(patchName(GRID, tokenIndex(GRID, 1, 2, 3))).toBe('t2 x3 y4');
  });

  it('call a kernel global or local from its weight beyond the 8 nearest visible patches', () => {
    // Time block 2 visible (16 patches); the query is masked at t1 x1 y1.
    const mask = Uint8Array.from({ length: N }, (_, j) => (j < 16 ? 1 : 0));
    const query = tokenIndex(GRID, 0, 0, 0);
    const far = tokenIndex(GRID, 1, 2, 2);
    const near = tokenIndex(GRID, 1, 0, 0);
    const global = compareKernels(
      attention((j) => (j === far ? 1 : 0)),
      GRID,
      mask,
      query,
      0,
      0,
    );
    expect(localitySentence(global, 't1 x1 y1', true)).toMatch(
      /^From patch t1 x1 y1, the decoder puts 100 % of its attention on visible patches\..*on average 3\.00 patch widths away .*reaches farther than.*most of its weight \(100 %\).*globally/,
    );
    const local = compareKernels(
      attention((j) => (j === near ? 1 : 0)),
      GRID,
      mask,
      query,
      0,
      0,
    );
    const words = localitySentence(local, 't1 x1 y1', true);
    expect(words).toMatch(
      /on average 1\.00 patch widths away .*stays closer than.*only 0 % .*mostly local/,
    );
    expect(words).not.toMatch(/visible, so its value is copied/);
  });

  it('say when too few patches are visible for a non-local mass, and when the query is visible', () => {
    const visible = [tokenIndex(GRID, 1, 0, 0), tokenIndex(GRID, 0, 2, 2)];
    const mask = Uint8Array.from({ length: N }, (_, j) => (visible.includes(j) ? 0 : 1));
    const c = compareKernels(
      attention(() => 1),
      GRID,
      mask,
      visible[0]!,
      0,
      0,
    );
    const words = localitySentence(c, 't2 x1 y1', false);
    expect(words).toMatch(/puts 6 % of its attention on visible patches/);
    expect(words).toMatch(
      /with only 2 visible patches, every one of them is among the 8 nearest, so no weight can lie beyond them/,
    );
    expect(words).toMatch(/This patch is visible, so its value is copied from the input/);
  });
});
