import { describe, expect, it } from 'vitest';
import { judgeDinoClaim, type RateErrors } from './claim';

const row = (s: number, value: number, outS = value): RateErrors => ({
  s,
  inT_inS: value,
  inT_outS: outS,
  outT_inS: value,
  outT_outS: outS,
  all: value,
});

describe('judgeDinoClaim', () => {
  it('holds when 5 % is close to 25 % everywhere and beats the grid baseline off the sensors', () => {
    const verdict = judgeDinoClaim([row(0.05, 0.12), row(0.25, 0.1)], [row(0.05, 0.1, 0.9)]);
    expect(verdict.verdict).toBe('holds');
    expect(verdict.checks.every((c) => c.passed)).toBe(true);
  });

  it('does not hold when the sparse model is far worse everywhere and loses to the baseline', () => {
    const verdict = judgeDinoClaim([row(0.05, 0.9, 2), row(0.25, 0.1)], [row(0.05, 0.1, 0.5)]);
    expect(verdict.verdict).toBe('does not hold');
  });

  it('says partly when only some checks pass, and names the numbers', () => {
    const verdict = judgeDinoClaim([row(0.05, 0.2, 0.12), row(0.25, 0.1)], []);
    expect(verdict.verdict).toBe('partly holds');
    expect(verdict.checks[0]!.text).toMatch(/0\.200 at 5 % vs 0\.100 at 25 %/);
  });

  it('needs both rates', () => {
    expect(() => judgeDinoClaim([row(0.05, 0.1)], [])).toThrow(/s = 0.25/);
  });
});
