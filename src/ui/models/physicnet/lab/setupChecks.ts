/**
 * The forecast lab's choices checked on the main thread: why a model cannot forecast a dataset,
 * and why the claim's protocol cannot run on one.
 */
import type { DatasetMeta } from '../../../../data/io/meta';
import { PHYSICNET_CLAIM_PROFILES } from '../../../../models/physicnet/claimProfiles';
import { physicnetGridProblem } from '../../../../models/physicnet/config';
import type { PhysicNetReproduceScale } from '../../../../models/physicnet/jobs/reproduceConfig';
import { windowProblem } from '../../../../models/physicnet/windows';
import type { SavedModel } from '../../../../state/savedModels';

/**
 * Why a saved PhysicNet-style cannot forecast a dataset, in words (the worker's
 * physicnetRuntime.datasetProblem, and the channels); undefined when it can.
 */
export function datasetProblem(
  model: Pick<SavedModel, 'config' | 'channels'>,
  meta: Pick<DatasetMeta, 'grid' | 'times' | 'channels'>,
): string | undefined {
  const window = {
    inputFrames: Number(model.config.inputFrames),
    outputFrames: Number(model.config.outputFrames),
  };
  const problem =
    physicnetGridProblem(meta.grid.n, meta.grid.n) ?? windowProblem(meta.times.length, window);
  if (problem) return problem;
  if (meta.channels.length < model.channels) {
    return `This PhysicNet-style reads ${model.channels} channels and the dataset has ${meta.channels.length}: choose a dataset of the equation it was trained on.`;
  }
  return undefined;
}

/**
 * Why the claim's protocol cannot run on a dataset at a scale (the reproduce job's own checks,
 * before it starts); undefined when it can.
 */
export function reproduceProblem(
  meta: Pick<DatasetMeta, 'grid' | 'times' | 'split'>,
  scale: PhysicNetReproduceScale,
): string | undefined {
  const { config } = PHYSICNET_CLAIM_PROFILES[scale];
  const problem =
    physicnetGridProblem(meta.grid.n, meta.grid.n) ?? windowProblem(meta.times.length, config);
  if (problem) return problem;
  const { train, val, test } = meta.split;
  if (train + val + test < 2) {
    return 'Reproducing the claim needs at least 2 trajectories: one to train on, one to score on.';
  }
  return undefined;
}
