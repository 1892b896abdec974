/**
 * The typed contract between the UI (main thread) and the compute worker. Only plain data and
 * typed arrays cross it; tensors never leave the worker. This file must stay free of tfjs imports.
 */
import type { ModelSnapshot } from '../models/snapshot';
import type { BackendName, Calibration } from '../storage/calibrationTypes';
import type { CheckpointFileExport, ImportedRun } from '../storage/checkpointFile';
import type { BenchGenerateParams, BenchGenerateResult } from './jobs/benchGenerateConfig';
import type { BenchTrainParams, BenchTrainResult } from './jobs/benchTrainConfig';
import type { BuildDatasetParams, BuildDatasetResult } from './jobs/buildDatasetConfig';
import type { EvaluateModelParams, EvaluateModelResult } from './jobs/evaluateModelConfig';
import type { ModelJobParams } from './jobs/modelJobConfig';
import type { LiveConfig, LiveFrame, PaintStroke } from './live/config';
import type { MaskPreviewRequest, MaskPreviewResult } from './mask/config';
import type { PretrainedInstall } from './pretrained/config';
import type { SelfTestParams, SelfTestResult } from './selftest/config';
import type { TrainModelParams, TrainModelResult } from './jobs/trainModelConfig';

export {
  BACKENDS,
  type BackendName,
  type Calibration,
  type CalibrationEntry,
} from '../storage/calibrationTypes';
export type BackendPreference = 'auto' | BackendName;

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why it could not be used, in words a user can act on. */
  reason?: string;
  ms: number;
}

export interface BackendReport {
  active: BackendName;
  preference: BackendPreference;
  /** Every backend tried, in order; the last one is the active one. */
  attempts: BackendAttempt[];
  adapter?: AdapterSummary;
  limits?: Record<string, number>;
  features?: string[];
  tfjsVersion: string;
  workerUserAgent: string;
  /** What the WebAssembly backend really uses, when it is the active one. */
  wasm?: WasmReport;
  /** Why this backend runs the compute (absent from workers older than the calibration). */
  choice?: BackendChoice;
}

export interface BackendChoice {
  /**
   * forced: the backend setting names one; measured: calibrated on this load; remembered: an
   * earlier calibration on this browser and adapter; fallback: the measured choice did not start.
   */
  reason: 'forced' | 'measured' | 'remembered' | 'fallback';
  /** A few words for the header chip, e.g. "14× faster than this software GPU". */
  summary: string;
  /** The full explanation, for tooltips and screen readers. */
  sentence: string;
  calibration?: Calibration;
}

export interface StartOptions {
  /** Measure again even when this browser and adapter have a stored calibration. */
  recalibrate?: boolean;
}

export interface WasmReport {
  simd: boolean;
  /** Threads XNNPACK computes on; 1 unless the page is cross-origin isolated. */
  threads: number;
  isolated: boolean;
  /** Why it runs on fewer threads than the device has cores. */
  note?: string;
}

export interface JobProgress {
  /** 0…1 */
  fraction: number;
  /** Seconds left, or null until there is enough progress to estimate it. */
  etaSeconds: number | null;
  message: string;
}

/** A picture of a model at work on fixed samples, of the kind its ModelSpec names. */
export type SnapshotData = ModelSnapshot;

export type JobEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'metric'; name: string; step: number; value: number }
  | { type: 'snapshot'; step: number; data: SnapshotData };

/** Job kinds with their parameters and results. A later job kind is one line in each map. */
export interface JobParams {
  selfTest: SelfTestParams;
  buildDataset: BuildDatasetParams;
  benchGenerate: BenchGenerateParams;
  benchTrain: BenchTrainParams;
  trainModel: TrainModelParams;
  evaluateModel: EvaluateModelParams;
  /** One of a model's own jobs, found through the model registry. */
  modelJob: ModelJobParams;
}
export interface JobResults {
  selfTest: SelfTestResult;
  buildDataset: BuildDatasetResult;
  benchGenerate: BenchGenerateResult;
  benchTrain: BenchTrainResult;
  trainModel: TrainModelResult;
  evaluateModel: EvaluateModelResult;
  /** The model's job's own result (plain data); the model's UI knows its type. */
  modelJob: unknown;
}
export type JobKind = keyof JobParams;

/** Name carried by the error a job rejects with when it was stopped on request. */
export const JOB_CANCELLED = 'JobCancelled';

export type RuntimeEvent =
  { type: 'device-lost'; message: string } | { type: 'worker-error'; message: string };

export interface MemorySnapshot {
  numTensors: number;
  numBytes: number;
  /** Bytes held by live tensors on the GPU (webgl/webgpu only). */
  numBytesInGPU?: number;
}

export interface ComputeApi {
  init(
    preference: BackendPreference,
    onRuntimeEvent: (event: RuntimeEvent) => void,
    options?: StartOptions,
  ): Promise<BackendReport>;
  runJob<K extends JobKind>(
    jobId: string,
    kind: K,
    params: JobParams[K],
    onEvent: (event: JobEvent) => void,
  ): Promise<JobResults[K]>;
  cancelJob(jobId: string): void;
  /** Holds a running job before its next step until resumed (or cancelled). */
  pauseJob(jobId: string): void;
  resumeJob(jobId: string): void;
  memory(): MemorySnapshot;
  /** Destroys the GPU device on purpose, so the lost-device recovery can be tried and tested. */
  loseDevice(): boolean;
  /** The live simulator: one run kept in the worker, stepped on request. */
  liveConfigure(config: LiveConfig): Promise<LiveFrame>;
  liveAdvance(intervals: number): Promise<LiveFrame>;
  liveReset(): Promise<LiveFrame>;
  livePaint(stroke: PaintStroke): Promise<LiveFrame>;
  /** The Mask panel: one window of a saved dataset, masked and reconstructed. */
  maskPreview(request: MaskPreviewRequest): Promise<MaskPreviewResult>;
  /** Stores the site's pretrained model as a finished run (`directoryUrl` ends in '/'). */
  installPretrained(directoryUrl: string): Promise<PretrainedInstall>;
  /** A saved run with its latest checkpoint as the bytes of one `.ckpt` file. */
  exportCheckpointFile(runId: string): Promise<CheckpointFileExport>;
  /** Checks a `.ckpt` file and adds its run and checkpoint to storage; stores nothing if it fails. */
  importCheckpointFile(bytes: Uint8Array): Promise<ImportedRun>;
}
