/**
 * The Node backends, WebGPU through Dawn included. The WebGPU tests need an adapter (a GPU, or
 * SwiftShader from Debian's chromium package with the system's libvulkan1): without one they are
 * skipped, and the reason is printed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { pdeSpec } from '../pde/registry';
import { initialConditionTensor } from '../pde/initial/tensor';
import { errorMessage } from '../util/errorMessage';
import { globalNorm } from '../models/nn/gradClip';
import { extraBackends, startNodeBackend, type StartedBackend } from './backend';

async function tryWebgpu(): Promise<StartedBackend | string> {
  try {
    return await startNodeBackend('webgpu');
  } catch (error) {
    return errorMessage(error);
  }
}

const webgpu = await tryWebgpu();
if (typeof webgpu === 'string') console.warn(`Skipping the Node WebGPU tests: ${webgpu}`);
await tf.setBackend('cpu');

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs `work` on a backend and returns its result as plain numbers. */
async function on(backend: string, work: () => tf.Tensor): Promise<Float32Array> {
  await startNodeBackend(backend);
  expect(tf.getBackend()).toBe(backend);
  const before = tf.memory().numTensors;
  const result = tf.tidy(work);
  const values = (await result.data()) as Float32Array;
  result.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  return Math.sqrt(diff / norm);
}

/** One exact heat step of two trajectories at 16², as the dataset builder takes it. */
function heatStep(): tf.Tensor {
  const spec = pdeSpec('heat');
  const grid = { n: 16, ...spec.domain };
  const solver = spec.createSolver({
    grid,
    scheme: 'spectral',
    batch: 2,
    coefficients: { nu: Float32Array.of(0.01, 0.02) },
    options: {},
  });
  try {
    const state = initialConditionTensor(spec.defaultInitialCondition, { grid, seeds: [1, 2] });
    return solver.advance(state, 0.05);
  } finally {
    solver.dispose();
  }
}

/** A matmul and the gradient of a loss through it, flattened into one tensor. */
function matmulAndGradient(): tf.Tensor {
  const a = tf.tensor2d(
    Array.from({ length: 48 }, (_, i) => Math.sin(i)),
    [6, 8],
  );
  const b = tf.tensor2d(
    Array.from({ length: 40 }, (_, i) => Math.cos(i / 3)),
    [8, 5],
  );
  const loss = (x: tf.Tensor) =>
    tf
      .matMul(x as tf.Tensor2D, b)
      .square()
      .mean() as tf.Scalar;
  const grad = tf.grad(loss)(a);
  return tf.concat([tf.matMul(a, b).flatten(), grad.flatten()]);
}

/** The global norm of 40 gradients: more inputs than a WebGPU shader may bind at once. */
function normOfManyGradients(): tf.Tensor {
  const grads = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`g${i}`, tf.fill([3, 2], (i % 5) + 1)]),
  );
  return globalNorm(grads);
}

describe('startNodeBackend', () => {
  it('starts cpu and wasm, and refuses an unknown name', async () => {
    expect(await startNodeBackend('cpu')).toEqual({ name: 'cpu' });
    expect(await startNodeBackend('wasm')).toEqual({ name: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    await expect(startNodeBackend('webgl')).rejects.toThrow(/expected one of wasm, cpu, webgpu/);
  });
});

describe('extraBackends', () => {
  it('adds the --backend names beyond the base list, once, and refuses unknown ones', () => {
    const argv = ['node', 'run.ts', '--backend', 'webgpu', '--backend=cpu', '--backend', 'webgpu'];
    expect(extraBackends(argv, ['cpu', 'wasm'])).toEqual(['webgpu']);
    expect(extraBackends(['node', 'run.ts'], ['cpu'])).toEqual([]);
    expect(() => extraBackends(['--backend', 'webgl'], [])).toThrow(/Unknown --backend "webgl"/);
  });
});

describe.runIf(typeof webgpu !== 'string')('the webgpu backend in Node (Dawn)', () => {
  it('reports the adapter', () => {
    const adapter = (webgpu as StartedBackend).adapter!;
    expect(adapter.vendor + adapter.architecture + adapter.description).not.toBe('');
    expect(typeof adapter.software).toBe('boolean');
  });

  it('takes a heat step as the cpu backend does', async () => {
    const gpu = await on('webgpu', heatStep);
    const cpu = await on('cpu', heatStep);
    expect(gpu).toHaveLength(2 * 16 * 16);
    expect(relativeError(gpu, cpu)).toBeLessThan(1e-5);
  });

  it('computes a matmul and its gradient as the cpu backend does', async () => {
    const gpu = await on('webgpu', matmulAndGradient);
    const cpu = await on('cpu', matmulAndGradient);
    expect(relativeError(gpu, cpu)).toBeLessThan(1e-5);
    expect(Math.max(...cpu.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('takes the global norm of more gradients than one shader can bind', async () => {
    const gpu = await on('webgpu', normOfManyGradients);
    const cpu = await on('cpu', normOfManyGradients);
    expect(cpu[0]).toBeCloseTo(Math.sqrt(6 * 8 * (1 + 4 + 9 + 16 + 25)), 4);
    expect(gpu[0]).toBeCloseTo(cpu[0]!, 3);
  });
});
