/** Shown on the WebAssembly backend: whether it computes with SIMD and on how many threads. */
import { useRuntime } from '../../../state/runtimeStore';
import { formatWasmSummary } from './wasmSummary';

export function WasmCard() {
  const wasm = useRuntime((s) => s.report?.wasm);
  if (!wasm) return null;
  return (
    <section className="card" aria-labelledby="wasm-heading">
      <h2 id="wasm-heading">WebAssembly</h2>
      <p data-testid="wasm-summary">{formatWasmSummary(wasm)}</p>
      {wasm.threads === 1 && !wasm.isolated ? (
        <p className="muted">
          More threads need a host that sends the COOP/COEP headers; see the README, “Hosting”.
        </p>
      ) : null}
    </section>
  );
}
