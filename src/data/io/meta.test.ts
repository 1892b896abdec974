import { describe, expect, it } from 'vitest';
import { checkBundle } from './bundle';
import { DatasetFormatError } from './errors';
import { parseDatasetMeta, parseDatasetMetaJson, stringifyDatasetMeta } from './meta';
import { sampleBundle, sampleMeta, sampleMixedMeta } from './testData';

function problemsOf(value: unknown): string {
  try {
    parseDatasetMeta(value);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a DatasetFormatError');
}

describe('dataset metadata', () => {
  it('round-trips through JSON, with format and version recorded', () => {
    const text = stringifyDatasetMeta(sampleMeta());
    expect(JSON.parse(text)).toMatchObject({ format: 'pde-lab-dataset', version: 1 });
    expect(parseDatasetMetaJson(text)).toEqual(sampleMeta());
  });

  it('round-trips a mix: components, per-trajectory index, absent coefficients as null', () => {
    const text = stringifyDatasetMeta(sampleMixedMeta());
    expect(JSON.parse(text).coefficients.forcing).toEqual([0.1, null, 0.30000000000000004]);
    expect(parseDatasetMetaJson(text)).toEqual(sampleMixedMeta());
  });

  it('names what is wrong in a mix', () => {
    const meta = sampleMixedMeta();
    expect(problemsOf({ ...meta, mix: { ...meta.mix, index: [0, 2, 0] } })).toMatch(
      /"mix.index\[1\]" should be a component index below 2, not 2/,
    );
    expect(problemsOf({ ...meta, mix: { ...meta.mix, index: [0, 1] } })).toMatch(
      /"mix.index" has 2 entries but the split has 3 trajectories/,
    );
    expect(
      problemsOf({ ...meta, mix: { components: [{ equation: 'ns' }], index: [0, 0, 0] } }),
    ).toMatch(/"mix.components\[0\]" should be/);
    expect(problemsOf({ ...meta, times: [0, null, 0.2, 0.3] })).toMatch(/"times\[1\]"/);
  });

  it('drops unknown fields and copies arrays', () => {
    const input = { ...sampleMeta(), note: 'hello' };
    const meta = parseDatasetMeta(input);
    expect(meta).not.toHaveProperty('note');
    expect(meta.times).not.toBe(input.times);
  });

  it('names missing fields', () => {
    const { grid: _grid, seed: _seed, ...rest } = sampleMeta();
    expect(problemsOf(rest)).toBe(
      'The dataset metadata is invalid: "seed" is missing; "grid" is missing.',
    );
  });

  it('names wrong field types and values', () => {
    const meta = {
      ...sampleMeta(),
      equation: '',
      grid: { n: 2.5, length: -1, origin: 'left' },
      times: [0, 0.2, 0.1],
      channels: ['u', 'u'],
    };
    const message = problemsOf(meta);
    expect(message).toContain('"equation" should be a non-empty string, not ""');
    expect(message).toContain('"grid.n" should be a whole number ≥ 1, not 2.5');
    expect(message).toContain('"grid.length" should be a positive number, not -1');
    expect(message).toContain('"grid.origin" should be a finite number, not "left"');
    expect(message).toContain('"times" should increase, but times[2] = 0.1 follows 0.2');
    expect(message).toContain('"channels" names a channel twice');
  });

  it('checks coefficients against the split', () => {
    const meta = { ...sampleMeta(), coefficients: { nu: [1, 2], k: [1, 'x', 3] } };
    const message = problemsOf(meta);
    expect(message).toContain(
      '"coefficients.nu" has 2 values but the split has 3 trajectories: it needs one value per ' +
        'trajectory',
    );
    expect(message).toContain('"coefficients.k[1]" should be a finite number, not "x"');
  });

  it('rejects non-objects, bad JSON, other formats and newer versions', () => {
    expect(problemsOf([1])).toMatch(/should be a JSON object, not a list of 1 item/);
    expect(() => parseDatasetMetaJson('{"equation": ')).toThrow(/not valid JSON/);
    expect(problemsOf({ ...sampleMeta(), format: 'other' })).toMatch(/not a PDE Lab dataset/);
    expect(problemsOf({ ...sampleMeta(), version: 2 })).toMatch(
      /newer PDE Lab \(format version 2\)/,
    );
    expect(problemsOf({ ...sampleMeta(), split: { train: 0, val: 0, test: 0 } })).toMatch(
      /add up to 0 trajectories/,
    );
  });

  it('lists at most six problems', () => {
    expect(problemsOf({})).toMatch(/; and 2 more problems\.$/);
  });

  it('checks an array against its metadata', () => {
    expect(() => checkBundle(sampleBundle())).not.toThrow();
    const bundle = { ...sampleBundle(), shape: [3, 5, 5, 4, 2] };
    expect(() => checkBundle(bundle)).toThrow(
      'The array (shape 3×5×5×4×2) does not match its metadata: T is 5 but the times list has ' +
        'length 4; Y is 4 but the grid has n = 5.',
    );
    expect(() => checkBundle({ ...sampleBundle(), shape: [3, 4, 50, 2] })).toThrow(/5 axes/);
  });
});
