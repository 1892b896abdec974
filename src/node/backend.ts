/**
 * Starts a tfjs backend in Node by name, for the CLIs, the bench and the GPU kit. Node-only: the
 * browser picks its backend in src/runtime/backends.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { patchWasmBackend } from '../models/nn/wasmPatches';
import { describeAdapter, startNodeWebgpu, type AdapterSummary } from './webgpu';

export const NODE_BACKENDS = ['wasm', 'cpu', 'webgpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];
export const DEFAULT_NODE_BACKEND: NodeBackend = 'wasm';

/** For --help texts: "wasm (default) | cpu | webgpu". */
export const NODE_BACKEND_CHOICES = NODE_BACKENDS.map((name) =>
  name === DEFAULT_NODE_BACKEND ? `${name} (default)` : name,
).join(' | ');

export interface StartedBackend {
  name: NodeBackend;
  /** The WebGPU adapter, for webgpu. */
  adapter?: AdapterSummary;
}

export function isNodeBackend(name: string): name is NodeBackend {
  return (NODE_BACKENDS as readonly string[]).includes(name);
}

export async function startNodeBackend(name: string): Promise<StartedBackend> {
  if (!isNodeBackend(name))
    throw new Error(`Unknown backend "${name}"; expected one of ${NODE_BACKENDS.join(', ')}.`);
  if (name === 'webgpu') return { name, adapter: await startNodeWebgpu() };
  if (name === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    patchWasmBackend();
  }
  if (!(await tf.setBackend(name)))
    throw new Error(`The ${name} backend did not start (tfjs's warning above says why).`);
  return { name };
}

/** One line for logs: "webgpu on nvidia ampere (NVIDIA GeForce …)". */
export function describeBackend(started: StartedBackend): string {
  return started.adapter ? `${started.name} on ${describeAdapter(started.adapter)}` : started.name;
}

/** Backends named by `--backend NAME` flags in argv beyond `base` (for the bench's Node part). */
export function extraBackends(argv: readonly string[], base: readonly string[]): NodeBackend[] {
  const named = argv.flatMap((arg, i) =>
    arg === '--backend' ? [argv[i + 1] ?? ''] : arg.startsWith('--backend=') ? [arg.slice(10)] : [],
  );
  for (const name of named)
    if (!isNodeBackend(name))
      throw new Error(`Unknown --backend "${name}"; expected one of ${NODE_BACKENDS.join(', ')}.`);
  return [...new Set(named as NodeBackend[])].filter((name) => !base.includes(name));
}
