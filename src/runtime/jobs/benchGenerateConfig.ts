/** The generation-throughput bench job's parameters and result: plain data the UI and bench may import. */
import type { PdeId } from '../../pde/types';

export interface BenchGenerateParams {
  pde: PdeId;
  /** Trajectories, simulated as one batch. */
  count: number;
  n: number;
  /**
   * Solver steps to time for a stepped scheme: the record interval becomes steps × the default
   * Δt. Left out, one default record interval. An exact scheme always takes one step (one jump).
   */
  steps?: number;
}

export interface BenchGenerateResult {
  pde: PdeId;
  scheme: string;
  /** Whether the scheme jumps exactly from one record time to the next (one step whatever Δt). */
  exact: boolean;
  count: number;
  n: number;
  /** Solver steps taken in the one record interval. */
  steps: number;
  seconds: number;
  /** Trajectories × grid cells × solver steps. */
  cellUpdates: number;
  cellUpdatesPerSecond: number;
}
