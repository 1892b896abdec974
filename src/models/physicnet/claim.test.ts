import { describe, expect, it } from 'vitest';
import {
  DEAD_CODE_LIMIT,
  ERROR_MARGIN,
  judgePhysicNetClaim,
  PERPLEXITY_SHARE,
  type ArmName,
  type ArmScore,
} from './claim';

const K = 64;
const arm = (name: ArmName, testMse: number, perplexity = 20, deadCodes = 0.1): ArmScore => ({
  name,
  testMse,
  perplexity: name === 'no-vq' ? Number.NaN : perplexity,
  deadCodes: name === 'no-vq' ? Number.NaN : deadCodes,
});
const grid = (full: number, noLocal: number, noFlow: number, ppl = 20, dead = 0.1) => [
  arm('full', full, ppl, dead),
  arm('no-local', noLocal, ppl, dead),
  arm('no-flow', noFlow, ppl, dead),
  arm('no-vq', full * 0.9),
];

describe('judgePhysicNetClaim', () => {
  it('holds when removing the flow or the local branch raises the error and the codebook is used', () => {
    const verdict = judgePhysicNetClaim(grid(1e-3, 1.2e-3, 2e-3), K, 5e-3);
    expect(verdict.verdict).toBe('holds');
    expect(verdict.checks.map((c) => c.passed)).toEqual([true, true, true]);
    expect(verdict.checks[0]!.text).toMatch(/2\.000e-3 without it vs 1\.000e-3 with it \(×2\.00/);
    expect(verdict.notes.join(' ')).toMatch(/beats persistence/);
  });

  it('does not hold when no part reduces error and the codebook collapsed', () => {
    const verdict = judgePhysicNetClaim(grid(1e-3, 1e-3, 0.9e-3, 2, 0.9), K);
    expect(verdict.verdict).toBe('does not hold');
    expect(verdict.checks.every((c) => !c.passed)).toBe(true);
  });

  it('says partly when only some checks pass', () => {
    const verdict = judgePhysicNetClaim(grid(1e-3, 1e-3, 3e-3), K);
    expect(verdict.verdict).toBe('partly holds');
    expect(verdict.checks.map((c) => c.passed)).toEqual([true, false, true]);
  });

  it('applies the stated margin and thresholds at their edges', () => {
    const edge = 1 + ERROR_MARGIN;
    // Relative comparisons, so floating-point rounding sits on the passing side only when above.
    const at = judgePhysicNetClaim(grid(1, edge * 1.000001, edge * 0.999999), K);
    expect(at.checks.map((c) => c.passed).slice(0, 2)).toEqual([false, true]);
    const ppl = PERPLEXITY_SHARE * K;
    expect(judgePhysicNetClaim(grid(1, 2, 2, ppl, DEAD_CODE_LIMIT), K).checks[2]!.passed).toBe(
      true,
    );
    expect(judgePhysicNetClaim(grid(1, 2, 2, ppl - 0.01, 0), K).checks[2]!.passed).toBe(false);
    expect(judgePhysicNetClaim(grid(1, 2, 2, K, DEAD_CODE_LIMIT + 0.01), K).checks[2]!.passed).toBe(
      false,
    );
  });

  it('notes when the full model does not beat persistence, without counting it', () => {
    const verdict = judgePhysicNetClaim(grid(1e-2, 2e-2, 2e-2), K, 5e-3);
    expect(verdict.verdict).toBe('holds');
    expect(verdict.notes.join(' ')).toMatch(/does not beat persistence.*×2\.00/);
  });

  it('needs every arm', () => {
    expect(() => judgePhysicNetClaim([arm('full', 1)], K)).toThrow(/no-flow/);
  });
});
