import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../data/generate';
import type { BuildDatasetParams } from './buildDatasetConfig';
import { canonicalJson, datasetRecipe } from './datasetRecipe';

const single = (change: Partial<GenerateRequest> = {}): GenerateRequest => ({
  pde: 'heat',
  count: 4,
  n: 32,
  frames: 5,
  dt: 1e-3,
  recordInterval: 0.05,
  scheme: 'spectral',
  coefficients: { nu: [2e-3, 2e-2] },
  options: {},
  initialCondition: 'random-sines',
  seed: 3,
  batchSize: 2,
  ...change,
});

const params = (
  change: Partial<GenerateRequest> = {},
  split = { val: 0.25, test: 0 },
  name = 'Heat',
): BuildDatasetParams => ({ name, request: { kind: 'single', single: single(change) }, split });

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, at every depth', () => {
    const a = canonicalJson({ b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'x' } });
    const b = canonicalJson({ a: { x: 'x', y: [1, { p: 1, q: 2 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"x":"x","y":[1,{"p":1,"q":2}]},"b":1}');
  });

  it('drops undefined members and writes typed arrays as arrays', () => {
    expect(canonicalJson({ a: undefined, b: new Float32Array([1, 2]) })).toBe('{"b":[1,2]}');
  });

  it('keeps array order and tells numbers apart exactly', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ nu: 0.1 + 0.2 })).not.toBe(canonicalJson({ nu: 0.3 }));
  });
});

describe('datasetRecipe', () => {
  it('ignores the name and the batch size, which do not change the numbers', () => {
    const recipe = datasetRecipe(params());
    expect(datasetRecipe(params({}, undefined, 'Another name'))).toBe(recipe);
    expect(datasetRecipe(params({ batchSize: 4 }))).toBe(recipe);
  });

  it('tells apart everything that changes the data or its split', () => {
    const recipe = datasetRecipe(params());
    const others = [
      params({ seed: 4 }),
      params({ count: 5 }),
      params({ frames: 6 }),
      params({ n: 64 }),
      params({ coefficients: { nu: [2e-3, 3e-2] } }),
      params({ initialCondition: 'hot-square' }),
      params({ noise: { sigma: 0.1, seed: 0 } }),
      params({}, { val: 0.25, test: 0.25 }),
    ].map(datasetRecipe);
    expect(others.every((r) => r !== recipe)).toBe(true);
    expect(new Set(others).size).toBe(others.length);
  });

  it('tells a mix from a single equation', () => {
    const { batchSize, ...member } = single();
    const mix: BuildDatasetParams = {
      name: 'Mix',
      request: {
        kind: 'mix',
        mix: {
          components: [{ ...member, weight: 1 }],
          count: 4,
          n: 32,
          frames: 5,
          seed: 3,
          batchSize,
        },
      },
      split: { val: 0.25, test: 0 },
    };
    expect(datasetRecipe(mix)).not.toBe(datasetRecipe(params()));
    expect(JSON.parse(datasetRecipe(mix)).kind).toBe('mix');
  });
});
