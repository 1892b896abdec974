/**
 * The compute worker: hosts TensorFlow.js, runs every job, and reports progress to the UI.
 * Everything that touches tfjs runs here, so the main thread stays responsive.
 */
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { activeGpuDevice, startBackend } from './backends';
import { JobRunner, type JobHandler } from './jobRunner';
import type {
  ComputeApi,
  JobEvent,
  JobKind,
  JobParams,
  JobResults,
  MemorySnapshot,
  RuntimeEvent,
} from './protocol';
import { runSelfTest } from './selftest/selfTest';
import { collectTransferables } from './transferables';

const handlers: { [K in JobKind]: JobHandler<JobParams[K], JobResults[K]> } = {
  selfTest: runSelfTest,
};

const runner = new JobRunner();
let reportRuntimeEvent: (event: RuntimeEvent) => void = () => {};
let deviceLostOnPurpose = false;
let deviceLost: Promise<string> | undefined;

const api: ComputeApi = {
  async init(preference, onRuntimeEvent) {
    reportRuntimeEvent = onRuntimeEvent;
    const report = await startBackend(preference);
    deviceLost = activeGpuDevice()?.lost.then((info) => {
      const cause = deviceLostOnPurpose
        ? 'it was released on request'
        : info.message || info.reason;
      const message = `The GPU device was lost (${cause}).`;
      reportRuntimeEvent({ type: 'device-lost', message });
      return message;
    });
    return report;
  },

  async runJob<K extends JobKind>(
    jobId: string,
    kind: K,
    params: JobParams[K],
    onEvent: (event: JobEvent) => void,
  ): Promise<JobResults[K]> {
    const handler = handlers[kind] as JobHandler<JobParams[K], JobResults[K]> | undefined;
    if (!handler) throw new Error(`Unknown job kind "${String(kind)}".`);
    try {
      const result = await runner.run(jobId, handler, params, onEvent);
      return Comlink.transfer(result, collectTransferables(result));
    } catch (error) {
      // A lost device first shows up as some GPU call failing; name the real cause instead.
      const lost = await settledWithin(deviceLost, 100);
      throw lost ? new Error(lost) : error;
    }
  },

  cancelJob(jobId) {
    runner.cancel(jobId);
  },

  memory(): MemorySnapshot {
    const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
    return {
      numTensors: memory.numTensors,
      numBytes: memory.numBytes,
      ...(memory.numBytesInGPU === undefined ? {} : { numBytesInGPU: memory.numBytesInGPU }),
    };
  },

  loseDevice() {
    const device = activeGpuDevice();
    if (!device) return false;
    deviceLostOnPurpose = true;
    device.destroy();
    return true;
  },
};

/** The promise's value if it settles within `ms`, else undefined. */
function settledWithin<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (!promise) return Promise.resolve(undefined);
  return Promise.race([promise, new Promise<undefined>((r) => setTimeout(r, ms))]);
}

self.addEventListener('unhandledrejection', (event) => {
  reportRuntimeEvent({
    type: 'worker-error',
    message: String(event.reason?.message ?? event.reason),
  });
});

Comlink.expose(api);
