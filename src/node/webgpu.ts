/**
 * Starts tfjs's WebGPU backend in Node through Dawn's Node binding (the `webgpu` package): sets
 * `navigator.gpu` and the GPU* constants tfjs-backend-webgpu expects from a browser, checks that an
 * adapter exists (with advice when not), then registers and selects the backend.
 */
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import type * as Dawn from 'webgpu';
import { patchWebgpuBackend } from '../models/nn/webgpuPatches';
import { noAdapterMessage } from './adapterHelp';
import { chooseIcd, findVulkanLoader, SWIFTSHADER_ICD, type IcdSource } from './vulkanIcd';

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** An emulated GPU (SwiftShader, llvmpipe, WARP…) or the adapter says it is a fallback. */
  software: boolean;
  /** Where the Vulkan driver came from (Linux). */
  icd: IcdSource;
  icdFiles: string[];
}

let started: Promise<AdapterSummary> | undefined;

/** Idempotent: later calls reuse the first adapter and just select the backend again. */
export function startNodeWebgpu(): Promise<AdapterSummary> {
  started ??= start().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started.then(async (summary) => {
    if (tf.getBackend() !== 'webgpu' && !(await tf.setBackend('webgpu')))
      throw new Error('The webgpu backend did not start again.');
    return summary;
  });
}

async function start(): Promise<AdapterSummary> {
  const icd = chooseIcd(process.env);
  if (process.platform === 'linux' && icd.set) process.env.VK_ICD_FILENAMES = icd.set;

  const gpu = await createDawnGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new Error(
      noAdapterMessage({
        platform: process.platform,
        icd,
        vulkanLoader: findVulkanLoader(process.env),
        swiftshaderIcd: existsSync(SWIFTSHADER_ICD),
        chromiumLoader: existsSync('/usr/lib/chromium/libvulkan.so.1'),
      }),
    );
  }
  const info = adapter.info;
  const summary: AdapterSummary = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    software: isSoftware(info),
    icd: process.platform === 'linux' ? icd.source : 'none',
    icdFiles: icd.files,
  };

  // tfjs-backend-webgpu registers itself on import only when navigator.gpu exists.
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!tf.findBackendFactory('webgpu')) {
    throw new Error(
      'tfjs-backend-webgpu was loaded before navigator.gpu was set, so it did not register; start the backend through src/node/backend.ts before importing it.',
    );
  }
  patchWebgpuBackend();
  if (!(await tf.setBackend('webgpu'))) {
    throw new Error(
      `The webgpu backend did not start on ${describeAdapter(summary)} (tfjs's warning above says why).`,
    );
  }
  return summary;
}

async function createDawnGpu(): Promise<GPU> {
  let dawn: typeof Dawn;
  try {
    dawn = await import('webgpu');
  } catch (error) {
    throw new Error(
      `Dawn's Node binding (the webgpu package) did not load: ${error instanceof Error ? error.message : String(error)}. Run npm ci; prebuilt binaries exist for linux-x64/arm64, macOS and Windows.`,
    );
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  const existing = (globalThis as { navigator?: object }).navigator;
  // Node 21+ has a navigator without gpu; Node 20 has none.
  if (existing) Object.defineProperty(existing, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  return gpu;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render/i;

function isSoftware(info: GPUAdapterInfo): boolean {
  const fallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return (
    fallback === true ||
    SOFTWARE.test([info.vendor, info.architecture, info.device, info.description].join(' '))
  );
}

export function describeAdapter(a: AdapterSummary): string {
  const name = [a.vendor, a.architecture].filter(Boolean).join(' ') || 'an unnamed adapter';
  const detail = [a.description, a.device].filter(Boolean).join(', ');
  return `${name}${detail ? ` (${detail})` : ''}${a.software ? ', software-emulated' : ''}`;
}
