/**
 * The sizes PhysicNet's claim is tested at (methods §4g), plain data the UI may import: the model
 * every arm starts from, the training budget per arm, the noise of the noisy-training comparison
 * and the swirl data the command line builds (the browser's job reads a saved dataset instead).
 */
import { PHYSICNET_PRESETS, type PhysicNetConfig } from './config';

export interface PhysicNetClaimData {
  /** Grid side. */
  grid: number;
  /** Training and held-out trajectories, built together from one seed (held-out last). */
  train: number;
  test: number;
  frames: number;
  /** The swirl's peak speed (box sides per time unit); the Data panel's default is 0.5. */
  speed: number;
}

export interface PhysicNetClaimProfile {
  /** The full arm's config; the other arms switch one part off. */
  config: PhysicNetConfig;
  steps: number;
  batch: number;
  /** Adam's learning rate, constant. */
  lr: number;
  /** σ of the noisy-training comparison, relative to each channel's std (test data stay clean). */
  noiseSigma: number;
  data: PhysicNetClaimData;
}

export type PhysicNetClaimProfileId = 'tiny' | 'quick' | 'full';

export const PHYSICNET_CLAIM_PROFILES: Record<PhysicNetClaimProfileId, PhysicNetClaimProfile> = {
  // A few steps: shows the protocol end to end in a test or a classroom, proves nothing.
  tiny: {
    config: { ...PHYSICNET_PRESETS.tiny.config, crops: 2 },
    steps: 6,
    batch: 2,
    lr: 1e-3,
    noiseSigma: 0.1,
    data: { grid: 16, train: 4, test: 2, frames: 8, speed: 0.5 },
  },
  // About 12 minutes on a 2-core CPU with tfjs's wasm backend (patched, nn/wasmPatches.ts), five
  // runs of 300 steps. 32² instead of methods §4g's 64² (a quarter of the work per step), the
  // tiny preset widened to 16 with 32 codes, 4 frames in and 4 forecast; peak speed 1.0 keeps the
  // blobs' motion per frame in grid cells what the panel's 0.5 gives at 64² (0.64 at most). Adam
  // at 3e-3: after 300 steps its held-out MSE was 4.4e-3 against 6.0e-3 at methods §4c's 1e-3
  // and 5.0e-3 at 1e-2 (full arm, seed 1, measured on this profile).
  quick: {
    config: {
      ...PHYSICNET_PRESETS.tiny.config,
      inputFrames: 4,
      outputFrames: 4,
      width: 16,
      codeDim: 16,
      codes: 32,
      flowIterations: 2,
      crops: 4,
    },
    steps: 300,
    batch: 8,
    lr: 3e-3,
    noiseSigma: 0.1,
    data: { grid: 32, train: 48, test: 16, frames: 20, speed: 1 },
  },
  // Methods §4g at 64²: the small preset with 10 input and 10 forecast frames, 256 training and
  // 64 held-out sequences, 2,500 steps of 16 per arm: sized for a GPU, many hours on a CPU.
  full: {
    config: { ...PHYSICNET_PRESETS.small.config, inputFrames: 10, outputFrames: 10 },
    steps: 2500,
    batch: 16,
    lr: 1e-3,
    noiseSigma: 0.1,
    data: { grid: 64, train: 256, test: 64, frames: 20, speed: 0.5 },
  },
};
