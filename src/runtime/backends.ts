/**
 * Starts a tfjs backend inside the compute worker and describes the GPU it runs on. Browser-only:
 * the pure selection logic lives in backendSelection.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { backendOrder, selectBackend } from './backendSelection';
import { prepareWasm } from './wasmSetup';
import type { AdapterSummary, BackendName, BackendPreference, BackendReport } from './protocol';

const BACKEND_START_TIMEOUT_MS = 30_000;

export async function startBackend(preference: BackendPreference): Promise<BackendReport> {
  let adapter: GPUAdapter | null = null;
  const { active, attempts } = await selectBackend(backendOrder(preference), async (backend) => {
    if (backend === 'webgpu') adapter = await requestAdapter();
    await prepare(backend);
    await withTimeout(
      tf.setBackend(backend).then((ok) => {
        if (!ok) throw new Error('TensorFlow.js could not initialise it');
      }),
      BACKEND_START_TIMEOUT_MS,
      `it did not start within ${BACKEND_START_TIMEOUT_MS / 1000} s`,
    );
    await smokeTest();
  });
  return {
    active,
    preference,
    attempts,
    tfjsVersion: tf.version.tfjs,
    workerUserAgent: navigator.userAgent,
    ...(active === 'webgpu' && adapter ? describeWebGpu(adapter) : {}),
  };
}

/** The GPUDevice tfjs uses, when the webgpu backend is active. */
function activeGpuDevice(): GPUDevice | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  return (tf.backend() as unknown as { device: GPUDevice }).device;
}

/** The WebGL context tfjs draws with, when the webgl backend is active. */
function activeWebGlContext(): WebGL2RenderingContext | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  return (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
}

/**
 * Resolves with a description of the cause if the active backend loses its GPU (a WebGPU device
 * lost, a WebGL context lost); undefined on the CPU backends, which have none to lose.
 */
export function watchGpuLoss(): Promise<string> | undefined {
  const device = activeGpuDevice();
  if (device) return device.lost.then((info) => info.message || info.reason || 'unknown cause');
  const canvas = activeWebGlContext()?.canvas;
  if (!canvas) return undefined;
  return new Promise((resolve) =>
    canvas.addEventListener('webglcontextlost', () => resolve('the WebGL context was lost'), {
      once: true,
    }),
  );
}

/** Gives the GPU up on purpose, so the recovery can be tried and tested. False on CPU backends. */
export function loseGpu(): boolean {
  const device = activeGpuDevice();
  if (device) {
    device.destroy();
    return true;
  }
  const loseContext = activeWebGlContext()?.getExtension('WEBGL_lose_context');
  loseContext?.loseContext();
  return loseContext != null;
}

async function requestAdapter(): Promise<GPUAdapter> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    throw new Error('this browser does not expose WebGPU (navigator.gpu is missing)');
  }
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter)
    throw new Error('no WebGPU adapter is available (the GPU may be blocklisted or disabled)');
  return adapter;
}

async function prepare(backend: BackendName): Promise<void> {
  if (backend === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  } else if (backend === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined' || !new OffscreenCanvas(1, 1).getContext('webgl2')) {
      throw new Error('WebGL2 is not available in a worker in this browser');
    }
  } else if (backend === 'wasm') {
    await prepareWasm();
  }
}

/** A backend that starts but computes garbage is worse than none. */
async function smokeTest(): Promise<void> {
  const sum = tf.tidy(() => tf.tensor1d([1, 2, 3]).square().sum());
  const [value] = await sum.data();
  sum.dispose();
  if (value !== 14) throw new Error(`it computed 1²+2²+3² = ${value}, not 14`);
}

function describeWebGpu(
  adapter: GPUAdapter,
): Pick<BackendReport, 'adapter' | 'limits' | 'features'> {
  const info = adapter.info;
  const summary: AdapterSummary = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
  };
  const device = activeGpuDevice();
  const limits: Record<string, number> = {};
  const source = device?.limits ?? adapter.limits;
  for (const key in source) {
    const value = (source as unknown as Record<string, unknown>)[key];
    if (typeof value === 'number') limits[key] = value;
  }
  return { adapter: summary, limits, features: [...(device?.features ?? adapter.features)].sort() };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
