/**
 * Prepares tfjs's WebAssembly backend in the compute worker: which builds (plain, SIMD,
 * threaded SIMD) it may load and from where. Browser-only.
 */
import * as tf from '@tensorflow/tfjs';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export async function prepareWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The threaded build's pthread workers break under minification (tfjs #4107): use one thread.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
}
