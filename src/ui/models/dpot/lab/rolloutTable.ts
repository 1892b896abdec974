/**
 * The rollout lab's scores in words: one row per forecaster (each model, then persistence) with
 * its error at the first and last step, over the whole rollout, and how many steps it stays under
 * 0.5; the chart series of the chosen trajectory and of the scored ones; and sentences that say
 * whether each model beats persistence and which of two models rolls out further.
 */
import type {
  DpotForecastResult,
  RolloutScores,
} from '../../../../models/dpot/jobs/forecastConfig';
import { formatValue } from '../../../format';
import { HORIZON_THRESHOLD, ROLLOUT_COLORS, type ErrorSeries } from '../rolloutData';

export const MODEL_COLORS = [ROLLOUT_COLORS.first, ROLLOUT_COLORS.second] as const;

export const PERSISTENCE_NAME = 'Persistence (last frame repeated)';

type Inputs = Pick<DpotForecastResult, 'models' | 'persistence' | 'shape'>;

/** Steps a rollout stays under the threshold, in words: "12 of 20", "all 20". */
export function stepsUnder(horizon: number | null, steps: number): string {
  return horizon === null ? `all ${steps}` : `${horizon - 1} of ${steps}`;
}

export interface RolloutRow {
  name: string;
  firstStep: string;
  lastStep: string;
  whole: string;
  under: string;
}

function row(name: string, scores: RolloutScores): RolloutRow {
  const steps = scores.perStep.length;
  return {
    name,
    firstStep: formatValue(scores.perStep[0]!),
    lastStep: formatValue(scores.perStep[steps - 1]!),
    whole: formatValue(scores.full),
    under: stepsUnder(scores.horizon, steps),
  };
}

/** One row per model (named as `names`), then persistence, on the scored trajectories. */
export function rolloutRows(result: Inputs, names: readonly string[]): RolloutRow[] {
  return [
    ...result.models.map((m, k) => row(names[k] ?? m.runName, m.scores)),
    row(PERSISTENCE_NAME, result.persistence.scores),
  ];
}

/** The chart's lines: each model's, then persistence's dashed; of the chosen trajectory or the scored ones. */
export function rolloutSeries(
  result: Inputs,
  names: readonly string[],
  which: 'trajectory' | 'scored',
): ErrorSeries[] {
  const pick = (own: { errors: number[]; horizon: number | null }, scores: RolloutScores) =>
    which === 'trajectory'
      ? { errors: own.errors, horizon: own.horizon }
      : { errors: scores.perStep, horizon: scores.horizon };
  return [
    ...result.models.map((m, k) => ({
      name: names[k] ?? m.runName,
      color: MODEL_COLORS[k % MODEL_COLORS.length]!,
      ...pick(m, m.scores),
    })),
    {
      name: PERSISTENCE_NAME,
      color: ROLLOUT_COLORS.persistence,
      dash: 'dash',
      ...pick(result.persistence, result.persistence.scores),
    },
  ];
}

/** "×3.2 lower" / "×1.5 higher" / "about the same as": a's error against b's. */
function compare(a: number, b: number): string {
  if (!(a > 0) || !(b > 0)) return a === b ? 'the same as' : a < b ? 'lower than' : 'higher than';
  const ratio = b / a;
  if (ratio >= 1.05) return `×${formatValue(ratio)} lower than`;
  if (ratio > 1 / 1.05) return 'about the same as';
  return `×${formatValue(1 / ratio)} higher than`;
}

/**
 * What the scores say, in sentences: each model's last-step error against persistence's, and
 * with two models, which stays under the threshold longer and the ratio of their last-step
 * errors (claim A's measure).
 */
export function rolloutVerdict(result: Inputs, names: readonly string[]): string[] {
  const steps = result.shape[0];
  const last = (scores: RolloutScores) => scores.perStep[steps - 1]!;
  const persistence = last(result.persistence.scores);
  const sentences = result.models.map((m, k) => {
    const name = names[k] ?? m.runName;
    return `${name}: at step ${steps} its error is ${compare(last(m.scores), persistence)} persistence’s (${formatValue(last(m.scores))} against ${formatValue(persistence)}); it stays under ${HORIZON_THRESHOLD} for ${stepsUnder(m.scores.horizon, steps)} steps.`;
  });
  if (result.models.length === 2) {
    const [a, b] = result.models as [Inputs['models'][0], Inputs['models'][0]];
    const [nameA, nameB] = [names[0] ?? a.runName, names[1] ?? b.runName];
    const under = (h: number | null) => (h === null ? steps : h - 1);
    const [ua, ub] = [under(a.scores.horizon), under(b.scores.horizon)];
    const longer =
      ua === ub
        ? `Both stay under ${HORIZON_THRESHOLD} for as many steps.`
        : `${ua > ub ? nameA : nameB} stays under ${HORIZON_THRESHOLD} longer (${Math.max(ua, ub)} steps against ${Math.min(ua, ub)}).`;
    const ratio = last(b.scores) / last(a.scores);
    sentences.push(
      `${longer} At step ${steps}, ${nameB}’s error is ${Number.isFinite(ratio) ? `×${formatValue(ratio)}` : 'not comparable to'} ${nameA}’s.`,
    );
  }
  return sentences;
}
