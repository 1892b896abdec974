import { describe, expect, it } from 'vitest';
import { defineSchema } from '../schema/params';
import {
  defaultInput,
  parseDimension,
  splitAssignment,
  sweepableParams,
  type SweepParam,
  type SweepParamInput,
} from './sweepParams';

const modelSchema = defineSchema({
  maskRatio: {
    kind: 'number',
    key: 'm.r',
    label: 'Mask ratio',
    min: 0.1,
    max: 0.95,
    default: 0.75,
  },
  depth: { kind: 'number', key: 'm.d', label: 'Depth', min: 1, max: 12, default: 2, integer: true },
  norm: {
    kind: 'choice',
    key: 'm.n',
    label: 'Norm',
    options: [
      { value: 'layer', label: 'Layer' },
      { value: 'none', label: 'None' },
    ],
    default: 'layer',
  },
  shift: { kind: 'boolean', key: 'm.s', label: 'Shift', default: false },
});

const params = sweepableParams(modelSchema);
const byId = (id: string): SweepParam => params.find((p) => p.id === id)!;
const input = (id: string, patch: Partial<SweepParamInput>): SweepParamInput => ({
  ...defaultInput(byId(id)),
  ...patch,
});

describe('sweepable parameters', () => {
  it('are the train settings less the budget, then every model parameter', () => {
    const ids = params.map((p) => p.id);
    expect(ids).toContain('options.peakLr');
    expect(ids).toContain('options.seed');
    expect(ids).not.toContain('options.steps');
    expect(ids).not.toContain('options.validateEvery');
    expect(ids.filter((id) => id.startsWith('config.'))).toEqual([
      'config.maskRatio',
      'config.depth',
      'config.norm',
      'config.shift',
    ]);
  });

  it('start from valid inputs', () => {
    for (const p of params) expect(parseDimension(p, defaultInput(p), 'grid').ok).toBe(true);
  });
});

describe('parsing a parameter', () => {
  it('reads a comma list, checked against the schema', () => {
    const parsed = parseDimension(
      byId('options.peakLr'),
      input('options.peakLr', { mode: 'values', values: '1e-3, 0.01 ,' }),
      'grid',
    );
    expect(parsed).toMatchObject({ ok: true, value: { kind: 'values', values: [1e-3, 0.01] } });
  });

  it('names each bad value and why', () => {
    const parsed = parseDimension(
      byId('config.depth'),
      input('config.depth', { mode: 'values', values: '2, 2.5, 40, x, 2' }),
      'grid',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      expect.stringMatching(/^Depth: “2.5” must be a whole number/),
      'Depth: “40” is outside 1…12.',
      'Depth: “x” is not a finite number.',
      'Depth: “2” is given twice.',
    ]);
  });

  it('reads choices and yes/no values, refusing unknown ones', () => {
    expect(
      parseDimension(byId('config.norm'), input('config.norm', { values: 'none' }), 'grid'),
    ).toMatchObject({ ok: true, value: { values: ['none'] } });
    const bad = parseDimension(
      byId('config.norm'),
      input('config.norm', { values: 'batch' }),
      'grid',
    );
    expect(bad).toEqual({ ok: false, problems: ['Norm: “batch” is not one of layer, none.'] });
    expect(
      parseDimension(byId('config.shift'), input('config.shift', { values: '1, false' }), 'grid'),
    ).toMatchObject({ ok: true, value: { values: [true, false] } });
  });

  it('checks ranges: order, bounds, log needs a positive minimum, grid points', () => {
    const p = byId('config.maskRatio');
    const problems = (patch: Partial<SweepParamInput>, strategy: 'grid' | 'random' = 'grid') => {
      const parsed = parseDimension(p, input(p.id, { mode: 'range', ...patch }), strategy);
      return parsed.ok ? [] : parsed.problems;
    };
    expect(problems({ min: '0.5', max: '0.3' })).toEqual([
      'Mask ratio: the minimum must be below the maximum.',
    ]);
    expect(problems({ min: '0.05', max: '0.3' })).toEqual([
      'Mask ratio: the minimum “0.05” is outside 0.1…0.95.',
    ]);
    expect(problems({ min: '0.2', max: '0.3', levels: '1' })).toEqual([
      'Mask ratio: grid points must be a whole number from 2 to 20.',
    ]);
    expect(problems({ min: '0.2', max: '0.3', levels: '1' }, 'random')).toEqual([]);
    const wd = byId('options.weightDecay');
    const log = parseDimension(
      wd,
      input(wd.id, { mode: 'range', min: '0', max: '0.1', scale: 'log' }),
      'random',
    );
    expect(log).toEqual({
      ok: false,
      problems: ['Weight decay: a log range needs a minimum above 0.'],
    });
    expect(
      parseDimension(byId('config.norm'), input('config.norm', { mode: 'range' }), 'grid').ok,
    ).toBe(false);
  });
});

describe('splitting an assignment', () => {
  it('sends options and config values to their own overrides', () => {
    expect(splitAssignment({ 'options.peakLr': 0.01, 'config.depth': 3 })).toEqual({
      options: { peakLr: 0.01 },
      config: { depth: 3 },
    });
    expect(() => splitAssignment({ lr: 1 })).toThrow(/names no train setting/);
  });
});
