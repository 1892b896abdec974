/**
 * MAE-PDE's claim, judged on a regression experiment's numbers: "a pretrained encoder beats
 * training from scratch on coefficient regression, most of all with few labels". The better of
 * the two pretrained arms is compared with scratch at every label count; a gap counts when it is
 * larger than the seeds' spread (the standard error of the difference of the two means).
 */
import type { RegressionArm } from './arms';
import type { ArmBudgetSummary } from './regressionExperiment';

export const PAPER_CLAIM =
  'A pretrained encoder beats training from scratch on coefficient regression, most of all with few labels.';

export type ClaimVerdict = 'holds' | 'partly' | 'fails' | 'undecided';

export interface BudgetComparison {
  labels: number;
  /** The better pretrained arm at this label count. */
  pretrainedArm: RegressionArm;
  pretrained: number;
  scratch: number;
  /** (scratch − pretrained) / scratch: the share of scratch's error that pretraining removes. */
  gain: number;
  /** The gap exceeds the standard error of the difference. */
  clear: boolean;
}

export interface ClaimJudgement {
  verdict: ClaimVerdict;
  comparisons: BudgetComparison[];
  /** One or two sentences saying why, with the numbers. */
  reason: string;
}

const percent = (x: number) => `${Math.round(100 * x)}%`;
const mse = (x: number) => x.toFixed(4);

/** An arm has learned something when its error is under this share of predicting the mean's. */
export const LEARNED_SHARE = 0.9;

/**
 * `meanBaselineMse`: the test error of predicting each coefficient's mean. Beating scratch while
 * no arm beats that baseline says that scratch overfits, not that the encoder knows the
 * coefficients: the claim then holds only in part.
 */
export function judgeClaim(
  summary: readonly ArmBudgetSummary[],
  meanBaselineMse = Infinity,
): ClaimJudgement {
  const labels = [...new Set(summary.map((s) => s.labels))].sort((a, b) => a - b);
  const find = (arm: RegressionArm, n: number) =>
    summary.find((s) => s.arm === arm && s.labels === n);
  const comparisons: BudgetComparison[] = [];
  for (const n of labels) {
    const scratch = find('scratch', n);
    const candidates = (['frozen', 'finetuned'] as const)
      .map((arm) => find(arm, n))
      .filter((s): s is ArmBudgetSummary => s !== undefined);
    if (!scratch || candidates.length === 0) continue;
    const best = candidates.reduce((a, b) => (b.mean < a.mean ? b : a));
    const spread = Math.sqrt(best.std ** 2 / best.runs + scratch.std ** 2 / scratch.runs);
    const gap = scratch.mean - best.mean;
    comparisons.push({
      labels: n,
      pretrainedArm: best.arm,
      pretrained: best.mean,
      scratch: scratch.mean,
      gain: gap / scratch.mean,
      clear: gap > spread && (best.runs > 1 || scratch.runs > 1),
    });
  }
  if (comparisons.length === 0) {
    return {
      verdict: 'undecided',
      comparisons,
      reason: 'Run the scratch arm and at least one pretrained arm to test the claim.',
    };
  }
  const fewest = comparisons[0]!;
  const most = comparisons.at(-1)!;
  const seedsNote = summary.every((s) => s.runs < 2)
    ? ' With one seed, no gap can be told apart from noise.'
    : '';
  const at = (c: BudgetComparison) =>
    `with ${c.labels} labels the ${c.pretrainedArm === 'frozen' ? 'frozen' : 'fine-tuned'} encoder scores ${mse(c.pretrained)} against scratch’s ${mse(c.scratch)}`;
  if (fewest.gain <= 0 || !fewest.clear) {
    const verdict =
      fewest.gain > 0 || comparisons.some((c) => c.gain > 0 && c.clear) ? 'partly' : 'fails';
    return {
      verdict,
      comparisons,
      reason:
        fewest.gain <= 0
          ? `Not at the fewest labels: ${at(fewest)}.${seedsNote}`
          : `Pretrained is ahead at the fewest labels (${at(fewest)}), but by less than the seeds’ spread.${seedsNote}`,
    };
  }
  if (comparisons.length === 1) {
    return {
      verdict: 'partly',
      comparisons,
      reason: `Pretrained wins (${at(fewest)}), but one label count cannot show where the gain is largest.`,
    };
  }
  const best = Math.min(...summary.map((s) => s.mean));
  if (fewest.gain >= most.gain && !(best < LEARNED_SHARE * meanBaselineMse)) {
    return {
      verdict: 'partly',
      comparisons,
      reason: `${capitalize(at(fewest))} (${percent(fewest.gain)} lower), but no arm does clearly better than predicting every coefficient’s mean (${mse(meanBaselineMse)}; best ${mse(best)}): the encoder knows little about the coefficients at this scale, and pretraining wins by overfitting the few labels less.`,
    };
  }
  if (fewest.gain >= most.gain) {
    return {
      verdict: 'holds',
      comparisons,
      reason: `${capitalize(at(fewest))} (${percent(fewest.gain)} lower); with ${most.labels} labels the gain is ${percent(most.gain)}.`,
    };
  }
  return {
    verdict: 'partly',
    comparisons,
    reason: `Pretrained wins with few labels (${at(fewest)}, ${percent(fewest.gain)} lower), but the gain is larger with ${most.labels} labels (${percent(most.gain)}).`,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
