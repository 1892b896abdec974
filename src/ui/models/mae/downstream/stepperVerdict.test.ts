import { describe, expect, it } from 'vitest';
import { stepperVerdict } from './stepperVerdict';

describe('stepperVerdict', () => {
  it('says whether the MAE embedding helped and how much of the gap to the oracle it closed', () => {
    expect(
      stepperVerdict([
        { arm: 'none', meanError: 0.4 },
        { arm: 'mae', meanError: 0.3 },
        { arm: 'coefficients', meanError: 0.2 },
      ]),
    ).toBe(
      'The MAE embedding lowered the mean rollout error by 25% (0.400 → 0.300); the true coefficients reach 0.200, so it closed 50% of the gap to the oracle. One seed: rerun with another to see how much is noise.',
    );
    expect(
      stepperVerdict([
        { arm: 'none', meanError: 0.4 },
        { arm: 'mae', meanError: 0.5 },
        { arm: 'coefficients', meanError: 0.2 },
      ]),
    ).toMatch(/^The MAE embedding raised the mean rollout error by 25% .*closed none of the gap/);
    expect(
      stepperVerdict([
        { arm: 'none', meanError: 0.4 },
        { arm: 'mae', meanError: 0.405 },
        { arm: 'coefficients', meanError: 0.41 },
      ]),
    ).toMatch(/no clear difference .*even the true coefficients did not clearly help/);
  });

  it('words the cases with fewer arms', () => {
    expect(
      stepperVerdict([
        { arm: 'none', meanError: 0.5 },
        { arm: 'coefficients', meanError: 0.25 },
      ]),
    ).toMatch(/^The true coefficients lowered the mean rollout error by 50%/);
    expect(stepperVerdict([{ arm: 'mae', meanError: 0.25 }])).toBe(
      'Mean rollout error 0.250; train a second arm to compare.',
    );
    expect(stepperVerdict([])).toBe('No arm finished.');
  });
});
