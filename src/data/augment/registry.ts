/** Every equation's symmetry augmentations, and random draws of one for the training loop. */
import type { Rng } from '../../pde/random';
import type { PdeId } from '../../pde/types';
import { burgersAugmentations } from './burgers';
import {
  advectionAugmentations,
  heatAugmentations,
  swirlAugmentations,
  waveAugmentations,
} from './linear';
import { nsAugmentations } from './ns';
import type { AugmentMeta, AugmentParams, AugmentResult, Augmentation } from './types';

export const AUGMENTATIONS: Record<PdeId, readonly Augmentation[]> = {
  heat: heatAugmentations,
  wave: waveAugmentations,
  ns: nsAugmentations,
  advection: advectionAugmentations,
  swirl: swirlAugmentations,
  burgers: burgersAugmentations,
};

/** Every augmentation defined for an equation, allowed here or not. */
export function augmentationsFor(pde: string): readonly Augmentation[] {
  const list = (AUGMENTATIONS as Record<string, readonly Augmentation[] | undefined>)[pde];
  if (!list) {
    throw new Error(
      `No augmentations for equation "${pde}"; expected one of: ${Object.keys(AUGMENTATIONS).join(', ')}.`,
    );
  }
  return list;
}

/** The augmentations that are symmetries for this trajectory's options and coefficients. */
export function availableAugmentations(pde: string, meta: AugmentMeta): Augmentation[] {
  return augmentationsFor(pde).filter((a) => a.unavailable(meta) === null);
}

export function findAugmentation(pde: string, id: string): Augmentation {
  const list = augmentationsFor(pde);
  const found = list.find((a) => a.id === id);
  if (!found) {
    throw new Error(
      `Unknown augmentation "${id}" for ${pde}; expected one of: ${list.map((a) => a.id).join(', ')}.`,
    );
  }
  return found;
}

export function applyAugmentation(
  pde: string,
  id: string,
  trajectory: Float32Array,
  meta: AugmentMeta,
  params?: AugmentParams,
): AugmentResult {
  return findAugmentation(pde, id).apply(trajectory, meta, params);
}

export interface RandomAugmentationOptions {
  /** Only draw from these ids. */
  include?: readonly string[];
  /** Never draw these ids (e.g. relabellings for a model that does not see ν or Δt). */
  exclude?: readonly string[];
}

export interface SampledAugmentation {
  augmentation: Augmentation;
  params: AugmentParams;
}

/** Picks one allowed augmentation uniformly and draws its parameters. */
export function sampleAugmentation(
  pde: string,
  rng: Rng,
  meta: AugmentMeta,
  options: RandomAugmentationOptions = {},
): SampledAugmentation {
  for (const id of [...(options.include ?? []), ...(options.exclude ?? [])])
    findAugmentation(pde, id);
  const candidates = availableAugmentations(pde, meta).filter(
    (a) => (!options.include || options.include.includes(a.id)) && !options.exclude?.includes(a.id),
  );
  if (candidates.length === 0) {
    throw new Error(`No ${pde} augmentation is allowed for these options and filters.`);
  }
  const augmentation = candidates[rng.integer(0, candidates.length - 1)]!;
  return { augmentation, params: augmentation.sample(rng, meta) };
}

export function randomAugmentation(
  pde: string,
  rng: Rng,
  trajectory: Float32Array,
  meta: AugmentMeta,
  options: RandomAugmentationOptions = {},
): AugmentResult & { id: string; params: AugmentParams } {
  const { augmentation, params } = sampleAugmentation(pde, rng, meta, options);
  return { ...augmentation.apply(trajectory, meta, params), id: augmentation.id, params };
}
