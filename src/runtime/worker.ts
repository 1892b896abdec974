/**
 * The compute worker: hosts TensorFlow.js, runs every job, and reports progress to the UI.
 * Everything that touches tfjs runs here, so the main thread stays responsive.
 */
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { loseGpu, startBackend, watchGpuLoss } from './backends';
import { exportCheckpointFile, importCheckpointFile } from './checkpointFiles';
import { JobRunner, type JobHandler } from './jobRunner';
import { benchGenerate } from './jobs/benchGenerate';
import { benchTrain } from './jobs/benchTrain';
import { buildDataset } from './jobs/buildDataset';
import { evaluateModel } from './jobs/evaluateModel';
import { modelJob } from './jobs/modelJob';
import { trainModel } from './jobs/trainModel';
import type { LiveFrame } from './live/config';
import { LiveSimulator } from './live/liveSimulator';
import { MaskPreviewer } from './mask/maskPreview';
import { installPretrained } from './pretrained/installPretrained';
import type {
  ComputeApi,
  JobEvent,
  JobKind,
  JobParams,
  JobResults,
  MemorySnapshot,
  RuntimeEvent,
} from './protocol';
import { openLabStorage } from '../storage/labStorage';
import { runSelfTest } from './selftest/selfTest';
import { collectTransferables } from './transferables';
import { describeWasm } from './wasmSetup';

const handlers: { [K in JobKind]: JobHandler<JobParams[K], JobResults[K]> } = {
  selfTest: runSelfTest,
  buildDataset,
  benchGenerate,
  benchTrain,
  trainModel: (params, ctx) => trainModel(params, ctx),
  evaluateModel: (params, ctx) => evaluateModel(params, ctx),
  modelJob: (params, ctx) => modelJob(params, ctx),
};

const runner = new JobRunner();
const live = new LiveSimulator();
const masks = new MaskPreviewer();
const sendFrame = (frame: LiveFrame) => Comlink.transfer(frame, collectTransferables(frame));
/** How long a failed job waits for a GPU loss to be reported before it gives its own error. */
const GPU_LOSS_GRACE_MS = 2000;

let reportRuntimeEvent: (event: RuntimeEvent) => void = () => {};
let gpuLostOnPurpose = false;
/** Settles with the user-facing message once the GPU is lost. */
let gpuLost: Promise<string> | undefined;

const api: ComputeApi = {
  async init(preference, onRuntimeEvent, options) {
    reportRuntimeEvent = onRuntimeEvent;
    const backend = await startBackend(preference, options);
    const wasm = await describeWasm();
    const report = wasm ? { ...backend, wasm } : backend;
    gpuLost = watchGpuLoss()?.then((cause) => {
      const why = gpuLostOnPurpose ? 'it was released on request' : cause;
      const message = `The GPU device was lost (${why}).`;
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
      // Snapshot arrays are moved to the UI, not copied.
      const emit = (event: JobEvent) =>
        onEvent(
          event.type === 'snapshot' ? Comlink.transfer(event, collectTransferables(event)) : event,
        );
      const result = await runner.run(jobId, handler, params, emit);
      return Comlink.transfer(result, collectTransferables(result));
    } catch (error) {
      // A lost device first shows up as some GPU call failing; name the real cause instead. The
      // loss itself can be reported a second or more later on a busy machine (measured under load).
      const lost = await settledWithin(gpuLost, GPU_LOSS_GRACE_MS);
      throw lost ? new Error(lost) : error;
    } finally {
      (onEvent as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy]?.();
    }
  },

  cancelJob(jobId) {
    runner.cancel(jobId);
  },

  pauseJob(jobId) {
    runner.pause(jobId);
  },

  resumeJob(jobId) {
    runner.resume(jobId);
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
    gpuLostOnPurpose = true;
    return loseGpu();
  },

  liveConfigure: async (config) => sendFrame(await live.configure(config)),
  liveAdvance: async (intervals) => sendFrame(await live.advance(intervals)),
  liveReset: async () => sendFrame(await live.reset()),
  livePaint: async (stroke) => sendFrame(await live.paint(stroke)),
  maskPreview: async (request) => {
    const result = await masks.preview(request);
    return Comlink.transfer(result, collectTransferables(result));
  },
  installPretrained: (directoryUrl) => installPretrained(directoryUrl, () => openLabStorage()),
  exportCheckpointFile: async (runId) => {
    const file = await exportCheckpointFile(runId, () => openLabStorage());
    return Comlink.transfer(file, [file.bytes.buffer]);
  },
  importCheckpointFile: (bytes) => importCheckpointFile(bytes, () => openLabStorage()),
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
