/** The dataset builder job's parameters and result: plain data the UI may import. */
import type { GenerateRequest } from '../../data/generate';
import type { MixRequest } from '../../data/generateMix';

export interface BuildDatasetParams {
  name: string;
  /** One equation, or a weighted mix of equations. */
  request: { kind: 'single'; single: GenerateRequest } | { kind: 'mix'; mix: MixRequest };
  /** Shares of the trajectories kept for validation and test; the rest is for training. */
  split: { val: number; test: number };
}

export interface BuildDatasetResult {
  id: string;
  name: string;
  shape: number[];
  sizeBytes: number;
  /** Set when some record intervals had to be sub-stepped below the requested Δt. */
  note?: string;
}

/** Train/val/test counts for `count` trajectories, stored in that order. */
export function splitCounts(count: number, split: BuildDatasetParams['split']) {
  const test = Math.round(count * split.test);
  const val = Math.min(count - test, Math.round(count * split.val));
  return { train: count - val - test, val, test };
}
