import { describe, expect, it } from 'vitest';
import { formatWasmSummary } from './wasmSummary';

describe('formatWasmSummary', () => {
  it('names SIMD, the threads and the isolation that allows them', () => {
    expect(formatWasmSummary({ simd: true, threads: 2, isolated: true })).toBe(
      'WebAssembly: SIMD yes, 2 threads (cross-origin isolated)',
    );
  });

  it('gives the reason for a single thread', () => {
    expect(
      formatWasmSummary({ simd: false, threads: 1, isolated: false, note: 'not isolated' }),
    ).toBe('WebAssembly: SIMD no, 1 thread (not isolated)');
  });
});
