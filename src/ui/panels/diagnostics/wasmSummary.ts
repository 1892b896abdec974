/** One line on what the WebAssembly backend uses: SIMD, threads and why not more. */
import type { WasmReport } from '../../../runtime/protocol';

export function formatWasmSummary(wasm: WasmReport): string {
  const simd = `SIMD ${wasm.simd ? 'yes' : 'no'}`;
  const threads = `${wasm.threads} ${wasm.threads === 1 ? 'thread' : 'threads'}`;
  const why = wasm.note ?? (wasm.isolated ? 'cross-origin isolated' : undefined);
  return `WebAssembly: ${simd}, ${threads}${why ? ` (${why})` : ''}`;
}
