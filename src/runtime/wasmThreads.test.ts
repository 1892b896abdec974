import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, NOT_ISOLATED, planWasmThreads, wasmReport } from './wasmThreads';

describe('planWasmThreads', () => {
  const isolated = { isolated: true, sharedArrayBuffer: true };

  it('uses one thread, and says why, on a page that is not cross-origin isolated', () => {
    expect(planWasmThreads({ isolated: false, sharedArrayBuffer: false, cores: 8 })).toEqual({
      threads: 1,
      reason: NOT_ISOLATED,
    });
  });

  it('uses every core of an isolated page, up to the pthread pool', () => {
    expect(planWasmThreads({ ...isolated, cores: 2 })).toEqual({ threads: 2 });
    expect(planWasmThreads({ ...isolated, cores: 6 })).toEqual({ threads: 6 });
    expect(planWasmThreads({ ...isolated, cores: 64 }).threads).toBe(MAX_WASM_THREADS);
  });

  it('uses one thread on a single core, or when the core count is unknown', () => {
    expect(planWasmThreads({ ...isolated, cores: 1 })).toMatchObject({ threads: 1 });
    expect(planWasmThreads({ ...isolated, cores: undefined }).reason).toMatch(/single CPU core/);
  });

  it('needs SharedArrayBuffer', () => {
    expect(planWasmThreads({ isolated: true, sharedArrayBuffer: false, cores: 4 })).toMatchObject({
      threads: 1,
      reason: expect.stringMatching(/SharedArrayBuffer/),
    });
  });
});

describe('wasmReport', () => {
  it('reports what the backend uses, with no note when it got the planned threads', () => {
    expect(wasmReport({ threads: 4 }, true, true, 4)).toEqual({
      simd: true,
      threads: 4,
      isolated: true,
    });
  });

  it("keeps the plan's reason for a single thread", () => {
    expect(wasmReport({ threads: 1, reason: NOT_ISOLATED }, false, true, 1).note).toBe(
      NOT_ISOLATED,
    );
  });

  it('explains fewer threads than planned: no SIMD means no threaded build', () => {
    expect(wasmReport({ threads: 4 }, true, false, 1).note).toMatch(/needs WebAssembly SIMD/);
    expect(wasmReport({ threads: 4 }, true, true, 1).note).toMatch(/has no threads/);
  });
});
