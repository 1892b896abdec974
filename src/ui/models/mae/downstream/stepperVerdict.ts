/** The time-stepping experiment's one-line verdict, computed from the arms' mean rollout errors. */
import type { StepperArmResult } from '../../../../models/mae/jobs/stepperExperimentConfig';

/** Relative changes smaller than this are called no clear difference (one seed is noisy). */
export const CLEAR_CHANGE = 0.03;

const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
const num = (x: number) => x.toPrecision(3);

export function stepperVerdict(
  arms: readonly Pick<StepperArmResult, 'arm' | 'meanError'>[],
): string {
  const error = (id: StepperArmResult['arm']) => arms.find((a) => a.arm === id)?.meanError;
  const [none, mae, oracle] = [error('none'), error('mae'), error('coefficients')];
  const parts: string[] = [];
  if (none !== undefined && mae !== undefined) {
    const change = (none - mae) / none;
    parts.push(
      Math.abs(change) < CLEAR_CHANGE
        ? `The MAE embedding made no clear difference (mean rollout error ${num(none)} without, ${num(mae)} with)`
        : change > 0
          ? `The MAE embedding lowered the mean rollout error by ${pct(change)} (${num(none)} → ${num(mae)})`
          : `The MAE embedding raised the mean rollout error by ${pct(change)} (${num(none)} → ${num(mae)})`,
    );
    if (oracle !== undefined) {
      const gap = none - oracle;
      if (gap / none >= CLEAR_CHANGE) {
        const closed = (none - mae) / gap;
        parts.push(
          `the true coefficients reach ${num(oracle)}, so it closed ${closed <= 0 ? 'none' : closed >= 1 ? 'all' : pct(closed)} of the gap to the oracle`,
        );
      } else {
        parts.push(
          `even the true coefficients did not clearly help at this budget (${num(oracle)})`,
        );
      }
    }
  } else if (none !== undefined && oracle !== undefined) {
    const change = (none - oracle) / none;
    parts.push(
      Math.abs(change) < CLEAR_CHANGE
        ? `The true coefficients made no clear difference (${num(none)} → ${num(oracle)})`
        : `The true coefficients ${change > 0 ? 'lowered' : 'raised'} the mean rollout error by ${pct(change)} (${num(none)} → ${num(oracle)})`,
    );
  } else if (mae !== undefined && oracle !== undefined) {
    parts.push(
      `Mean rollout error ${num(mae)} with the MAE embedding, ${num(oracle)} with the true coefficients; train the unconditioned arm too to see what either adds`,
    );
  } else {
    const only = arms[0];
    return only
      ? `Mean rollout error ${num(only.meanError)}; train a second arm to compare.`
      : 'No arm finished.';
  }
  return `${parts.join('; ')}. One seed: rerun with another to see how much is noise.`;
}
