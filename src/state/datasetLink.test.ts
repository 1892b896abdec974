import { describe, expect, it } from 'vitest';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import type { Summary } from '../storage/types';
import { linkedRecipe, storedDatasetFor } from './datasetLink';
import { settingsProblems } from './settingsChecks';
import { SETTINGS_SCHEMAS, type Settings } from './settingsSchema';
import { decodeQuery } from './urlCodec';

const settings = (query: string) => {
  const { values, ignored } = decodeQuery(SETTINGS_SCHEMAS, query, (v) =>
    settingsProblems(v as Settings),
  );
  expect(ignored).toEqual([]);
  return values as Settings;
};

const recipeOf = (query: string) => {
  const linked = linkedRecipe(settings(query));
  if (!linked.ok) throw new Error(linked.problem);
  return linked.recipe;
};

const TINY_SETTINGS = {
  eq: 'heat',
  n: '32',
  'b.n': '3',
  'b.t': '4',
  'b.seed': '5',
  'heat.ic': 'random-sines',
};
const tiny = (change: Record<string, string> = {}) =>
  new URLSearchParams({ ...TINY_SETTINGS, ...change }).toString();
const TINY = tiny();

const record = (id: string, recipe?: string): Summary<DatasetRecordMeta> => ({
  id,
  name: id,
  createdAt: 0,
  sizeBytes: 0,
  schemaVersion: 1,
  meta: { ...(recipe === undefined ? {} : { recipe }) } as DatasetRecordMeta,
});

describe('the recipe a link carries', () => {
  it('is the same for the same Data settings, however the link orders them', () => {
    const reordered = 'b.seed=5&heat.ic=random-sines&b.t=4&n=32&eq=heat&b.n=3';
    expect(recipeOf(reordered)).toBe(recipeOf(TINY));
  });

  it('does not depend on settings outside the dataset (panel, backend, model, batch size)', () => {
    const recipe = recipeOf(TINY);
    expect(recipeOf(`${TINY}&p=train&backend=webgpu`)).toBe(recipe);
    expect(recipeOf(`${TINY}&b.batch=1`)).toBe(recipe);
  });

  it('changes with any setting that changes the data', () => {
    const recipe = recipeOf(TINY);
    const changes: Record<string, string>[] = [
      { 'b.seed': '6' },
      { 'b.n': '4' },
      { 'b.t': '5' },
      { n: '64' },
      { eq: 'wave' },
      { 'b.noise': '0.1' },
      { 'heat.ic': 'hot-square' },
    ];
    for (const change of changes) {
      expect(recipeOf(tiny(change)), JSON.stringify(change)).not.toBe(recipe);
    }
  });

  it('names the problem when the Data settings cannot build', () => {
    const values = settings(TINY);
    const broken = {
      ...values,
      build: { ...values.build, valFraction: 0.5, testFraction: 0.5 },
    } as Settings;
    const linked = linkedRecipe(broken);
    expect(linked.ok).toBe(false);
    if (!linked.ok) expect(linked.problem).toMatch(/add up to 1/);
  });
});

describe('storedDatasetFor', () => {
  it('finds the newest stored dataset built from the recipe, and none for another', () => {
    const recipe = recipeOf(TINY);
    const records = [record('imported'), record('newer', recipe), record('older', recipe)];
    expect(storedDatasetFor(records, recipe)?.id).toBe('newer');
    expect(storedDatasetFor(records, recipeOf(tiny({ 'b.seed': '9' })))).toBeUndefined();
    expect(storedDatasetFor([record('no recipe')], recipe)).toBeUndefined();
  });
});
