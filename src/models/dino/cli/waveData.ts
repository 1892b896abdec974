/**
 * DINo's wave setting from the Data panel (methods §3): Gaussian bumps at rest on a 64² periodic
 * grid, 20 frames (u and ∂u/∂t), trained on the first 10 and tested on all 20.
 */
import { dataPanelRequest } from '../../../cli/dataPanelRequest';
import { generateDataset, type GeneratedDataset } from '../../../data/generate';
import type { TrajectoryArray } from '../../../data/trajectories';

export const WAVE_FRAMES = 20;

/** `count` wave trajectories as the Data panel builds them with this seed. */
export function waveData(count: number, seed: number, n = 64): Promise<GeneratedDataset> {
  return generateDataset(
    dataPanelRequest(
      { equation: 'wave', initial: 'gaussian-bump' },
      { count, seed, n, frames: WAVE_FRAMES },
    ),
  );
}

export function trajectoriesOf(dataset: GeneratedDataset): TrajectoryArray {
  return { data: dataset.data, shape: dataset.shape };
}
