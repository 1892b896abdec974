/**
 * PhysicNet's claim and its verdict from measured numbers (methods §4g): "the flow expert and the
 * local branch each reduce error; the codebook stays well used". Each part is one check on the
 * ablation grid's test errors and the full model's codebook use; the thresholds are stated here
 * and in every check's sentence. Plain numbers, safe on the main thread.
 */

export const PHYSICNET_CLAIM =
  'The flow expert and the local branch each reduce error; the codebook stays well used.';

/** The ablation grid (methods §4g): the full model and one part removed in each other arm. */
export const ARM_NAMES = ['full', 'no-local', 'no-flow', 'no-vq'] as const;
export type ArmName = (typeof ARM_NAMES)[number];

/** "Reduces error": the arm without the part has a test MSE at least this much above full's. */
export const ERROR_MARGIN = 0.05;
/** "Well used": perplexity at least this share of the codebook's K… */
export const PERPLEXITY_SHARE = 0.125;
/** …and at most this share of the codes unused on the test inputs. */
export const DEAD_CODE_LIMIT = 0.25;

/** What the verdict reads of one arm. */
export interface ArmScore {
  name: ArmName;
  testMse: number;
  /** exp(entropy) of the code use on the test inputs; NaN without VQ. */
  perplexity: number;
  /** Share of the codebook no test input used; NaN without VQ. */
  deadCodes: number;
}

export interface ClaimCheck {
  passed: boolean;
  text: string;
}

export interface PhysicNetVerdict {
  verdict: 'holds' | 'partly holds' | 'does not hold';
  /** One sentence per check, with its numbers: flow, local branch, codebook. */
  checks: ClaimCheck[];
  /** Context the verdict does not count, e.g. whether the full model beats persistence. */
  notes: string[];
}

const fmt = (x: number) => x.toExponential(3);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Checks that removing a part raises the test MSE by more than the margin. */
function partHelps(part: string, full: ArmScore, without: ArmScore): ClaimCheck {
  const ratio = without.testMse / full.testMse;
  return {
    passed: ratio >= 1 + ERROR_MARGIN,
    text: `${part} reduces error: test MSE ${fmt(without.testMse)} without it vs ${fmt(full.testMse)} with it (×${ratio.toFixed(2)}; reducing means ≥ ×${(1 + ERROR_MARGIN).toFixed(2)}).`,
  };
}

/**
 * The verdict on the four arms (full, no-local, no-flow, no-vq) for a codebook of `codes`
 * entries; `persistenceMse` (the last input frame repeated), when given, adds a note on whether
 * the full model learnt more than that.
 */
export function judgePhysicNetClaim(
  arms: readonly ArmScore[],
  codes: number,
  persistenceMse?: number,
): PhysicNetVerdict {
  const arm = (name: ArmName) => {
    const found = arms.find((a) => a.name === name);
    if (!found) throw new RangeError(`The claim needs the "${name}" arm.`);
    return found;
  };
  const full = arm('full');
  const checks = [
    partHelps('The flow expert', full, arm('no-flow')),
    partHelps('The local branch', full, arm('no-local')),
  ];
  const share = full.perplexity / codes;
  const used = share >= PERPLEXITY_SHARE && full.deadCodes <= DEAD_CODE_LIMIT;
  checks.push({
    passed: used,
    text: `The codebook stays well used: perplexity ${full.perplexity.toFixed(1)} of ${codes} codes (${pct(share)}; well used means ≥ ${pct(PERPLEXITY_SHARE)}) and ${pct(full.deadCodes)} of the codes unused on the test inputs (≤ ${pct(DEAD_CODE_LIMIT)}).`,
  });
  const notes: string[] = [];
  const noVq = arm('no-vq');
  notes.push(
    `Without VQ (continuous latents) the test MSE is ${fmt(noVq.testMse)} vs ${fmt(full.testMse)} with it (×${(noVq.testMse / full.testMse).toFixed(2)}): the claim says nothing of this arm.`,
  );
  if (persistenceMse !== undefined) {
    const ratio = full.testMse / persistenceMse;
    notes.push(
      ratio < 1
        ? `The full model beats persistence (the last input frame repeated): test MSE ${fmt(full.testMse)} vs ${fmt(persistenceMse)} (×${ratio.toFixed(2)}).`
        : `The full model does not beat persistence (the last input frame repeated): test MSE ${fmt(full.testMse)} vs ${fmt(persistenceMse)} (×${ratio.toFixed(2)}), so it has not learnt the motion and the ablation's differences say little.`,
    );
  }
  const passed = checks.filter((c) => c.passed).length;
  return {
    verdict: passed === checks.length ? 'holds' : passed === 0 ? 'does not hold' : 'partly holds',
    checks,
    notes,
  };
}
