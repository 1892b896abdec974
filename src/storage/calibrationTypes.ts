/**
 * A backend calibration as plain data: how long each compute backend took on the probe
 * workloads, and the one the timings chose. The worker measures it (runtime/protocol.ts
 * re-exports these types) and calibrationStore remembers it per browser and adapter.
 */

/** The compute backends, in the order the lab tries them by default. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** One backend's row in the calibration: how long the two probe workloads took on it. */
export interface CalibrationEntry {
  backend: BackendName;
  /**
   * 'cut-off': still not done when its time budget ran out; 'failed': did not start or run;
   * 'skipped': not worth timing (`problem` says why).
   */
  outcome: 'measured' | 'cut-off' | 'failed' | 'skipped';
  /** Milliseconds per training step (tiny attention + MLP, forward, backward, Adam). */
  trainMs?: number;
  /** Milliseconds per Navier–Stokes solver step (4 fields of 32²). */
  solverMs?: number;
  /** When cut off: how long the unfinished step had run, so the step takes at least this long. */
  budgetMs?: number;
  /** When cut off: what it was doing. A warm-up step includes one-off shader compilation. */
  cutOffDuring?: 'warm-up' | 'training step' | 'solver step';
  /** The software renderer it runs on (e.g. 'SwiftShader') when its GPU is emulated on the CPU. */
  software?: string;
  /** Why it failed or was skipped, in words a user can act on. */
  problem?: string;
}

export interface Calibration {
  /** Browser, adapter and workload version the timings belong to. */
  key: string;
  /** When it was measured (ms since the epoch). */
  measuredAt: number;
  /** How long measuring took. */
  durationMs?: number;
  entries: CalibrationEntry[];
  /** The backend the timings chose; undefined when none could run the probes. */
  chosen?: BackendName;
}
