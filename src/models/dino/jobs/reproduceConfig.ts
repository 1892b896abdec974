/**
 * DINo's "Reproduce the paper" job: its name, parameters, scales and result, plain data the UI
 * may import (no tfjs).
 */
import type { ClaimVerdict, RateErrors } from '../claim';

/** The job's name in dinoRuntime.jobs. */
export const DINO_REPRODUCE_JOB = 'reproduce';

export type ReproduceScale = 'tiny' | 'quick';

/** Each scale in words, for the scale choice. */
export const REPRODUCE_SCALES: Record<ReproduceScale, { label: string; explanation: string }> = {
  tiny: {
    label: 'Tiny',
    explanation:
      'a very small model and a few dozen training steps: shows every step of the protocol in a minute or two, but is too short to test the claim.',
  },
  quick: {
    label: 'Quick',
    explanation:
      'the command-line quick profile: a small model (16 numbers per channel in its code, a decoder 32 wide) and 600 training steps per share; several minutes to an hour, depending on the computer and the data.',
  },
};

export interface DinoReproduceParams {
  /** A saved dataset [N, T, X, Y, C] with more frames than DINo trains on. */
  datasetId: string;
  scale: ReproduceScale;
  /** Seeds the weights, batches and observation masks. */
  seed: number;
}

/** Which trajectories trained and which scored the models, and how many frames training saw. */
export interface ReproduceData {
  trainCount: number;
  heldOutCount: number;
  /** 'split': the dataset's validation and test trajectories; 'last quarter': none were kept. */
  heldOutFrom: 'split' | 'last quarter';
  frames: number;
  trainFrames: number;
  gridX: number;
  gridY: number;
}

export interface DinoReproduceResult extends ClaimVerdict {
  scale: ReproduceScale;
  seed: number;
  /** Training steps per share of the grid (DINo, then the grid baseline). */
  steps: number;
  baselineSteps: number;
  data: ReproduceData;
  /** DINo's relative L2 errors per share of the grid observed, on the held-out trajectories. */
  rates: (RateErrors & { trainSeconds: number; finalLoss: number })[];
  /** The grid baseline's, on the same trajectories and points. */
  baseline: (RateErrors & { trainSeconds: number })[];
}
