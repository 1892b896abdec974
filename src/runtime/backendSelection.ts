/** Which compute backends to try, in which order, and the record of what happened. */
import {
  BACKENDS,
  type BackendAttempt,
  type BackendName,
  type BackendPreference,
} from './protocol';
import { errorMessage } from '../util/errorMessage';

/** Fastest first on real GPUs. A forced backend is tried first, the rest stay as fallbacks. */
export function backendOrder(preference: BackendPreference): BackendName[] {
  if (preference === 'auto') return [...BACKENDS];
  return [preference, ...BACKENDS.filter((b) => b !== preference)];
}

/**
 * Tries each backend in turn until one starts. `start` throws an Error whose message says why a
 * backend cannot be used. Throws when none starts, naming every reason.
 */
export async function selectBackend(
  order: readonly BackendName[],
  start: (backend: BackendName) => Promise<void>,
  now: () => number = () => performance.now(),
): Promise<{ active: BackendName; attempts: BackendAttempt[] }> {
  const attempts: BackendAttempt[] = [];
  for (const backend of order) {
    const t0 = now();
    try {
      await start(backend);
      attempts.push({ backend, ok: true, ms: now() - t0 });
      return { active: backend, attempts };
    } catch (error) {
      attempts.push({ backend, ok: false, reason: errorMessage(error), ms: now() - t0 });
    }
  }
  const reasons = attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ');
  throw new Error(`No compute backend could start (${reasons}).`);
}

/** What falling back means for speed, in one sentence for the banner. */
export function fallbackConsequence(active: BackendName): string {
  switch (active) {
    case 'webgpu':
      return 'Everything runs on the GPU.';
    case 'webgl':
      return 'WebGL still uses the GPU; most work runs at a similar speed, some a little slower.';
    case 'wasm':
      return 'WebAssembly runs on the CPU: small models are fine, large ones and training will be much slower (10–100×).';
    case 'cpu':
      return 'Plain JavaScript on the CPU is the slowest backend (often 100× slower than a GPU): use small sizes.';
  }
}
