/**
 * DPOT's two claims and their verdicts from measured numbers (methods §2g):
 *
 * A. "Noise injection makes rollouts more stable": two models trained alike except for the
 *    input noise (σ_rel = 0 against σ_rel > 0), rolled out on held-out trajectories, for several
 *    seeds. Checks: (1) the final step's error, mean over seeds, is at least IMPROVEMENT_MARGIN
 *    lower with noise; (2) it is, seed by seed, on a majority of the seeds (2 of 3). Both: holds;
 *    one: partly holds; none: does not hold.
 * B. "Multi-dataset pretraining, then fine-tuning, beats training from scratch with few
 *    trajectories": the same few trajectories fine-tune a pretrained model and train a fresh one
 *    for equal steps. Checks, on the held-out rollouts: (1) the L2RE over the whole rollout and
 *    (2) the error of its final step are each at least IMPROVEMENT_MARGIN lower after
 *    pretraining. Both: holds; one: partly holds; none: does not hold.
 *
 * Everything else (horizons, one-step errors, persistence, the pretrained model before
 * fine-tuning) is a note the verdict does not count. Plain numbers, safe on the main thread.
 */

export const DPOT_NOISE_CLAIM = 'Noise injection makes rollouts more stable.';
export const DPOT_FINETUNE_CLAIM =
  'Multi-dataset pretraining, then fine-tuning, beats training from scratch with few trajectories.';

/** "Lower" means at least this much lower: a ratio of errors ≤ 1 − margin. */
export const IMPROVEMENT_MARGIN = 0.05;
/** The rollout's horizon is its first step whose error exceeds this (methods §2g). */
export const HORIZON_THRESHOLD = 0.5;

export type DpotClaimVerdictWord = 'holds' | 'partly holds' | 'does not hold';

export interface DpotClaimCheck {
  passed: boolean;
  text: string;
}

export interface DpotClaimVerdict {
  verdict: DpotClaimVerdictWord;
  /** One sentence per check, with its numbers. */
  checks: DpotClaimCheck[];
  /** Context the verdict does not count. */
  notes: string[];
}

/** One seed's rollout: the held-out L2RE of each step (step 1 first) and its horizon. */
export interface NoiseSeedRollout {
  seed: number;
  rolloutL2re: number[];
  /** First step whose error exceeds HORIZON_THRESHOLD; null when none does. */
  horizon: number | null;
}

/** One arm of claim A: its σ_rel, the mean of its seeds' curves and that curve's horizon. */
export interface NoiseArm {
  sigma: number;
  rolloutL2re: number[];
  horizon: number | null;
  seeds: NoiseSeedRollout[];
}

export interface NoiseJudgement extends DpotClaimVerdict {
  /** Noisy final-step error / clean final-step error, of the curves' means over seeds. */
  finalRatio: number;
  /** The same ratio for each seed, in the arms' seed order. */
  finalRatios: number[];
}

export interface RolloutScore {
  /** L2RE over the whole rollout (norms over time and space per channel). */
  rolloutL2re: number;
  /** L2RE of each step (step 1 first). */
  perStep: number[];
}

