/**
 * Why DPOT's claims cannot run on the chosen datasets at a scale, in words, checked on the main
 * thread as the reproduce job checks them (its grid is resampled to the scale's, so only the
 * frames, the trajectories and the choice of two datasets matter); undefined when they can.
 */
import type { DatasetMeta } from '../../../../data/io/meta';
import { DPOT_CLAIM_PROFILES } from '../../../../models/dpot/claimProfiles';
import type { DpotReproduceScale } from '../../../../models/dpot/jobs/reproduceConfig';

type Meta = Pick<DatasetMeta, 'grid' | 'times' | 'split'>;

const trajectories = ({ split }: Meta) => split.train + split.val + split.test;

function framesProblem(meta: Meta, frames: number, why: string, role: string): string | undefined {
  const T = meta.times.length;
  return T < frames
    ? `${role} has trajectories of ${T} frames; at this scale they need ${frames}: ${why}.`
    : undefined;
}

export function noiseClaimProblem(meta: Meta, scale: DpotReproduceScale): string | undefined {
  const { config, noise } = DPOT_CLAIM_PROFILES[scale];
  const { inputFrames } = config;
  const steps = noise.rolloutSteps;
  const frames = framesProblem(
    meta,
    inputFrames + steps,
    `${inputFrames} input frames and a ${steps}-step rollout`,
    'The dataset',
  );
  if (frames) return frames;
  if (trajectories(meta) < 2) {
    return 'The claim needs at least 2 trajectories in the dataset: one to train on, one to roll out.';
  }
  return undefined;
}

export function finetuneClaimProblem(
  pretrain: { id: string; meta: Meta },
  finetune: { id: string; meta: Meta },
  scale: DpotReproduceScale,
): string | undefined {
  if (pretrain.id === finetune.id) {
    return 'Claim B needs two datasets: one to pretrain on, and another, small one of a new equation to fine-tune on. Build the second in the Data panel.';
  }
  const { config, finetune: profile } = DPOT_CLAIM_PROFILES[scale];
  const { inputFrames } = config;
  const steps = profile.rolloutSteps;
  return (
    framesProblem(
      pretrain.meta,
      inputFrames + 1,
      `${inputFrames} input frames and the frame after them`,
      'The pretraining dataset',
    ) ??
    framesProblem(
      finetune.meta,
      inputFrames + steps,
      `${inputFrames} input frames and a ${steps}-step rollout`,
      'The fine-tuning dataset',
    ) ??
    (trajectories(finetune.meta) < 2
      ? 'The fine-tuning dataset needs at least 2 trajectories: one to fine-tune on, one to roll out.'
      : undefined)
  );
}
