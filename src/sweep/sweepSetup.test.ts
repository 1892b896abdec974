import { describe, expect, it } from 'vitest';
import { defineSchema } from '../schema/params';
import { defaults } from '../schema/params';
import { trainSchema } from '../models/trainOptions';
import { EMPTY_DRAFT, runOptionsProblem, sweepSetup, type SweepDraft } from './sweepSetup';
import type { SweepParamInput } from './sweepParams';

const schema = defineSchema({
  depth: { kind: 'number', key: 'm.d', label: 'Depth', min: 1, max: 12, default: 2, integer: true },
});
const lr: SweepParamInput = {
  id: 'options.peakLr',
  mode: 'values',
  values: '1e-3, 1e-2',
  min: '',
  max: '',
  scale: 'linear',
  levels: '3',
};
const depth: SweepParamInput = { ...lr, id: 'config.depth', mode: 'range', min: '1', max: '3' };
const draft = (patch: Partial<SweepDraft>): SweepDraft => ({ ...EMPTY_DRAFT, ...patch });

describe('sweep setup', () => {
  it('makes a grid of the product of the values, named after its parameters', () => {
    const setup = sweepSetup(draft({ inputs: [lr, depth], stepsPerRun: '5' }), schema, 'MAE');
    if (!setup.ok) throw new Error(setup.problems.join(' '));
    expect(setup.runs).toHaveLength(6);
    expect(setup.stepsPerRun).toBe(5);
    expect(setup.name).toBe('Peak learning rate, Depth sweep');
  });

  it('makes the asked number of random runs, reproducibly', () => {
    const d = draft({ inputs: [depth], strategy: 'random', runs: '5', seed: '9', name: ' mine ' });
    const a = sweepSetup(d, schema, 'MAE');
    expect(a).toMatchObject({ ok: true, name: 'mine' });
    expect(a).toEqual(sweepSetup(d, schema, 'MAE'));
    if (a.ok) expect(a.runs).toHaveLength(5);
  });

  it('lists every problem in words', () => {
    const setup = sweepSetup(
      draft({
        inputs: [
          { ...lr, values: '1' },
          { ...lr, id: 'config.width' },
        ],
        stepsPerRun: '1',
        strategy: 'random',
        seed: '-2',
      }),
      schema,
      'MAE',
    );
    expect(setup).toEqual({
      ok: false,
      problems: [
        'Peak learning rate: “1” is outside 0.00001…0.1.',
        '“config.width” is not a parameter of MAE: remove it.',
        'Steps per run is outside 2…100000.',
        'The seed must be a whole number from 0 to 4294967295.',
      ],
    });
    expect(sweepSetup(draft({}), schema, 'MAE')).toEqual({
      ok: false,
      problems: ['Choose at least one parameter to sweep.'],
    });
  });

  it('refuses a grid over the cap with its size', () => {
    const big = { ...depth, min: '1', max: '12', levels: '12' };
    const setup = sweepSetup(
      draft({ inputs: [big, { ...lr, values: '1e-3,2e-3,3e-3,4e-3,5e-3,6e-3' }] }),
      schema,
      'MAE',
    );
    expect(setup).toEqual({ ok: false, problems: [expect.stringContaining('72 settings')] });
  });
});

describe('run options', () => {
  it('refuse a one-cycle schedule too short to rise', () => {
    const options = { ...defaults(trainSchema), steps: 4, warmupFraction: 0.2 };
    expect(runOptionsProblem(options)).toMatch(/4 steps leave it no room/);
    expect(runOptionsProblem({ ...options, steps: 6 })).toBeUndefined();
    expect(runOptionsProblem({ ...options, schedule: 'constant' })).toBeUndefined();
  });
});
