import { describe, expect, it } from 'vitest';
import {
  IMPROVEMENT_MARGIN,
  judgeFinetuneClaim,
  judgeNoiseClaim,
  meanCurve,
  type RolloutScore,
  type NoiseArm,
} from './claim';

/** An arm from each seed's final-step error: linear curves from 0.1 to it over 4 steps. */
function arm(sigma: number, finals: number[], horizon: number | null = null): NoiseArm {
  const seeds = finals.map((final, i) => ({
    seed: i + 1,
    rolloutL2re: [0.1, 0.1 + (final - 0.1) / 3, 0.1 + (2 * (final - 0.1)) / 3, final],
    horizon,
  }));
  return { sigma, rolloutL2re: meanCurve(seeds.map((s) => s.rolloutL2re)), horizon, seeds };
}

const score = (rolloutL2re: number, final: number): RolloutScore => ({
  rolloutL2re,
  perStep: [0.05, (0.05 + final) / 2, final],
});

describe('meanCurve', () => {
  it('averages step by step and refuses curves of different lengths', () => {
    expect(
      meanCurve([
        [1, 2],
        [3, 6],
      ]),
    ).toEqual([2, 4]);
    expect(() => meanCurve([[1, 2], [3]])).toThrow(/as many steps/);
    expect(() => meanCurve([])).toThrow(/no curve/);
  });
});

describe('judgeNoiseClaim', () => {
  it('holds when noise lowers the final error on the mean and on most seeds', () => {
    const judged = judgeNoiseClaim(
      arm(0, [0.8, 0.9, 1.0]),
      arm(0.2, [0.4, 0.5, 1.1]),
      [0.3, 0.5, 0.7, 0.9],
    );
    expect(judged.verdict).toBe('holds');
    expect(judged.finalRatio).toBeCloseTo(2 / 2.7, 10);
    expect(judged.finalRatios.map((r) => Number(r.toFixed(3)))).toEqual([0.5, 0.556, 1.1]);
    expect(judged.checks.map((c) => c.passed)).toEqual([true, true]);
    expect(judged.checks[0]!.text).toMatch(
      /0\.667 against 0\.900 without, mean over 3 seeds \(×0\.74/,
    );
    expect(judged.checks[1]!.text).toMatch(
      /on 2 of 3 \(×0\.50, ×0\.56, ×1\.10; it must on at least 2\)/,
    );
    expect(judged.notes.join(' ')).toMatch(/beats persistence .* 0\.667 against 0\.900/);
  });

  it('partly holds when the mean improves but only one seed does', () => {
    const judged = judgeNoiseClaim(arm(0, [2, 0.5, 0.5]), arm(0.1, [0.5, 0.5, 0.5]));
    expect(judged.verdict).toBe('partly holds');
    expect(judged.checks.map((c) => c.passed)).toEqual([true, false]);
  });

  it('partly holds when most seeds improve but the mean does not', () => {
    const judged = judgeNoiseClaim(arm(0, [0.5, 0.5, 0.5]), arm(0.1, [0.4, 0.4, 2]));
    expect(judged.verdict).toBe('partly holds');
    expect(judged.checks.map((c) => c.passed)).toEqual([false, true]);
  });

  it('does not hold when noise leaves the final error as it was or raises it', () => {
    const judged = judgeNoiseClaim(arm(0, [0.5, 0.6, 0.7], 3), arm(0.2, [0.5, 0.7, 0.9], 2));
    expect(judged.verdict).toBe('does not hold');
    expect(judged.checks.every((c) => !c.passed)).toBe(true);
    expect(judged.notes[0]).toMatch(/step 2 with noise, step 3 without/);
  });

  it('applies the margin: a ratio just above 1 − margin is not lower', () => {
    const edge = 1 - IMPROVEMENT_MARGIN;
    const above = judgeNoiseClaim(arm(0, [1]), arm(0.2, [edge * 1.000001]));
    expect(above.verdict).toBe('does not hold');
    const below = judgeNoiseClaim(arm(0, [1]), arm(0.2, [edge * 0.999999]));
    expect(below.verdict).toBe('holds');
    expect(below.checks[1]!.text).toMatch(/on 1 of 1/);
  });

  it('notes two failed rollouts and a model that does not beat persistence', () => {
    const judged = judgeNoiseClaim(arm(0, [3, 3, 3]), arm(0.2, [2, 2, 2]), [0.2, 0.4, 0.6, 0.8]);
    expect(judged.verdict).toBe('holds');
    expect(judged.notes.join(' ')).toMatch(/lost the truth by step 4/);
    expect(judged.notes.join(' ')).toMatch(/Neither model beats persistence/);
  });

  it('needs matching arms', () => {
    expect(() => judgeNoiseClaim(arm(0, [1, 1]), arm(0.2, [1]))).toThrow(/same seeds/);
    const short = { ...arm(0.2, [1]), rolloutL2re: [1] };
    expect(() => judgeNoiseClaim(arm(0, [1]), short)).toThrow(/same number of steps/);
  });
});

describe('judgeFinetuneClaim', () => {
  it('holds when pretraining lowers both the rollout error and its final step', () => {
    const judged = judgeFinetuneClaim(score(0.1, 0.15), score(0.2, 0.3), {
      trajectories: 16,
      zeroShot: score(0.6, 0.9),
      persistence: [0.2, 0.4, 0.6],
    });
    expect(judged.verdict).toBe('holds');
    expect(judged.ratio).toBeCloseTo(0.5, 10);
    expect(judged.checks[0]!.text).toMatch(
      /on 16 trajectories, .* 3-step .* 0\.100 against 0\.200 .* \(×0\.50/,
    );
    expect(judged.notes.join(' ')).toMatch(
      /Before fine-tuning, .* 0\.600: fine-tuning takes it to 0\.100/,
    );
    expect(judged.notes.join(' ')).toMatch(/beats persistence/);
  });

  it('partly holds when only one of the two errors is lower by the margin', () => {
    const judged = judgeFinetuneClaim(score(0.1, 0.3), score(0.2, 0.3), { trajectories: 16 });
    expect(judged.verdict).toBe('partly holds');
    expect(judged.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(judged.notes).toEqual([]);
  });

  it('does not hold when scratch is as good or better', () => {
    const judged = judgeFinetuneClaim(score(0.2, 0.3), score(0.2, 0.29), { trajectories: 32 });
    expect(judged.verdict).toBe('does not hold');
    expect(judged.ratio).toBe(1);
  });

  it('needs rollouts of the same length', () => {
    const other = { rolloutL2re: 0.2, perStep: [0.1] };
    expect(() => judgeFinetuneClaim(score(0.1, 0.1), other, { trajectories: 1 })).toThrow(
      /same number of steps/,
    );
  });
});
