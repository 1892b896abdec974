import { describe, expect, it } from 'vitest';
import { tokenIndex, type TokenGrid } from '../../../data/masks/patches';
import {
  compareKernels,
  distanceLevels,
  distanceRow,
  effectiveRadius,
  inverseDistanceWeights,
  kernelRow,
  massByDistance,
  nearestWeights,
  neighbourRadius,
  nonLocalMass,
  patchDistance,
  ringOffset,
  visibleRow,
  type AttentionWeights,
} from './attentionKernel';

const GRID: TokenGrid = { nt: 2, nx: 4, ny: 4 };
const N = 32;
const at = (t: number, x: number, y: number) => tokenIndex(GRID, t, x, y);
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

/** A mask (1 hidden) that shows only `visible`. */
function showOnly(visible: number[]): Uint8Array {
  const mask = new Uint8Array(N).fill(1);
  for (const j of visible) mask[j] = 0;
  return mask;
}

/** Softmax rows of seeded pseudo-random scores, [heads, N, N]. */
function randomAttention(heads: number, seed: number): Float32Array {
  const out = new Float32Array(heads * N * N);
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 4;
  for (let r = 0; r < heads * N; r++) {
    const scores = Array.from({ length: N }, next);
    const exp = scores.map(Math.exp);
    const total = sum(exp);
    exp.forEach((e, j) => (out[r * N + j] = e / total));
  }
  return out;
}

describe('periodic patch distance', () => {
  it('wraps around in x and y but not in time', () => {
    expect(ringOffset(0, 3, 4)).toBe(1);
    expect(ringOffset(1, 3, 4)).toBe(2);
    expect(patchDistance(GRID, at(0, 0, 0), at(0, 3, 0))).toBe(1);
    expect(patchDistance(GRID, at(0, 0, 0), at(0, 0, 3))).toBe(1);
    expect(patchDistance(GRID, at(0, 0, 0), at(1, 0, 0))).toBe(1);
    expect(patchDistance(GRID, at(0, 0, 0), at(1, 2, 2))).toBe(3);
    expect(patchDistance(GRID, at(1, 3, 1), at(0, 0, 3))).toBeCloseTo(Math.sqrt(1 + 4 + 1), 12);
  });

  it('is symmetric and zero only on the diagonal', () => {
    for (let i = 0; i < N; i++) {
      const row = distanceRow(GRID, i);
      for (let j = 0; j < N; j++) {
        expect(row[j]).toBe(patchDistance(GRID, j, i));
        expect(row[j] === 0).toBe(i === j);
      }
    }
  });

  it('merges equal distances into levels', () => {
    // From any patch of a 2 × 4 × 4 grid: dx, dy ∈ {0, 1, 2} and dt ∈ {0, 1}.
    const levels = distanceLevels(distanceRow(GRID, at(0, 1, 2)));
    // dx² + dy² ∈ {0, 1, 2, 4, 5, 8} plus dt² ∈ {0, 1}: squared distances 0…6, 8 and 9.
    const squares = [0, 1, 2, 3, 4, 5, 6, 8, 9];
    expect(levels).toHaveLength(squares.length);
    levels.forEach((d, k) => expect(d * d).toBeCloseTo(squares[k]!, 12));
  });
});

describe('kernel rows', () => {
  const attention: AttentionWeights = {
    layers: 2,
    heads: 3,
    tokens: N,
    weights: [randomAttention(3, 1), randomAttention(3, 2)],
  };

  it('sum to 1 for each head, the head mean and the visible-only row', () => {
    const mask = showOnly([at(0, 1, 1), at(1, 3, 0), at(0, 2, 2)]);
    for (const layer of [0, 1]) {
      for (const head of [0, 1, 2, 'mean'] as const) {
        const row = kernelRow(attention, layer, head, 5);
        expect(sum(row)).toBeCloseTo(1, 6);
        expect(sum(visibleRow(row, mask))).toBeCloseTo(1, 12);
      }
    }
  });

  it('read the chosen layer, head and query, and average the heads', () => {
    const w = attention.weights[1]!;
    const row = kernelRow(attention, 1, 2, 7);
    expect(row[4]).toBeCloseTo(w[(2 * N + 7) * N + 4]!, 7);
    const mean = kernelRow(attention, 1, 'mean', 7);
    const heads = [0, 1, 2].map((h) => w[(h * N + 7) * N + 4]!);
    expect(mean[4]).toBeCloseTo(sum(heads) / 3, 7);
    expect(() => kernelRow(attention, 2, 0, 0)).toThrow(RangeError);
    expect(() => kernelRow(attention, 0, 3, 0)).toThrow(RangeError);
    expect(() => kernelRow(attention, 0, 'mean', N)).toThrow(RangeError);
  });
});

