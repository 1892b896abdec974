/**
 * The rollout lab's choices checked on the main thread, as the forecast job checks them: how
 * many steps the data allow the chosen models, the default length, the equation and channels of
 * a trajectory, and why the models cannot roll out a dataset.
 */
import type { DatasetMeta } from '../../../../data/io/meta';
import { MAX_ROLLOUT_STEPS } from '../../../../models/dpot/jobs/forecastConfig';
import type { SavedModel } from '../../../../state/savedModels';

/** The rollout's length when none is chosen (the Train panel's validation rolls out 20). */
export const DEFAULT_ROLLOUT_STEPS = 20;

type Model = Pick<SavedModel, 'config' | 'channels'>;

/** The longest input window of the models: every model's rollout starts after it. */
export function rolloutStart(models: readonly Model[]): number {
  return Math.max(...models.map((m) => Number(m.config.inputFrames)));
}

/** The most steps these trajectories allow these models (0: none). */
export function maxRolloutSteps(models: readonly Model[], frames: number): number {
  return Math.max(0, Math.min(MAX_ROLLOUT_STEPS, frames - rolloutStart(models)));
}

/** The chosen length kept inside what the data allow; unset: the default, or fewer. */
export function rolloutSteps(choice: number | undefined, max: number): number {
  return Math.max(1, Math.min(choice ?? DEFAULT_ROLLOUT_STEPS, max));
}

/** A trajectory's equation and its own channels (its component's, in a mixed dataset). */
export function trajectoryEquation(
  meta: Pick<DatasetMeta, 'equation' | 'channels' | 'mix'>,
  trajectory: number,
): { equation: string; channels: string[] } {
  const component = meta.mix?.components[meta.mix.index[trajectory] ?? -1];
  if (!component) return { equation: meta.equation, channels: meta.channels };
  return {
    equation: component.equation,
    channels: component.channels.slice(0, meta.channels.length),
  };
}

/** Why these models cannot roll out this trajectory of this dataset, in words; undefined when they can. */
export function rolloutProblem(
  models: readonly Model[],
  meta: Pick<DatasetMeta, 'equation' | 'channels' | 'mix' | 'grid' | 'times'>,
  trajectory: number,
): string | undefined {
  const n = meta.grid.n;
  const frames = meta.times.length;
  const own = trajectoryEquation(meta, trajectory).channels.length;
  for (const [k, model] of models.entries()) {
    const which =
      models.length > 1 ? (k === 0 ? 'The first model' : 'The second model') : 'This model';
    const size = Number(model.config.size);
    if (size !== n) {
      return `${which} reads a ${size} × ${size} grid and this dataset is ${n} × ${n}: choose a dataset built on a ${size} × ${size} grid, or a model of this one.`;
    }
    if (own > model.channels) {
      return `${which} reads ${model.channels} ${model.channels === 1 ? 'channel' : 'channels'} and this trajectory’s equation has ${own}: choose a model trained on it, or another trajectory.`;
    }
    const inputFrames = Number(model.config.inputFrames);
    if (frames <= inputFrames) {
      return `${which} reads ${inputFrames} frames and these trajectories have ${frames}: there is nothing left to predict.`;
    }
  }
  return undefined;
}
