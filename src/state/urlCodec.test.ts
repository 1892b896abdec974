import { describe, expect, it } from 'vitest';
import { defaults, defineSchema } from '../schema/params';
import { SETTINGS_SCHEMAS } from './settingsSchema';
import {
  URL_VERSION,
  assertUniqueKeys,
  decodeQuery,
  describeIgnored,
  encodeQuery,
} from './urlCodec';

const groups = {
  sim: defineSchema({
    nu: {
      kind: 'number',
      key: 'nu',
      label: 'Viscosity',
      min: 1e-5,
      max: 1,
      default: 1e-3,
      log: true,
    },
    size: { kind: 'number', key: 'n', label: 'Grid', min: 8, max: 256, default: 64, integer: true },
    scheme: {
      kind: 'choice',
      key: 's',
      label: 'Scheme',
      options: [
        { value: 'fno', label: 'FNO' },
        { value: 'rk4', label: 'RK4' },
      ],
      default: 'fno',
    },
    live: { kind: 'boolean', key: 'live', label: 'Live', default: false },
  }),
};
const defaultValues = { sim: defaults(groups.sim) };

describe('URL codec', () => {
  it('writes nothing for defaults, so a plain link stays plain', () => {
    expect(encodeQuery(groups, defaultValues)).toBe('');
  });

  it('round-trips changed values compactly under their short keys, with a version', () => {
    const values = { sim: { nu: 1e-5, size: 128, scheme: 'rk4', live: true } };
    const query = encodeQuery(groups, values);
    expect(query).toBe(`v=${URL_VERSION}&nu=0.00001&n=128&s=rk4&live=1`);
    expect(decodeQuery(groups, `?${query}`)).toEqual({ values, ignored: [] });
  });

  it('falls back to defaults for garbage and names each ignored value', () => {
    const { values, ignored } = decodeQuery(groups, '?n=12.5&nu=banana&s=euler&live=yes&zzz=1&n2=');
    expect(values).toEqual(defaultValues);
    expect(ignored.map((i) => i.key)).toEqual(['n', 'nu', 's', 'live', 'zzz', 'n2']);
    expect(ignored[0]!.reason).toBe('Grid must be a whole number');
    expect(ignored[1]!.reason).toBe('Viscosity is not a finite number');
    expect(ignored[2]!.reason).toBe('Scheme is not one of fno, rk4');
    expect(ignored[4]!.reason).toMatch(/not a setting/);
  });

  it('rejects out-of-range numbers but keeps the valid values beside them', () => {
    const { values, ignored } = decodeQuery(groups, '?n=4096&s=rk4');
    expect(values.sim).toMatchObject({ size: 64, scheme: 'rk4' });
    expect(ignored).toEqual([{ key: 'n', value: '4096', reason: 'Grid is outside 8…256' }]);
  });

  it('reads a link from a newer version as far as it can, and says so', () => {
    const { values, ignored } = decodeQuery(groups, `?v=${URL_VERSION + 1}&n=32`);
    expect(values.sim.size).toBe(32);
    expect(ignored[0]).toMatchObject({ key: 'v', reason: expect.stringMatching(/newer version/) });
  });

  it('reads numbers only in plain decimal: no hex, binary, octal, padding or empty text', () => {
    const reasons = (query: string) =>
      decodeQuery(groups, query).ignored.map((i) => `${i.key}=${i.value}: ${i.reason}`);
    const plainDigits = 'Grid must be a whole number written in plain digits, like 42';
    expect(reasons('?n=0x10')).toEqual([`n=0x10: ${plainDigits}`]);
    expect(reasons('?n=0b1000000')).toEqual([`n=0b1000000: ${plainDigits}`]);
    expect(reasons('?n=0o100')).toEqual([`n=0o100: ${plainDigits}`]);
    expect(reasons('?n=6.4e1')).toEqual([`n=6.4e1: ${plainDigits}`]);
    expect(reasons('?n=%2064')).toEqual([`n= 64: ${plainDigits}`]);
    expect(reasons('?n=64%0A')).toEqual([`n=64\n: ${plainDigits}`]);
    expect(reasons('?n=+64')).toEqual([`n= 64: ${plainDigits}`]); // '+' is a space in a query
    expect(reasons('?n=')).toEqual(['n=: Grid is not a finite number']);
    expect(reasons('?nu=0x1')).toEqual([
      'nu=0x1: Viscosity must be written as a plain decimal number, like 0.01 or 1e-3',
    ]);
    expect(reasons('?nu=Infinity')).toEqual(['nu=Infinity: Viscosity is not a finite number']);
    // What the lab writes itself still reads: plain digits, decimals and exponents.
    expect(decodeQuery(groups, '?n=128&nu=1e-5').values.sim).toMatchObject({ size: 128, nu: 1e-5 });
    expect(decodeQuery(groups, '?nu=.5').values.sim.nu).toBe(0.5);
    expect(decodeQuery(groups, '?nu=2.5E-3').values.sim.nu).toBe(2.5e-3);
  });

  it('refuses values that break a rule between settings, together, with the rule as reason', () => {
    const check = (values: { sim: Record<string, unknown> }) =>
      Number(values.sim.size) > 100 && values.sim.scheme === 'rk4'
        ? [
            {
              section: 'sim',
              names: ['size', 'scheme'],
              message: 'RK4 needs a grid of 100 or less',
            },
          ]
        : [];
    const { values, ignored } = decodeQuery(groups, '?n=128&s=rk4&nu=0.01', check);
    expect(values.sim).toEqual({ ...defaultValues.sim, nu: 0.01 });
    expect(ignored).toEqual([
      { key: 'n', value: '128', reason: 'RK4 needs a grid of 100 or less' },
      { key: 's', value: 'rk4', reason: 'RK4 needs a grid of 100 or less' },
    ]);
    expect(describeIgnored(ignored)).toEqual(['“n=128”, “s=rk4”: RK4 needs a grid of 100 or less']);
    expect(decodeQuery(groups, '?n=64&s=rk4', check).ignored).toEqual([]);
  });

  it('survives a malformed query string', () => {
    expect(() => decodeQuery(groups, '?%E0%A4%A=1&&=&n')).not.toThrow();
  });

  it('has one URL key per setting across the whole app', () => {
    expect(() => assertUniqueKeys(SETTINGS_SCHEMAS)).not.toThrow();
    expect(() => assertUniqueKeys({ a: groups.sim, b: groups.sim })).toThrow(/used twice/);
  });
});
