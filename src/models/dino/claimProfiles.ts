/**
 * The sizes DINo's claim is tested at (methods §3g), plain data the UI may import: the model,
 * the iterations per rate and the grid baseline's budget. The claim compares the rates 5 % and
 * 25 %; the full profile adds 50 % and 100 %.
 */
import { DINO_PRESETS, type DinoConfig } from './config';

export interface ClaimProfile {
  config: DinoConfig;
  rates: number[];
  steps: number;
  batch: number;
  /** Steps of the grid baseline (batches of `batch` frame pairs). */
  baselineSteps: number;
}

export type ClaimProfileId = 'tiny' | 'quick' | 'full';

/** The shares of the grid the claim compares. */
export const CLAIM_RATES = [0.05, 0.25];

export const CLAIM_PROFILES: Record<ClaimProfileId, ClaimProfile> = {
  // A few dozen steps: shows the protocol end to end in a classroom or a test, proves nothing.
  tiny: {
    config: { ...DINO_PRESETS.tiny.config, trainingMode: 'simple', decayEvery: 1 },
    rates: CLAIM_RATES,
    steps: 40,
    batch: 4,
    baselineSteps: 20,
  },
  // About 12 minutes on a 2-core CPU with tfjs's wasm backend (32² wave data).
  quick: {
    config: {
      ...DINO_PRESETS.classroom.config,
      codeDim: 16,
      decoderWidth: 32,
      dynamicsWidth: 64,
      trainingMode: 'simple',
      // Teacher forcing fades within the run: ε < 0.01 after 460 iterations.
      decayEvery: 1,
    },
    rates: CLAIM_RATES,
    steps: 600,
    batch: 8,
    baselineSteps: 300,
  },
  // Methods §3g's browser configuration and protocol at 64²: sized for a GPU, hours on a CPU.
  full: {
    config: DINO_PRESETS.small.config,
    rates: [...CLAIM_RATES, 0.5, 1],
    steps: 6000,
    batch: 16,
    baselineSteps: 3000,
  },
};