export interface FinetuneJudgement extends DpotClaimVerdict {
  /** Pretrained-then-fine-tuned rollout L2RE / scratch rollout L2RE. */
  ratio: number;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
const times = (x: number) => `×${Number.isFinite(x) ? x.toFixed(2) : String(x)}`;
const LOWER_BELOW = 1 - IMPROVEMENT_MARGIN;
const lower = (ratio: number) => ratio <= LOWER_BELOW;
const lowerMeans = `lower means ≤ ${times(LOWER_BELOW)}`;
const horizonText = (h: number | null, steps: number) =>
  h === null ? `never within ${steps} steps` : `step ${h}`;

function verdictOf(checks: readonly DpotClaimCheck[]): DpotClaimVerdictWord {
  const passed = checks.filter((c) => c.passed).length;
  return passed === checks.length ? 'holds' : passed === 0 ? 'does not hold' : 'partly holds';
}

/** The mean over curves of equal length, step by step. */
export function meanCurve(curves: readonly (readonly number[])[]): number[] {
  if (curves.length === 0) throw new RangeError('There is no curve to average.');
  const steps = curves[0]!.length;
  if (curves.some((c) => c.length !== steps)) {
    throw new RangeError('Every curve must have as many steps as the first.');
  }
  return Array.from({ length: steps }, (_, k) => {
    let sum = 0;
    for (const curve of curves) sum += curve[k]!;
    return sum / curves.length;
  });
}

/**
 * Claim A's verdict on the clean and noisy arms, trained with the same seeds (in the same
 * order); `persistence` (the last input frame repeated, per step), when given, adds a note on
 * whether the models learnt more than that.
 */
export function judgeNoiseClaim(
  clean: NoiseArm,
  noisy: NoiseArm,
  persistence?: readonly number[],
): NoiseJudgement {
  const steps = clean.rolloutL2re.length;
  if (steps === 0 || noisy.rolloutL2re.length !== steps) {
    throw new RangeError('Both arms need rollouts of the same number of steps (at least 1).');
  }
  if (clean.seeds.length === 0 || noisy.seeds.length !== clean.seeds.length) {
    throw new RangeError('Both arms need the same seeds (at least 1).');
  }
  const final = (curve: readonly number[]) => curve[curve.length - 1]!;
  const [cleanFinal, noisyFinal] = [final(clean.rolloutL2re), final(noisy.rolloutL2re)];
  const finalRatio = noisyFinal / cleanFinal;
  const finalRatios = noisy.seeds.map(
    (s, i) => final(s.rolloutL2re) / final(clean.seeds[i]!.rolloutL2re),
  );
  const seeds = finalRatios.length;
  const better = finalRatios.filter(lower).length;
  const majority = Math.floor(seeds / 2) + 1;
  const checks: DpotClaimCheck[] = [
    {
      passed: lower(finalRatio),
      text: `At the final step (${steps}) of the held-out rollouts, the error with noise (σ_rel = ${noisy.sigma}) is ${fmt(noisyFinal)} against ${fmt(cleanFinal)} without, mean over ${seeds === 1 ? 'one seed' : `${seeds} seeds`} (${times(finalRatio)}; ${lowerMeans}).`,
    },
    {
      passed: better >= majority,
      text: `Seed by seed, noise lowers the final-step error on ${better} of ${seeds} (${finalRatios.map(times).join(', ')}; it must on at least ${majority}).`,
    },
  ];
  const notes = [
    `Horizon (the first step whose error exceeds ${HORIZON_THRESHOLD}) of the mean curves: ${horizonText(noisy.horizon, steps)} with noise, ${horizonText(clean.horizon, steps)} without.`,
    `One-step error: ${fmt(noisy.rolloutL2re[0]!)} with noise against ${fmt(clean.rolloutL2re[0]!)} without (${times(noisy.rolloutL2re[0]! / clean.rolloutL2re[0]!)}); the paper expects noise to cost a little here.`,
  ];
  if (Math.min(cleanFinal, noisyFinal) > 1) {
    notes.push(
      `Both arms' rollouts have lost the truth by step ${steps} (errors above 1), so their ratio compares two failures.`,
    );
  }
  if (persistence) notes.push(persistenceNote(Math.min(cleanFinal, noisyFinal), persistence));
  return { verdict: verdictOf(checks), checks, notes, finalRatio, finalRatios };
}

function persistenceNote(best: number, persistence: readonly number[]): string {
  const steps = persistence.length;
  const last = persistence[steps - 1]!;
  return best < last
    ? `The better model beats persistence (the last input frame repeated) at step ${steps}: ${fmt(best)} against ${fmt(last)}.`
    : `Neither model beats persistence (the last input frame repeated) at step ${steps}: ${fmt(best)} at best against ${fmt(last)}, so they have not learnt the dynamics and their differences say little.`;
}

/**
 * Claim B's verdict on the fine-tuned (pretrained) and scratch models' held-out rollouts, and
 * notes on the pretrained model before fine-tuning and on persistence, when given.
 */
export function judgeFinetuneClaim(
  pretrained: RolloutScore,
  scratch: RolloutScore,
  context: { trajectories: number; zeroShot?: RolloutScore; persistence?: readonly number[] },
): FinetuneJudgement {
  const steps = pretrained.perStep.length;
  if (steps === 0 || scratch.perStep.length !== steps) {
    throw new RangeError('Both models need rollouts of the same number of steps (at least 1).');
  }
  const ratio = pretrained.rolloutL2re / scratch.rolloutL2re;
  const [pFinal, sFinal] = [pretrained.perStep[steps - 1]!, scratch.perStep[steps - 1]!];
  const finalRatio = pFinal / sFinal;
  const checks: DpotClaimCheck[] = [
    {
      passed: lower(ratio),
      text: `Fine-tuned from the pretrained model on ${context.trajectories} trajectories, the L2RE over a ${steps}-step held-out rollout is ${fmt(pretrained.rolloutL2re)} against ${fmt(scratch.rolloutL2re)} from scratch on the same trajectories and steps (${times(ratio)}; ${lowerMeans}).`,
    },
    {
      passed: lower(finalRatio),
      text: `At the rollout's final step (${steps}) the error is ${fmt(pFinal)} after pretraining against ${fmt(sFinal)} from scratch (${times(finalRatio)}; ${lowerMeans}).`,
    },
  ];
  const notes: string[] = [];
  if (context.zeroShot) {
    notes.push(
      `Before fine-tuning, the pretrained model's rollout L2RE is ${fmt(context.zeroShot.rolloutL2re)}: fine-tuning takes it to ${fmt(pretrained.rolloutL2re)}.`,
    );
  }
  if (context.persistence) {
    notes.push(persistenceNote(Math.min(pFinal, sFinal), context.persistence));
  }
  return { verdict: verdictOf(checks), checks, notes, ratio };
}
