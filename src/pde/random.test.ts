import { describe, expect, it } from 'vitest';
import {
  createRng,
  seedFor,
  splitMix64,
  trajectorySeeds,
  xoshiro128StarStar,
  type Rng,
} from './random';

function draw(count: number, next: () => number): Float64Array {
  return Float64Array.from({ length: count }, next);
}

function meanAndVariance(values: Float64Array): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe('published test vectors', () => {
  it('xoshiro128** 1.1 from state {1, 2, 3, 4} (rand_xoshiro reference test)', () => {
    const source = xoshiro128StarStar([1, 2, 3, 4]);
    const expected = [
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597,
      4258142804,
    ];
    expect(expected.map(() => source.next())).toEqual(expected);
  });

  it('SplitMix64 from seed 1477776061723855037 (rand_xoshiro reference test)', () => {
    const source = splitMix64(1477776061723855037n);
    const expected = [
      1985237415132408290n,
      2979275885539914483n,
      13511426838097143398n,
      8488337342461049707n,
      15141737807933549159n,
    ];
    expect(expected.map(() => source.next())).toEqual(expected);
  });
});

describe('createRng', () => {
  it('is deterministic and depends on the seed', () => {
    const a = draw(100, createRng(42).uniform);
    const b = draw(100, createRng(42).uniform);
    const c = draw(100, createRng(43).uniform);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('accepts any safe integer and rejects others', () => {
    expect(() => createRng(-1)).not.toThrow();
    expect(() => createRng(Number.MAX_SAFE_INTEGER)).not.toThrow();
    expect(() => createRng(0.5)).toThrow(RangeError);
    expect(() => createRng(2 ** 60)).toThrow(RangeError);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const n = 200_000;
    const values = draw(n, createRng(7).uniform);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const { mean, variance } = meanAndVariance(values);
    // Five standard errors: sd(mean) = √(1/12n), sd(variance) = √(1/180n).
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('draws standard normals with mean 0, variance 1 and no excess kurtosis', () => {
    const n = 200_000;
    const values = draw(n, createRng(8).normal);
    const { mean, variance } = meanAndVariance(values);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    const fourth = values.reduce((a, b) => a + b ** 4, 0) / n;
    expect(Math.abs(fourth - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it('draws every integer of a range equally often, both ends included', () => {
    const rng = createRng(9);
    const counts = new Array<number>(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) {
      const k = rng.integer(-3, 3);
      counts[k + 3]!++;
    }
    const expected = n / 7;
    const chi2 = counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(22.5); // χ²(6) at p = 0.001
    expect(() => rng.integer(2, 1)).toThrow(RangeError);
    expect(rng.integer(5, 5)).toBe(5);
  });

  it('uniformIn maps to the requested interval', () => {
    const rng = createRng(10);
    const values = draw(10_000, () => rng.uniformIn(-2, 3));
    expect(values.every((v) => v >= -2 && v < 3)).toBe(true);
    expect(Math.min(...values)).toBeLessThan(-1.99);
    expect(Math.max(...values)).toBeGreaterThan(2.99);
  });
});

describe('seedFor', () => {
  it('is a deterministic 53-bit integer', () => {
    const seed = seedFor(2024, 17, 1);
    expect(seedFor(2024, 17, 1)).toBe(seed);
    expect(Number.isSafeInteger(seed) && seed >= 0).toBe(true);
  });

  it('differs across indices, streams and dataset seeds', () => {
    const seeds = new Set<number>();
    for (let dataset = 0; dataset < 4; dataset++)
      for (let index = 0; index < 500; index++)
        for (let stream = 0; stream < 3; stream++) seeds.add(seedFor(dataset, index, stream));
    expect(seeds.size).toBe(4 * 500 * 3);
  });

  it('gives streams that are uncorrelated for neighbouring indices', () => {
    const n = 50_000;
    const streams: Rng[] = [createRng(seedFor(1, 0)), createRng(seedFor(1, 1))];
    const [a, b] = streams.map((rng) => draw(n, rng.normal)) as [Float64Array, Float64Array];
    const correlation = a.reduce((sum, x, i) => sum + x * b[i]!, 0) / n;
    expect(Math.abs(correlation)).toBeLessThan(5 / Math.sqrt(n));
    expect(a.slice(0, 10)).not.toEqual(b.slice(0, 10));
  });

  it('trajectorySeeds is the same in batches of any size', () => {
    const all = trajectorySeeds(5, 0, 10, 2);
    expect([...trajectorySeeds(5, 0, 3, 2), ...trajectorySeeds(5, 3, 7, 2)]).toEqual(all);
    expect(all[4]).toBe(seedFor(5, 4, 2));
  });
});
