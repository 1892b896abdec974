/**
 * PhysicNet-style's "Reproduce the paper" job: its name, parameters, scales and result, plain data
 * the UI may import (no tfjs).
 */
import type { ArmRow, NoiseComparison, PersistenceRow } from '../claimExperiment';
import type { PhysicNetVerdict } from '../claim';

/** The job's name in physicnetRuntime.jobs. */
export const PHYSICNET_REPRODUCE_JOB = 'reproduce';

export type PhysicNetReproduceScale = 'tiny' | 'quick';

/**
 * Each scale in words, for the scale choice, with the time of a whole run where it was measured,
 * on 2 CPU cores: tiny by reproduce.test.ts (Node, tfjs cpu), quick by the CLI's experiment
 * (bench/results/experiment-physicnet-quick.json: 513–523 s in two runs). No GPU has timed it:
 * the only WebGPU measured here was software-emulated (bench/results/physicnet-step.json).
 */
export const PHYSICNET_REPRODUCE_SCALES: Record<
  PhysicNetReproduceScale,
  { label: string; explanation: string; time: { cpu: string; gpu: string } }
> = {
  tiny: {
    label: 'Tiny',
    explanation:
      'a very small model and a handful of training steps per arm: shows every step of the protocol in a minute or two, but is too short to test the claim.',
    time: {
      cpu: 'about 10 s for 6 swirl trajectories of 8 frames at 16² (measured on 2 cores); longer for more trajectories and larger grids',
      gpu: 'not timed yet',
    },
  },
  quick: {
    label: 'Quick',
    explanation:
      'the command-line quick profile: a small model (encoders 16 wide, 32 codes, 4 frames in and 4 forecast) and 300 training steps for each of the five runs; tens of minutes to hours, depending on the computer and the grid.',
    time: {
      cpu: 'about 8–9 min for 64 swirl trajectories of 20 frames at 32² (measured on 2 cores with WebAssembly); longer for larger grids',
      gpu: 'not timed yet (no GPU was available to time it)',
    },
  },
};

export interface PhysicNetReproduceParams {
  /** A saved dataset [N, T, X, Y, C]; swirl data add the flow's end-point error. */
  datasetId: string;
  scale: PhysicNetReproduceScale;
  /** Seeds the weights, batches, crops and the noise of the noisy run. */
  seed: number;
}

/** Which trajectories trained and which scored the runs. */
export interface PhysicNetReproduceData {
  trainCount: number;
  heldOutCount: number;
  /** 'split': the dataset's validation and test trajectories; 'last quarter': none were kept. */
  heldOutFrom: 'split' | 'last quarter';
  frames: number;
  gridX: number;
  gridY: number;
  /** Whether the trajectories carry a known flow (the swirl equation's). */
  knownFlow: boolean;
}

export interface PhysicNetReproduceResult extends PhysicNetVerdict {
  scale: PhysicNetReproduceScale;
  seed: number;
  /** Training steps of every run. */
  steps: number;
  data: PhysicNetReproduceData;
  arms: ArmRow[];
  flowEndPointError: number | null;
  zeroFlowEndPointError: number | null;
  noise: NoiseComparison | null;
  baseline: { persistence: PersistenceRow };
  windows: number;
}
