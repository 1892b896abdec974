import { describe, expect, it } from 'vitest';
import { backendOrder, selectBackend } from './backendSelection';
import type { BackendName } from './protocol';

describe('backendOrder', () => {
  it('prefers webgpu, then webgl, wasm and cpu', () => {
    expect(backendOrder('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
  it('puts a forced backend first and keeps the others as fallbacks', () => {
    expect(backendOrder('wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
  });
});

describe('selectBackend', () => {
  const failing = (broken: Partial<Record<BackendName, string>>) => async (b: BackendName) => {
    const reason = broken[b];
    if (reason) throw new Error(reason);
  };

  it('takes the first backend that starts and records why the others did not', async () => {
    const result = await selectBackend(
      backendOrder('auto'),
      failing({ webgpu: 'no WebGPU adapter', webgl: 'WebGL2 context lost' }),
    );
    expect(result.active).toBe('wasm');
    expect(result.attempts.map((a) => [a.backend, a.ok, a.reason])).toEqual([
      ['webgpu', false, 'no WebGPU adapter'],
      ['webgl', false, 'WebGL2 context lost'],
      ['wasm', true, undefined],
    ]);
  });

  it('fails with every reason when nothing starts', async () => {
    const all = { webgpu: 'a', webgl: 'b', wasm: 'c', cpu: 'd' };
    await expect(selectBackend(backendOrder('auto'), failing(all))).rejects.toThrow(
      'No compute backend could start (webgpu: a; webgl: b; wasm: c; cpu: d).',
    );
  });
});
