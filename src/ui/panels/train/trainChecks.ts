/** Whether a dataset can feed a model config, in words; undefined when it can. */
import { nonFiniteTrainingProblem } from '../../../data/io/nonFinite';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';

export function datasetProblem(
  meta: DatasetRecordMeta,
  config: Record<string, unknown>,
): string | undefined {
  const frames = Number(config.frames);
  const nonFinite = nonFiniteTrainingProblem(meta);
  if (nonFinite) return nonFinite;
  if (meta.split.train < 1) return 'This dataset keeps no trajectory for training.';
  if (meta.times.length < frames) {
    return `The model reads windows of ${frames} frames; this dataset's trajectories have ${meta.times.length}.`;
  }
  return undefined;
}
