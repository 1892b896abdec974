/**
 * How many threads tfjs's WebAssembly backend may use, from what the page allows. Pure: the
 * worker passes in what it sees.
 */
import type { WasmReport } from './protocol';

export interface WasmEnvironment {
  /** `crossOriginIsolated`: the host sent COOP/COEP, so memory may be shared with workers. */
  isolated: boolean;
  sharedArrayBuffer: boolean;
  /** `navigator.hardwareConcurrency`. */
  cores: number | undefined;
}

export interface WasmThreadPlan {
  threads: number;
  /** Why it is one thread, in words a user can act on. */
  reason?: string;
}

/**
 * The threaded build starts a pool of 8 pthread workers. A thread beyond the pool would need a new
 * worker to load while XNNPACK blocks the compute worker waiting for it (tfjs #4957).
 */
export const MAX_WASM_THREADS = 8;

export const NOT_ISOLATED =
  'this page is not cross-origin isolated: the host does not send COOP/COEP headers';

export function planWasmThreads(env: WasmEnvironment): WasmThreadPlan {
  if (!env.isolated) return { threads: 1, reason: NOT_ISOLATED };
  if (!env.sharedArrayBuffer) {
    return { threads: 1, reason: 'this browser does not offer SharedArrayBuffer' };
  }
  const cores = Math.floor(env.cores ?? 1);
  if (cores < 2) return { threads: 1, reason: 'the browser reports a single CPU core' };
  return { threads: Math.min(cores, MAX_WASM_THREADS) };
}

/** What the backend really uses, with the reason when it is fewer threads than planned. */
export function wasmReport(
  plan: WasmThreadPlan,
  isolated: boolean,
  simd: boolean,
  threads: number,
): WasmReport {
  let note = plan.reason;
  if (!note && threads < plan.threads) {
    note = simd
      ? "this browser's WebAssembly has no threads"
      : 'the threaded build needs WebAssembly SIMD, which this browser lacks';
  }
  return { simd, threads, isolated, ...(note ? { note } : {}) };
}
