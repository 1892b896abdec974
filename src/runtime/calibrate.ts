/**
 * Times the probe workloads on each backend, one after another, with every step bounded so that a
 * slow backend (a software GPU) is cut off instead of holding the lab up. The caller decides how a
 * backend is started and which probes run, so the timing rules are unit-tested with fakes.
 */
import type { CalibrationProbe } from './calibrationProbes';
import type { BackendName, CalibrationEntry } from './protocol';
import { errorMessage } from '../util/errorMessage';

export interface CalibrationTarget {
  /** The software renderer a GPU backend would run on (known before starting it), if any. */
  software(backend: BackendName): string | undefined;
  /** Makes the backend the active one. Throws, saying why, when it cannot start. */
  start(backend: BackendName): Promise<void>;
  /** Probes created on the active backend. */
  createProbes(): { train: CalibrationProbe; solver: CalibrationProbe };
  now(): number;
}

export interface CalibrationBudgets {
  /** Longest a backend may take to start. */
  startMs: number;
  /** Longest a first (compiling) step may take on a real GPU or CPU backend. */
  warmUpMs: number;
  /** Longest a first step may take on a software GPU once WebAssembly has run: it cannot win. */
  softwareWarmUpMs: number;
  /** Timed steps per probe stop once this much time has passed (after at least one). */
  timedMs: number;
  /** Longest one timed step may take. */
  stepMs: number;
  maxReps: number;
}

export const DEFAULT_BUDGETS: CalibrationBudgets = {
  startMs: 5000,
  warmUpMs: 5000,
  softwareWarmUpMs: 300,
  timedMs: 60,
  stepMs: 150,
  maxReps: 5,
};

class CutOff extends Error {
  constructor(
    readonly during: NonNullable<CalibrationEntry['cutOffDuring']>,
    readonly ranMs: number,
  ) {
    super(`cut off during ${during}`);
  }
}

/**
 * CPU backends first, WebGPU last: a GPU cut off mid-step keeps computing in the background for a
 * while and would slow whatever is measured after it.
 */
export function calibrationOrder(available: readonly BackendName[]): BackendName[] {
  const rank: Record<BackendName, number> = { wasm: 0, cpu: 1, webgl: 2, webgpu: 3 };
  return [...available].sort((a, b) => rank[a] - rank[b]);
}

/**
 * Why a backend is not worth timing once WebAssembly has run, or undefined. JavaScript runs the
 * same kernels as WebAssembly without SIMD, so it never wins. A software WebGL cannot win either
 * (a software GPU never beats WebAssembly), and unlike WebGPU it compiles its shaders
 * synchronously, blocking the worker for seconds where no time budget can cut it off.
 */
export function reasonNotToTime(
  backend: BackendName,
  software: string | undefined,
  wasmRan: boolean,
): string | undefined {
  if (!wasmRan) return undefined;
  if (backend === 'cpu') return 'not timed: WebAssembly runs the same kernels faster';
  if (backend === 'webgl' && software)
    return 'not timed: WebAssembly is preferred to a software GPU';
  return undefined;
}

export async function measureBackends(
  order: readonly BackendName[],
  target: CalibrationTarget,
  budgets: CalibrationBudgets = DEFAULT_BUDGETS,
): Promise<CalibrationEntry[]> {
  const entries: CalibrationEntry[] = [];
  for (const backend of order) {
    const wasmRan = entries.some((e) => e.backend === 'wasm' && e.outcome === 'measured');
    entries.push(await measureOne(backend, target, budgets, wasmRan));
  }
  return entries;
}

async function measureOne(
  backend: BackendName,
  target: CalibrationTarget,
  budgets: CalibrationBudgets,
  wasmRan: boolean,
): Promise<CalibrationEntry> {
  const software = target.software(backend);
  const base: CalibrationEntry = {
    backend,
    outcome: 'measured',
    ...(software ? { software } : {}),
  };
  const skip = reasonNotToTime(backend, software, wasmRan);
  if (skip) return { ...base, outcome: 'skipped', problem: skip };
  try {
    await within(
      target.start(backend),
      budgets.startMs,
      `it did not start within ${budgets.startMs / 1000} s`,
    );
  } catch (error) {
    return { ...base, outcome: 'failed', problem: errorMessage(error) };
  }
  let probes: ReturnType<CalibrationTarget['createProbes']>;
  try {
    probes = target.createProbes();
  } catch (error) {
    return { ...base, outcome: 'failed', problem: errorMessage(error) };
  }
  const timings: { trainMs?: number; solverMs?: number } = {};
  // A cut-off step is still running: dispose the probes only once it is done.
  let running: Promise<unknown> = Promise.resolve();
  const step = async (
    probe: CalibrationProbe,
    limitMs: number,
    during: CutOff['during'],
  ): Promise<number> => {
    const t0 = target.now();
    running = probe.run();
    const finished = await settlesWithin(running, limitMs);
    if (!finished) throw new CutOff(during, target.now() - t0);
    await running; // rethrows a failed step
    return target.now() - t0;
  };
  try {
    const warmUpMs = software && wasmRan ? budgets.softwareWarmUpMs : budgets.warmUpMs;
    const warmUpStart = target.now();
    await step(probes.train, warmUpMs, 'warm-up');
    await step(probes.solver, warmUpMs - (target.now() - warmUpStart), 'warm-up');
    timings.trainMs = await timeSteps(
      (limit) => step(probes.train, limit, 'training step'),
      budgets,
    );
    timings.solverMs = await timeSteps(
      (limit) => step(probes.solver, limit, 'solver step'),
      budgets,
    );
    return { ...base, ...timings };
  } catch (error) {
    if (error instanceof CutOff) {
      return {
        ...base,
        ...timings,
        outcome: 'cut-off',
        budgetMs: error.ranMs,
        cutOffDuring: error.during,
      };
    }
    return { ...base, ...timings, outcome: 'failed', problem: errorMessage(error) };
  } finally {
    const { train, solver } = probes;
    void running.then(
      () => disposeAll(train, solver),
      () => disposeAll(train, solver),
    );
  }
}

/** The median of a few timed steps: at least one, more while there is time. */
async function timeSteps(
  step: (limitMs: number) => Promise<number>,
  budgets: CalibrationBudgets,
): Promise<number> {
  const times: number[] = [];
  let spent = 0;
  while (times.length === 0 || (spent < budgets.timedMs && times.length < budgets.maxReps)) {
    const ms = await step(budgets.stepMs);
    times.push(ms);
    spent += ms;
  }
  return median(times);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function disposeAll(...probes: CalibrationProbe[]): void {
  for (const probe of probes) probe.dispose();
}

/** True when the promise settles (either way) within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms <= 0) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  if (!(await settlesWithin(promise, ms))) throw new Error(message);
  return promise;
}