describe('classical kernels on a mask', () => {
  const query = at(0, 0, 0);
  const distances = distanceRow(GRID, query);

  it('nearest neighbour splits ties between equally near visible patches', () => {
    // Two visible patches at distance 1 (one across the periodic edge), one at 2√2.
    const mask = showOnly([at(0, 3, 0), at(1, 0, 0), at(0, 2, 2)]);
    const w = nearestWeights(distances, mask);
    expect(w[at(0, 3, 0)]).toBe(0.5);
    expect(w[at(1, 0, 0)]).toBe(0.5);
    expect(w[at(0, 2, 2)]).toBe(0);
    expect(sum(w)).toBe(1);
  });

  it('inverse distance weighs 1/d^p over the visible patches', () => {
    const mask = showOnly([at(0, 1, 0), at(0, 2, 0)]);
    const w = inverseDistanceWeights(distances, mask, 2);
    // 1/1² : 1/2² = 4 : 1.
    expect(w[at(0, 1, 0)]).toBeCloseTo(0.8, 12);
    expect(w[at(0, 2, 0)]).toBeCloseTo(0.2, 12);
    expect(sum(inverseDistanceWeights(distances, mask))).toBeCloseTo(1, 12);
  });

  it('gives r_eff and the non-local mass of a hand-made kernel', () => {
    // Ten visible patches: 4 at distance 1, 4 at √2, 2 at 2.
    const near = [at(0, 1, 0), at(0, 3, 0), at(0, 0, 1), at(0, 0, 3)];
    const diagonal = [at(0, 1, 1), at(0, 3, 3), at(0, 1, 3), at(0, 3, 1)];
    const far = [at(0, 2, 0), at(0, 0, 2)];
    const mask = showOnly([...near, ...diagonal, ...far]);
    expect(neighbourRadius(distances, mask)).toBeCloseTo(Math.SQRT2, 12);

    const row = new Float64Array(N);
    row[near[0]!] = 0.5; // d = 1
    row[far[1]!] = 0.3; // d = 2
    row[at(1, 2, 2)] = 0.2; // a hidden key at d = 3
    expect(effectiveRadius(row, distances)).toBeCloseTo(0.5 + 0.6 + 0.6, 12);
    const radius = neighbourRadius(distances, mask);
    expect(nonLocalMass(row, distances, radius)).toBeCloseTo(0.5, 12);
    // On visible keys only: 0.5 and 0.3 rescaled to 0.625 and 0.375.
    const visible = visibleRow(row, mask);
    expect(effectiveRadius(visible, distances)).toBeCloseTo(0.625 + 0.75, 12);
    expect(nonLocalMass(visible, distances, radius)).toBeCloseTo(0.375, 12);

    const levels = distanceLevels(distances);
    const mass = massByDistance(row, distances, levels);
    expect(sum(mass)).toBeCloseTo(1, 12);
    expect(mass[levels.findIndex((d) => d === 1)]).toBeCloseTo(0.5, 12);
    expect(mass[levels.findIndex((d) => d === 3)]).toBeCloseTo(0.2, 12);
  });

  it('compares the attention row with nearest neighbour and inverse distance', () => {
    const mask = showOnly([at(0, 1, 0), at(1, 2, 2), at(0, 2, 1), at(1, 3, 3)]);
    const attention: AttentionWeights = {
      layers: 1,
      heads: 2,
      tokens: N,
      weights: [randomAttention(2, 9)],
    };
    const c = compareKernels(attention, GRID, mask, query, 0, 'mean');
    for (const p of [c.attentionAll, c.attentionVisible, c.inverseDistance, c.nearest]) {
      expect(sum(p.row)).toBeCloseTo(1, 6);
      expect(sum(p.mass)).toBeCloseTo(1, 6);
      expect(p.rEff).toBeGreaterThan(0);
    }
    // Fewer than 8 visible patches: every one is a neighbour, nothing visible is beyond.
    expect(c.radius).toBeCloseTo(3, 12);
    expect(c.visibleKeys).toBe(4);
    expect(c.nearest.rEff).toBe(1);
    expect(c.nearest.nonLocal).toBe(0);
    expect(c.attentionVisible.nonLocal).toBe(0);
    expect(c.inverseDistance.rEff).toBeGreaterThan(c.nearest.rEff);
    expect(c.visibleShare).toBeGreaterThan(0);
    expect(c.visibleShare).toBeLessThan(1);
  });
});
