/**
 * Counts what a piece of tfjs work costs in launches and synchronisations, on any backend:
 * kernels run (every `engine.runKernel`, gradients and optimizer included), readbacks (every
 * `data()`/`dataSync()`/`array()` read routed through the engine) and, on GPU backends, the
 * real GPU programs recorded (WebGPU compute dispatches, WebGL draws), which differ from kernels
 * because some kernels (Reshape, Identity, …) launch nothing and some launch several.
 */
import * as tf from '@tensorflow/tfjs';

export interface KernelCounts {
  kernels: number;
  /** Kernel launches by kernel name. */
  byName: Record<string, number>;
  /** Asynchronous (`data()`) plus synchronous (`dataSync()`) reads through the engine. */
  readbacks: number;
  /** The synchronous ones among them: they stall the calling thread on a GPU. */
  syncReadbacks: number;
  /** GPU programs recorded (webgpu dispatches, webgl draws); null on the CPU backends. */
  gpuPrograms: number | null;
}

export interface KernelCounter {
  /** Counts so far (a copy). */
  read(): KernelCounts;
  /** Stops counting and restores the wrapped methods. */
  stop(): KernelCounts;
}

interface Patchable {
  [method: string]: unknown;
}

/** The backend method each GPU program goes through, per backend. */
const PROGRAM_METHODS: Record<string, string> = {
  webgpu: 'recordAndSubmit',
  webgl: 'runWebGLProgram',
};

/** Starts counting on the engine and the active backend. One counter at a time. */
export function startKernelCounter(): KernelCounter {
  const engine = tf.engine() as unknown as Patchable;
  const backend = tf.backend() as unknown as Patchable;
  const programMethod = PROGRAM_METHODS[tf.getBackend()];
  const counts: KernelCounts = {
    kernels: 0,
    byName: {},
    readbacks: 0,
    syncReadbacks: 0,
    gpuPrograms: programMethod && typeof backend[programMethod] === 'function' ? 0 : null,
  };
  const restore: (() => void)[] = [];
  const wrap = (target: Patchable, method: string, before: (args: unknown[]) => void) => {
    const own = Object.prototype.hasOwnProperty.call(target, method);
    const original = target[method] as (...args: unknown[]) => unknown;
    if (own && (original as { counted?: boolean }).counted) {
      throw new Error('Another kernel counter is already running.');
    }
    const wrapped = function (this: unknown, ...args: unknown[]) {
      before(args);
      return original.apply(this, args);
    };
    wrapped.counted = true;
    target[method] = wrapped;
    restore.push(() => {
      if (own) target[method] = original;
      else delete target[method];
    });
  };
  wrap(engine, 'runKernel', ([name]) => {
    counts.kernels += 1;
    const key = String(name);
    counts.byName[key] = (counts.byName[key] ?? 0) + 1;
  });
  wrap(engine, 'read', () => {
    counts.readbacks += 1;
  });
  wrap(engine, 'readSync', () => {
    counts.readbacks += 1;
    counts.syncReadbacks += 1;
  });
  if (counts.gpuPrograms !== null) {
    wrap(backend, programMethod!, () => {
      counts.gpuPrograms! += 1;
    });
  }
  const copy = (): KernelCounts => ({ ...counts, byName: { ...counts.byName } });
  return {
    read: copy,
    stop() {
      restore
        .splice(0)
        .reverse()
        .forEach((undo) => undo());
      return copy();
    },
  };
}

/** What happened between two readings of a counter. */
export function countsBetween(before: KernelCounts, after: KernelCounts): KernelCounts {
  const byName: Record<string, number> = {};
  for (const [name, n] of Object.entries(after.byName)) {
    const d = n - (before.byName[name] ?? 0);
    if (d > 0) byName[name] = d;
  }
  return {
    kernels: after.kernels - before.kernels,
    byName,
    readbacks: after.readbacks - before.readbacks,
    syncReadbacks: after.syncReadbacks - before.syncReadbacks,
    gpuPrograms:
      after.gpuPrograms === null || before.gpuPrograms === null
        ? null
        : after.gpuPrograms - before.gpuPrograms,
  };
}
