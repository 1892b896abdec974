import { describe, expect, it } from 'vitest';
import { buildParamsFrom, buildWarnings } from './buildParams';
import { settingsProblems, splitProblem } from './settingsChecks';
import { SETTINGS_SCHEMAS, type Settings } from './settingsSchema';
import { defaultSettings } from './settingsStore';
import { decodeQuery, describeIgnored } from './urlCodec';

const decode = (query: string) =>
  decodeQuery(SETTINGS_SCHEMAS, query, (values) => settingsProblems(values as Settings));

function withValues(changes: Record<string, Record<string, unknown>>): Settings {
  const values = defaultSettings();
  for (const [section, update] of Object.entries(changes)) {
    values[section] = { ...values[section], ...update };
  }
  return values;
}

describe('rules between settings', () => {
  it('hold for the defaults, so falling back to them always gives valid settings', () => {
    expect(settingsProblems(defaultSettings())).toEqual([]);
  });

  it('refuse validation and test shares that leave no trajectory for training', () => {
    expect(splitProblem({ count: 16, valFraction: 0.5, testFraction: 0.5 })?.message).toBe(
      'The validation share (0.5) and the test share (0.5) add up to 1: that sets aside every ' +
        'trajectory and leaves none to train on. Make them add up to less than 1.',
    );
    expect(splitProblem({ count: 2, valFraction: 0.5, testFraction: 0.4 })?.message).toBe(
      'Of 2 trajectories, the validation share (0.5) and the test share (0.4) set aside 1 + 1, ' +
        'which leaves none to train on. Lower a share or build more trajectories.',
    );
    expect(splitProblem({ count: 16, valFraction: 0.5, testFraction: 0.4 })).toBeUndefined();
  });

  it('refuse a coefficient range whose “from” is above its “to”', () => {
    const values = withValues({ 'range.heat': { 'nu.low': 0.05, 'nu.high': 0.02 } });
    expect(settingsProblems(values)).toEqual([
      {
        section: 'range.heat',
        names: ['nu.low', 'nu.high'],
        message:
          'The Heat equation range of Diffusivity ν goes from 0.05 to 0.02: “from” must not be ' +
          'larger than “to”.',
      },
    ]);
  });
});

describe('a link breaking those rules', () => {
  it('reads seed=0x10 as invalid, not as 16', () => {
    const { values, ignored } = decode('?seed=0x10&b.seed=1e1');
    expect(values.sim!.seed).toBe(0);
    expect(values.build!.seed).toBe(0);
    expect(describeIgnored(ignored)).toEqual([
      '“seed=0x10”: Seed must be a whole number written in plain digits, like 42',
      '“b.seed=1e1”: Dataset seed must be a whole number written in plain digits, like 42',
    ]);
  });

  it('falls back to the default split, naming both shares and why', () => {
    const { values, ignored } = decode('?b.val=0.5&b.test=0.5&b.n=32');
    expect(values.build).toMatchObject({ valFraction: 0.1, testFraction: 0.1, count: 32 });
    expect(describeIgnored(ignored)).toEqual([
      '“b.val=0.5”, “b.test=0.5”: The validation share (0.5) and the test share (0.5) add up ' +
        'to 1: that sets aside every trajectory and leaves none to train on. Make them add up ' +
        'to less than 1.',
    ]);
  });

  it('falls back to the default range when its low end is above its high end', () => {
    const { values, ignored } = decode('?heat.nu.lo=0.05&heat.nu.hi=0.02&advection.ax.lo=0.5');
    expect(values['range.heat']).toEqual(defaultSettings()['range.heat']);
    expect(values['range.advection']!['ax.low']).toBe(0.5);
    expect(ignored.map((i) => i.key)).toEqual(['heat.nu.lo', 'heat.nu.hi']);
    expect(ignored[0]!.reason).toMatch(/goes from 0\.05 to 0\.02: “from” must not be larger/);
    // Only the end the link set is named when the other is the default.
    expect(decode('?heat.nu.lo=0.05').ignored.map((i) => i.key)).toEqual(['heat.nu.lo']);
  });
});

describe('the dataset builder', () => {
  it('will not build with a split that leaves nothing to train on, and says why', () => {
    const values = withValues({ build: { valFraction: 0.5, testFraction: 0.5 } });
    expect(buildWarnings(values).problem).toMatch(/^The validation share \(0\.5\) and the test/);
    expect(() => buildParamsFrom(values)).toThrow(/leaves none to train on/);
  });

  it('will not build from a range running backwards (it used to swap the ends silently)', () => {
    const values = withValues({
      sim: { pde: 'heat' },
      'range.heat': { 'nu.low': 0.05, 'nu.high': 0.02 },
    });
    expect(buildWarnings(values).problem).toMatch(/^The Heat equation range of Diffusivity ν/);
    expect(() => buildParamsFrom(values)).toThrow(/“from” must not be larger than “to”/);
    // A backwards range of an equation the build does not use does not stop it.
    const other = withValues({
      sim: { pde: 'wave' },
      'range.heat': { 'nu.low': 0.05, 'nu.high': 0.02 },
    });
    expect(buildWarnings(other).problem).toBeUndefined();
    expect(() => buildParamsFrom(other)).not.toThrow();
  });
});
