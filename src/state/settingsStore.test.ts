import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, useSettings } from './settingsStore';

describe('settings store', () => {
  beforeEach(() => useSettings.getState().replaceAll(defaultSettings()));

  it('applies valid values and refuses invalid ones with reasons, keeping the old value', () => {
    const reasons = useSettings
      .getState()
      .update('selfTest', { size: 1024, batch: 0.5, repeats: 1e9 });
    expect(reasons).toEqual(['Batch must be a whole number', 'Timed repeats is outside 1…200']);
    const { selfTest } = useSettings.getState().values;
    expect(selfTest.size).toBe(1024);
    expect(selfTest.batch).toBe(4);
    expect(selfTest.repeats).toBe(10);
  });

  it('refuses an unknown backend without touching the rest', () => {
    const before = useSettings.getState().values;
    const reasons = useSettings.getState().update('app', { backend: 'cuda' as never });
    expect(reasons).toEqual(['Compute backend is not one of auto, webgpu, webgl, wasm, cpu']);
    expect(useSettings.getState().values).toBe(before);
  });
});
