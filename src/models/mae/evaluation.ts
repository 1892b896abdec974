/**
 * Scores a trained MAE per group of trajectories (e.g. one equation of a mix): fixed windows and
 * masks, and the masked-region relative L2 of the MAE next to the `linear` and `nearest`
 * interpolation baselines on exactly those windows and masks (validation.ts). The groups
 * themselves are data/trajectoryGroups; the result's shape is the reconstruct capability's.
 */
import type { TrajectoryArray } from '../../data/trajectories';
import { pickTrajectories, type TrajectoryGroup } from '../../data/trajectoryGroups';
import type { GroupErrors, GroupEvaluationOptions } from '../reconstruction';
import type { MaeModel } from './model';
import { createMaeValidation } from './validation';
import { createWindowSource } from './windows';

export {
  datasetGroups,
  equationGroups,
  pickTrajectories,
  type LabelledGroup,
  type TrajectoryGroup,
} from '../../data/trajectoryGroups';
export type { GroupErrors, GroupEvaluationOptions } from '../reconstruction';

export async function maeErrorsByGroup(
  model: MaeModel,
  dataset: TrajectoryArray,
  groups: readonly TrajectoryGroup[],
  options: GroupEvaluationOptions = {},
): Promise<GroupErrors[]> {
  const windows = options.windowsPerGroup ?? 32;
  const results: GroupErrors[] = [];
  for (const group of groups) {
    const source = createWindowSource(
      pickTrajectories(dataset, group.trajectories),
      model.config,
      model.channels,
    );
    const validation = createMaeValidation(source, model, {
      count: windows,
      seed: options.seed,
      ratio: options.ratio,
      strategy: options.strategy,
      batchSize: options.batchSize,
    });
    const errors = await validation.evaluate(model);
    results.push({
      id: group.id,
      trajectories: group.trajectories.length,
      windows,
      relL2: errors.relL2!,
      relL2Linear: errors.relL2Linear!,
      relL2Nearest: errors.relL2Nearest!,
    });
  }
  return results;
}
