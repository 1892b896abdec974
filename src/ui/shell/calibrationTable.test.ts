import { describe, expect, it } from 'vitest';
import { calibrationRows, formatMs } from './calibrationTable';

describe('calibrationRows', () => {
  it('describes each backend: times, the choice, software and failures', () => {
    const rows = calibrationRows({
      key: 'k',
      measuredAt: 0,
      chosen: 'wasm',
      entries: [
        { backend: 'wasm', outcome: 'measured', trainMs: 3.14, solverMs: 12.6 },
        {
          backend: 'webgpu',
          outcome: 'cut-off',
          software: 'SwiftShader',
          trainMs: 80,
          budgetMs: 150,
          cutOffDuring: 'solver step',
        },
        { backend: 'webgl', outcome: 'failed', problem: 'WebGL2 is not available' },
        {
          backend: 'cpu',
          outcome: 'skipped',
          problem: 'not timed: WebAssembly runs the same kernels faster',
        },
      ],
    });
    expect(rows).toEqual([
      { backend: 'WebAssembly', trainMs: '3.1', solverMs: '13', chosen: true, note: '' },
      {
        backend: 'WebGPU',
        trainMs: '80',
        solverMs: '> 150',
        chosen: false,
        note: 'software GPU (SwiftShader); cut off: a solver step took over 150 ms',
      },
      {
        backend: 'WebGL',
        trainMs: '—',
        solverMs: '—',
        chosen: false,
        note: 'did not start: WebGL2 is not available',
      },
      {
        backend: 'JavaScript',
        trainMs: '—',
        solverMs: '—',
        chosen: false,
        note: 'not timed: WebAssembly runs the same kernels faster',
      },
    ]);
  });

  it('formats milliseconds', () => {
    expect(formatMs(undefined)).toBe('—');
    expect(formatMs(0.456)).toBe('0.5');
    expect(formatMs(123.4)).toBe('123');
  });
});
