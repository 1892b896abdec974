import { describe, expect, it } from 'vitest';
import { defaults, defineSchema } from '../schema/params';
import { SETTINGS_SCHEMAS } from './settingsSchema';
import { URL_VERSION, assertUniqueKeys, decodeQuery, encodeQuery } from './urlCodec';

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

  it('survives a malformed query string', () => {
    expect(() => decodeQuery(groups, '?%E0%A4%A=1&&=&n')).not.toThrow();
  });

  it('has one URL key per setting across the whole app', () => {
    expect(() => assertUniqueKeys(SETTINGS_SCHEMAS)).not.toThrow();
    expect(() => assertUniqueKeys({ a: groups.sim, b: groups.sim })).toThrow(/used twice/);
  });
});
