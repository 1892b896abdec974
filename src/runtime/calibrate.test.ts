import { describe, expect, it } from 'vitest';
import { calibrationOrder, measureBackends, median, type CalibrationBudgets } from './calibrate';
import type { CalibrationProbe } from './calibrationProbes';
import type { BackendName } from './protocol';

const budgets: CalibrationBudgets = {
  startMs: 50,
  warmUpMs: 50,
  softwareWarmUpMs: 20,
  timedMs: 1,
  stepMs: 20,
  maxReps: 3,
};

/** A clock that advances `tick` ms each time it is read: every step "takes" the same time. */
function fakeClock(tick: number): () => number {
  let t = 0;
  return () => (t += tick);
}

function probe(run: () => Promise<void>, disposed: string[], name: string): CalibrationProbe {
  return { run, dispose: () => disposed.push(name) };
}

const instant = () => Promise.resolve();
const never = () => new Promise<void>(() => {});

describe('measureBackends', () => {
  it('times both probes on every backend that starts, and disposes them', async () => {
    const disposed: string[] = [];
    let active: BackendName | undefined;
    const entries = await measureBackends(
      ['cpu', 'webgpu'],
      {
        software: () => undefined,
        start: async (b) => {
          active = b;
        },
        createProbes: () => ({
          train: probe(instant, disposed, `${active}-train`),
          solver: probe(instant, disposed, `${active}-solver`),
        }),
        now: fakeClock(2),
      },
      budgets,
    );
    expect(entries).toEqual([
      { backend: 'cpu', outcome: 'measured', trainMs: 2, solverMs: 2 },
      { backend: 'webgpu', outcome: 'measured', trainMs: 2, solverMs: 2 },
    ]);
    await Promise.resolve();
    expect(disposed.sort()).toEqual(['cpu-solver', 'cpu-train', 'webgpu-solver', 'webgpu-train']);
  });

  it('records a backend that does not start, with the reason', async () => {
    const entries = await measureBackends(
      ['webgpu'],
      {
        software: () => undefined,
        start: () => Promise.reject(new Error('no WebGPU adapter is available')),
        createProbes: () => {
          throw new Error('not reached');
        },
        now: fakeClock(1),
      },
      budgets,
    );
    expect(entries).toEqual([
      { backend: 'webgpu', outcome: 'failed', problem: 'no WebGPU adapter is available' },
    ]);
  });

  it('cuts off a backend whose step never finishes, and marks its software renderer', async () => {
    const disposed: string[] = [];
    const entries = await measureBackends(
      ['wasm', 'webgpu'],
      {
        software: (b) => (b === 'webgpu' ? 'SwiftShader' : undefined),
        start: async () => {},
        createProbes: () => ({
          train: probe(instant, disposed, 'train'),
          solver: probe(never, disposed, 'solver'),
        }),
        now: fakeClock(1),
      },
      budgets,
    );
    expect(entries.map((e) => [e.backend, e.outcome, e.cutOffDuring, e.software])).toEqual([
      ['wasm', 'cut-off', 'warm-up', undefined],
      ['webgpu', 'cut-off', 'warm-up', 'SwiftShader'],
    ]);
    // The step that never finished keeps its probes alive.
    expect(disposed).toEqual([]);
  });

  it('cuts off a timed step and keeps the steps already measured', async () => {
    let calls = 0;
    const entries = await measureBackends(
      ['cpu'],
      {
        software: () => undefined,
        start: async () => {},
        createProbes: () => ({
          train: probe(instant, [], 'train'),
          // Warm-up finishes, the first timed solver step does not.
          solver: probe(() => (++calls === 1 ? instant() : never()), [], 'solver'),
        }),
        now: fakeClock(3),
      },
      budgets,
    );
    expect(entries[0]).toMatchObject({
      backend: 'cpu',
      outcome: 'cut-off',
      trainMs: 3,
      cutOffDuring: 'solver step',
    });
    expect(entries[0]!.solverMs).toBeUndefined();
  });

  it('reports a step that throws as a failure', async () => {
    const entries = await measureBackends(
      ['wasm'],
      {
        software: () => undefined,
        start: async () => {},
        createProbes: () => ({
          train: probe(() => Promise.reject(new Error("Kernel 'FFT' not registered")), [], 't'),
          solver: probe(instant, [], 's'),
        }),
        now: fakeClock(1),
      },
      budgets,
    );
    expect(entries[0]).toMatchObject({ outcome: 'failed', problem: "Kernel 'FFT' not registered" });
  });
});

describe('what is not timed once WebAssembly has run', () => {
  it('skips JavaScript and a software WebGL, but still times a software WebGPU', async () => {
    const started: string[] = [];
    const entries = await measureBackends(
      ['wasm', 'cpu', 'webgl', 'webgpu'],
      {
        software: (b) => (b === 'webgl' || b === 'webgpu' ? 'SwiftShader' : undefined),
        start: async (b) => {
          started.push(b);
        },
        createProbes: () => ({ train: probe(instant, [], 't'), solver: probe(instant, [], 's') }),
        now: fakeClock(1),
      },
      budgets,
    );
    expect(started).toEqual(['wasm', 'webgpu']);
    expect(entries.map((e) => [e.backend, e.outcome])).toEqual([
      ['wasm', 'measured'],
      ['cpu', 'skipped'],
      ['webgl', 'skipped'],
      ['webgpu', 'measured'],
    ]);
    expect(entries[2]).toMatchObject({
      software: 'SwiftShader',
      problem: expect.stringMatching(/not timed/),
    });
  });

  it('times every backend when WebAssembly did not run', async () => {
    const entries = await measureBackends(
      ['wasm', 'cpu', 'webgl'],
      {
        software: (b) => (b === 'webgl' ? 'SwiftShader' : undefined),
        start: async (b) => {
          if (b === 'wasm') throw new Error('no wasm');
        },
        createProbes: () => ({ train: probe(instant, [], 't'), solver: probe(instant, [], 's') }),
        now: fakeClock(1),
      },
      budgets,
    );
    expect(entries.map((e) => e.outcome)).toEqual(['failed', 'measured', 'measured']);
  });
});

describe('calibrationOrder and median', () => {
  it('measures the CPU backends before the GPU ones', () => {
    expect(calibrationOrder(['webgpu', 'webgl', 'wasm', 'cpu'])).toEqual([
      'wasm',
      'cpu',
      'webgl',
      'webgpu',
    ]);
  });

  it('takes the middle value', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
