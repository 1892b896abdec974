import { expect } from 'vitest';
import type { DatasetBundle } from './bundle';
import { DatasetFormatError } from './errors';
import type { DatasetMeta } from './meta';

/** A small valid dataset for tests: [N=3, T=4, X=Y=5, C=2] with recognisable values. */
export function sampleMeta(): DatasetMeta {
  return {
    equation: 'ns',
    scheme: 'spectral-rk4',
    seed: 20251122,
    grid: { n: 5, length: 2 * Math.PI, origin: -Math.PI },
    times: [0, 0.1, 0.2, 0.30000000000000004],
    channels: ['u', 'v'],
    coefficients: { nu: [1e-3, 1e-4, 3.3e-5], forcing: [0.1, 0.2, 0.30000000000000004] },
    split: { train: 1, val: 1, test: 1 },
  };
}

export function sampleBundle(): DatasetBundle {
  const shape = [3, 4, 5, 5, 2];
  const data = Float32Array.from({ length: 3 * 4 * 5 * 5 * 2 }, (_, i) => Math.cos(i) * i);
  return { data, shape, meta: sampleMeta() };
}

/** sampleMeta as a mix of two equations: trajectory 1 is Burgers, so it has no `forcing`. */
export function sampleMixedMeta(): DatasetMeta {
  return {
    ...sampleMeta(),
    equation: 'mix',
    scheme: 'mixed',
    coefficients: { nu: [1e-3, 1e-4, 3.3e-5], forcing: [0.1, NaN, 0.30000000000000004] },
    mix: {
      components: [
        { equation: 'ns', scheme: 'ifrk4', channels: ['u'], weight: 2 },
        { equation: 'burgers', scheme: 'spectral', channels: ['u', 'v'], weight: 1 },
      ],
      index: [0, 1, 0],
    },
  };
}

/** The message of the DatasetFormatError `promise` rejects with (fails the test otherwise). */
export async function formatError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a DatasetFormatError');
}
