import { describe, expect, it } from 'vitest';
import { judgeClaim } from './claim';
import type { ArmBudgetSummary } from './regressionExperiment';

const row = (
  arm: ArmBudgetSummary['arm'],
  labels: number,
  mean: number,
  std = 0.001,
): ArmBudgetSummary => ({ arm, labels, mean, std, runs: 3, r2: {} });

describe('judging the paper’s claim', () => {
  it('holds when pretrained wins clearly and most with the fewest labels', () => {
    const j = judgeClaim([
      row('frozen', 32, 0.07),
      row('finetuned', 32, 0.14),
      row('scratch', 32, 0.25),
      row('frozen', 192, 0.07),
      row('scratch', 192, 0.077),
    ]);
    expect(j.verdict).toBe('holds');
    expect(j.comparisons[0]).toMatchObject({ labels: 32, pretrainedArm: 'frozen', clear: true });
    expect(j.comparisons[0]!.gain).toBeCloseTo(0.72, 2);
    expect(j.reason).toMatch(/32 labels/);
  });

  it('is partly true when the gain grows with labels, or hides in the seeds’ spread', () => {
    expect(
      judgeClaim([
        row('finetuned', 32, 0.09),
        row('scratch', 32, 0.1),
        row('finetuned', 128, 0.05),
        row('scratch', 128, 0.1),
      ]).verdict,
    ).toBe('partly');
    expect(
      judgeClaim([row('finetuned', 32, 0.099, 0.05), row('scratch', 32, 0.1, 0.05)]).verdict,
    ).toBe('partly');
  });

  it('holds only in part when no arm beats predicting the mean', () => {
    const summary = [
      row('frozen', 32, 0.0857),
      row('scratch', 32, 0.149),
      row('frozen', 192, 0.078),
      row('scratch', 192, 0.081),
    ];
    expect(judgeClaim(summary).verdict).toBe('holds');
    const j = judgeClaim(summary, 0.0764);
    expect(j.verdict).toBe('partly');
    expect(j.reason).toMatch(/predicting every coefficient’s mean \(0\.0764/);
  });

  it('fails when scratch is as good or better everywhere, and is undecided without scratch', () => {
    expect(judgeClaim([row('frozen', 32, 0.2), row('scratch', 32, 0.1)]).verdict).toBe('fails');
    expect(judgeClaim([row('frozen', 32, 0.2)]).verdict).toBe('undecided');
  });
});
