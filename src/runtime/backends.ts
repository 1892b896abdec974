/**
 * Starts a tfjs backend inside the compute worker and describes the GPU it runs on. In automatic
 * mode the backend is the one a short calibration measured fastest on this browser and adapter
 * (remembered in IndexedDB); a setting that names a backend starts that one with no calibration.
 * Browser-only: the pure selection, timing and explanation logic live in their own modules.
 */
import * as tf from '@tensorflow/tfjs';
import { patchWebgpuBackend } from '../models/nn/webgpuPatches';
import { backendOrder, selectBackend } from './backendSelection';
import { calibrationOrder, measureBackends } from './calibrate';
import {
  calibrationKey,
  chooseFromCalibration,
  explainCalibratedChoice,
  explainFallback,
  explainForcedChoice,
} from './calibrationChoice';
import { createSolverProbe, createTrainingProbe } from './calibrationProbes';
import {
  adapterKey,
  softwareAdapterName,
  softwareRendererName,
  type AdapterFacts,
} from './softwareAdapter';
import { prepareWasm } from './wasmSetup';
import {
  BACKENDS,
  type AdapterSummary,
  type BackendAttempt,
  type BackendChoice,
  type BackendName,
  type BackendPreference,
  type BackendReport,
  type Calibration,
  type StartOptions,
} from './protocol';
import { openCalibrationStore } from '../storage/calibrationStore';
import { errorMessage } from '../util/errorMessage';

const BACKEND_START_TIMEOUT_MS = 30_000;

export async function startBackend(
  preference: BackendPreference,
  options: StartOptions = {},
): Promise<BackendReport> {
  let adapter: GPUAdapter | null = null;
  const start = async (backend: BackendName) => {
    if (backend === 'webgpu') adapter ??= await requestAdapter();
    await startOne(backend);
  };
  let choice: (active: BackendName) => BackendChoice;
  let order: BackendName[];
  let calibrationFailures: BackendAttempt[] = [];
  if (preference === 'auto') {
    adapter = await requestAdapter().catch(() => null);
    const calibration = await calibrationFor(adapter, options.recalibrate === true);
    const { chosen } = calibration.value;
    order = chosen ? [chosen, ...BACKENDS.filter((b) => b !== chosen)] : backendOrder('auto');
    calibrationFailures = calibration.value.entries
      .filter((e) => e.outcome === 'failed')
      .map((e) => ({ backend: e.backend, ok: false, reason: e.problem, ms: 0 }));
    choice = (active) =>
      active === chosen
        ? explainCalibratedChoice(active, calibration.value, calibration.reason)
        : explainFallback(active, calibration.value);
  } else {
    order = backendOrder(preference);
    choice = (active) => explainForcedChoice(active, preference);
  }
  const { active, attempts } = await selectBackend(order, start);
  const usedAdapter = adapter as GPUAdapter | null;
  return {
    active,
    preference,
    attempts: [
      ...calibrationFailures.filter((f) => !attempts.some((a) => a.backend === f.backend)),
      ...attempts,
    ],
    tfjsVersion: tf.version.tfjs,
    workerUserAgent: navigator.userAgent,
    ...(active === 'webgpu' && usedAdapter ? describeWebGpu(usedAdapter) : {}),
    choice: choice(active),
  };
}

/** Prepares, starts and smoke-tests one backend, making it the active one. */
async function startOne(backend: BackendName): Promise<void> {
  await prepare(backend);
  await withTimeout(
    tf.setBackend(backend).then((ok) => {
      if (!ok) throw new Error('TensorFlow.js could not initialise it');
    }),
    BACKEND_START_TIMEOUT_MS,
    `it did not start within ${BACKEND_START_TIMEOUT_MS / 1000} s`,
  );
  await smokeTest();
}

/** The stored calibration for this browser and adapter, or a fresh one (then stored). */
async function calibrationFor(
  adapter: GPUAdapter | null,
  recalibrate: boolean,
): Promise<{ value: Calibration; reason: 'measured' | 'remembered' }> {
  const facts = adapter ? adapterFacts(adapter) : undefined;
  const webglRenderer = probeWebGlRenderer();
  const key = calibrationKey({
    userAgent: navigator.userAgent,
    adapter: adapterKey(facts),
    webglRenderer: webglRenderer ?? 'none',
  });
  const store = await openCalibrationStore().catch(() => undefined);
  try {
    const stored = recalibrate ? undefined : await store?.get(key).catch(() => undefined);
    if (stored) return { value: stored, reason: 'remembered' };
    const value = await calibrate(key, adapter, {
      webgpu: facts && softwareAdapterName(facts),
      webgl: webglRenderer ? softwareRendererName(webglRenderer) : undefined,
    });
    await store?.put(value).catch(() => {}); // a private window may refuse: measure next time
    return { value, reason: 'measured' };
  } finally {
    store?.close();
  }
}

async function calibrate(
  key: string,
  adapter: GPUAdapter | null,
  softwareRenderers: Partial<Record<BackendName, string>>,
): Promise<Calibration> {
  const t0 = performance.now();
  const entries = await measureBackends(calibrationOrder(BACKENDS), {
    software: (backend) => softwareRenderers[backend],
    async start(backend) {
      if (backend === 'webgpu' && !adapter) await requestAdapter(); // throws, saying why
      await startOne(backend);
    },
    createProbes: () => ({ train: createTrainingProbe(), solver: createSolverProbe() }),
    now: () => performance.now(),
  });
  const chosen = chooseFromCalibration(entries);
  const durationMs = performance.now() - t0;
  return { key, measuredAt: Date.now(), durationMs, entries, ...(chosen ? { chosen } : {}) };
}

function adapterFacts(adapter: GPUAdapter): AdapterFacts {
  const info = adapter.info;
  const legacy = adapter as unknown as { isFallbackAdapter?: boolean };
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter ?? legacy.isFallbackAdapter,
  };
}

/** The renderer string of a WebGL context (unmasked where the browser allows it). */
function webGlRenderer(gl: WebGL2RenderingContext): string | undefined {
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof renderer === 'string' ? renderer : undefined;
}

/** The WebGL renderer, from a throwaway context, before any backend starts. */
function probeWebGlRenderer(): string | undefined {
  try {
    if (typeof OffscreenCanvas === 'undefined') return undefined;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return undefined;
    const renderer = webGlRenderer(gl);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch (error) {
    return `unavailable (${errorMessage(error)})`;
  }
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
    patchWebgpuBackend();
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
