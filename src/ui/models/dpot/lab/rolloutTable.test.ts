import { describe, expect, it } from 'vitest';
import type { DpotForecastResult } from '../../../../models/dpot/jobs/forecastConfig';
import { distinctNames } from './RolloutResults';
import { rolloutRows, rolloutSeries, rolloutVerdict, stepsUnder } from './rolloutTable';

type Inputs = Pick<DpotForecastResult, 'models' | 'persistence' | 'shape'>;

function model(perStep: number[], horizon: number | null, errors = perStep) {
  return {
    checkpointId: 'c',
    runName: 'run',
    step: 10,
    inputFrames: 10,
    noise: 0.2,
    channels: 1,
    forecast: new Float32Array(0),
    errors,
    horizon,
    spectra: [],
    scores: { perStep, full: perStep[perStep.length - 1]! / 2, horizon },
  };
}

/** Three steps: the noisy model stays under 0.5, the clean one passes it at step 3. */
const result: Inputs = {
  shape: [3, 8, 8, 1],
  models: [model([0.1, 0.2, 0.3], null, [0.1, 0.3, 0.6]), model([0.05, 0.3, 0.9], 3)],
  persistence: {
    errors: [0.4, 0.8, 1.2],
    horizon: 2,
    scores: { perStep: [0.5, 0.9, 1.2], full: 0.8, horizon: 2 },
  },
};
const names = ['noisy · step 10', 'clean · step 10'];

describe('the rollout lab’s scores', () => {
  it('count the steps under 0.5', () => {
    expect(stepsUnder(null, 20)).toBe('all 20');
    expect(stepsUnder(7, 20)).toBe('6 of 20');
  });

  it('table each model, then persistence', () => {
    expect(rolloutRows(result, names)).toEqual([
      { name: 'noisy · step 10', firstStep: '0.1', lastStep: '0.3', whole: '0.15', under: 'all 3' },
      {
        name: 'clean · step 10',
        firstStep: '0.05',
        lastStep: '0.9',
        whole: '0.45',
        under: '2 of 3',
      },
      {
        name: 'Persistence (last frame repeated)',
        firstStep: '0.5',
        lastStep: '1.2',
        whole: '0.8',
        under: '1 of 3',
      },
    ]);
  });

  it('chart the chosen trajectory’s errors or the scored means, persistence dashed', () => {
    const own = rolloutSeries(result, names, 'trajectory');
    expect(own.map((s) => [s.name, s.errors, s.horizon, s.dash])).toEqual([
      ['noisy · step 10', [0.1, 0.3, 0.6], null, undefined],
      ['clean · step 10', [0.05, 0.3, 0.9], 3, undefined],
      ['Persistence (last frame repeated)', [0.4, 0.8, 1.2], 2, 'dash'],
    ]);
    const scored = rolloutSeries(result, names, 'scored');
    expect(scored[0]!.errors).toEqual([0.1, 0.2, 0.3]);
    expect(scored[2]!.horizon).toBe(2);
    expect(new Set(scored.map((s) => s.color)).size).toBe(3);
  });

  it('say whether each model beats persistence and which rolls out further', () => {
    expect(rolloutVerdict(result, names)).toEqual([
      'noisy · step 10: at step 3 its error is ×4 lower than persistence’s (0.3 against 1.2); it stays under 0.5 for all 3 steps.',
      'clean · step 10: at step 3 its error is ×1.33 lower than persistence’s (0.9 against 1.2); it stays under 0.5 for 2 of 3 steps.',
      'noisy · step 10 stays under 0.5 longer (3 steps against 2). At step 3, clean · step 10’s error is ×3 noisy · step 10’s.',
    ]);
    const worse = { ...result, models: [model([0.9, 1.5, 2.4], 2)] };
    expect(rolloutVerdict(worse, ['m'])).toEqual([
      'm: at step 3 its error is ×2 higher than persistence’s (2.4 against 1.2); it stays under 0.5 for 1 of 3 steps.',
    ]);
  });

  it('tell two models of the same name apart', () => {
    expect(distinctNames(['a', 'a'])).toEqual(['a (first)', 'a (second)']);
    expect(distinctNames(['a', 'b'])).toEqual(['a', 'b']);
  });
});
