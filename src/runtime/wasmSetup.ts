/**
 * Prepares tfjs's WebAssembly backend in the compute worker: which builds (plain, SIMD,
 * threaded SIMD) it may load, from where, and on how many threads. Browser-only.
 */
import * as tf from '@tensorflow/tfjs';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { patchWasmBackend } from '../models/nn/wasmPatches';
import type { WasmReport } from './protocol';
import { planWasmThreads, wasmReport, type WasmThreadPlan } from './wasmThreads';

/** Read before showWasmLogicalCores may shadow it. */
const cores = navigator.hardwareConcurrency;
let plan: WasmThreadPlan | undefined;

export async function prepareWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Kernels tfjs's wasm backend lacks or gets wrong (convnet gradients, float one-hot).
  patchWasmBackend();
  plan = planWasmThreads({
    isolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    cores,
  });
  if (plan.threads === 1) {
    // The plain SIMD build, without the threaded build's pool of idle pthread workers.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  } else {
    wasm.setThreadsCount(plan.threads);
    showWasmLogicalCores(2 * plan.threads);
  }
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
}

/**
 * tfjs's C++ caps its thread pool at hardwareConcurrency / 2 (it assumes two hyper-threads per
 * core), which would leave a 2-core device one thread. The plan already caps threads at the cores
 * there are, so the module (which reads `navigator.hardwareConcurrency` in this worker) is shown
 * enough of them.
 */
function showWasmLogicalCores(count: number): void {
  if (cores >= count) return;
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: count, configurable: true });
}

/** SIMD and threads as the running wasm backend reports them; undefined on other backends. */
export async function describeWasm(): Promise<WasmReport | undefined> {
  if (tf.getBackend() !== 'wasm' || !plan) return undefined;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Kernels tfjs's wasm backend lacks or gets wrong (convnet gradients, float one-hot).
  patchWasmBackend();
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  return wasmReport(plan, self.crossOriginIsolated === true, simd, wasm.getThreadsCount());
}
