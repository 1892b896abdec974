/**
 * The main thread's handle on the compute worker. Owns the worker's lifetime (start, restart on a
 * lost device or a crash) and makes sure no job promise is left hanging when the worker goes away.
 * Imports no tfjs: only types cross from the worker side.
 */
import * as Comlink from 'comlink';
import type { CheckpointFileExport, ImportedRun } from '../storage/checkpointFile';
import type { MaskPreviewRequest, MaskPreviewResult } from './mask/config';
import type { PretrainedInstall } from './pretrained/config';
import type {
  BackendPreference,
  BackendReport,
  ComputeApi,
  JobEvent,
  JobKind,
  JobParams,
  JobResults,
  MemorySnapshot,
  RuntimeEvent,
  StartOptions,
} from './protocol';

export interface RunningJob<K extends JobKind> {
  id: string;
  result: Promise<JobResults[K]>;
}

export class WorkerGoneError extends Error {
  override name = 'WorkerGone';
}

export class ComputeClient {
  private worker: Worker | undefined;
  private api: Comlink.Remote<ComputeApi> | undefined;
  private readonly pending = new Map<string, (error: Error) => void>();
  private nextJob = 1;

  constructor(private readonly onRuntimeEvent: (event: RuntimeEvent) => void) {}

  /** Starts a fresh worker (ending any previous one) and brings up a backend in it. */
  async start(preference: BackendPreference, options: StartOptions = {}): Promise<BackendReport> {
    this.stop('The compute worker was restarted.');
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'pde-lab-compute',
    });
    const crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        const message = `The compute worker crashed: ${event.message || 'it failed to load'}.`;
        this.failPending(message);
        reject(new WorkerGoneError(message));
        this.onRuntimeEvent({ type: 'worker-error', message });
      });
    });
    crashed.catch(() => {}); // reported through onRuntimeEvent when nobody awaits it
    this.worker = worker;
    this.api = Comlink.wrap<ComputeApi>(worker);
    return Promise.race([
      this.api.init(preference, Comlink.proxy(this.onRuntimeEvent), options),
      crashed,
    ]);
  }

  /** Ends the worker; every job still running rejects with `reason`. */
  stop(reason: string): void {
    this.failPending(reason);
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = undefined;
    this.api = undefined;
  }

  runJob<K extends JobKind>(
    kind: K,
    params: JobParams[K],
    onEvent: (event: JobEvent) => void,
  ): RunningJob<K> {
    const id = `${kind}-${this.nextJob++}`;
    const api = this.api;
    if (!api) {
      return {
        id,
        result: Promise.reject(new WorkerGoneError('The compute worker is not running.')),
      };
    }
    const result = new Promise<JobResults[K]>((resolve, reject) => {
      this.pending.set(id, reject);
      // Comlink's generic remote typing loses K; the worker answers with JobResults[K].
      (api.runJob(id, kind, params, Comlink.proxy(onEvent)) as Promise<JobResults[K]>)
        .then(resolve, reject)
        .finally(() => this.pending.delete(id));
    });
    return { id, result };
  }

  cancelJob(id: string): void {
    void this.api?.cancelJob(id);
  }

  pauseJob(id: string): void {
    void this.api?.pauseJob(id);
  }

  resumeJob(id: string): void {
    void this.api?.resumeJob(id);
  }

  /** Rejects running jobs at once, e.g. when the GPU device is lost and the worker may never answer. */
  failPending(reason: string): void {
    for (const reject of this.pending.values()) reject(new WorkerGoneError(reason));
    this.pending.clear();
  }

  /** The live simulator's calls, run one after another in the order they were made. */
  live(): Comlink.Remote<
    Pick<ComputeApi, 'liveConfigure' | 'liveAdvance' | 'liveReset' | 'livePaint'>
  > {
    if (!this.api) throw new WorkerGoneError('The compute worker is not running.');
    return this.api;
  }

  /** One window of a saved dataset, masked and reconstructed (the Mask panel). */
  maskPreview(request: MaskPreviewRequest): Promise<MaskPreviewResult> {
    if (!this.api) return Promise.reject(new WorkerGoneError('The compute worker is not running.'));
    return this.api.maskPreview(request);
  }

  /** Stores the site's pretrained model as a finished run (see runtime/pretrained). */
  installPretrained(directoryUrl: string): Promise<PretrainedInstall> {
    if (!this.api) return Promise.reject(new WorkerGoneError('The compute worker is not running.'));
    return this.api.installPretrained(directoryUrl);
  }

  /** A saved run with its latest checkpoint as one `.ckpt` file (see runtime/checkpointFiles). */
  exportCheckpointFile(runId: string): Promise<CheckpointFileExport> {
    if (!this.api) return Promise.reject(new WorkerGoneError('The compute worker is not running.'));
    return this.api.exportCheckpointFile(runId);
  }

  /** Checks a `.ckpt` file in the worker and stores its run; the bytes move there, not copied. */
  importCheckpointFile(bytes: Uint8Array): Promise<ImportedRun> {
    if (!this.api) return Promise.reject(new WorkerGoneError('The compute worker is not running.'));
    return this.api.importCheckpointFile(Comlink.transfer(bytes, [bytes.buffer]));
  }

  async memory(): Promise<MemorySnapshot | undefined> {
    return this.api?.memory();
  }

  async loseDevice(): Promise<boolean> {
    return (await this.api?.loseDevice()) ?? false;
  }
}
