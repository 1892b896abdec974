/**
 * The dataset a panel offers to build when none is saved: the chosen model's own recipe (its
 * catalog entry's `defaultDataset`) as the Data panel's settings. The lab's default, the default
 * model's, is also what the Node commands call the default mix. Plain data.
 */
import { DEFAULT_MODEL_ID, modelEntry } from '../models/catalog';
import type { DefaultDatasetRecipe } from '../models/types';
import { PDE_CATALOG } from '../pde/catalog';
import type { Settings } from './settingsSchema';
import { pdeSectionId, rangeSectionId } from './simulationSchema';

/**
 * The labelled set for the downstream tasks: the same mix, 288 trajectories of another seed, a
 * third of them held out for testing, so the label budgets 32, 64, 128 and all (192) fit.
 */
export const LABELLED_DATASET = { count: 288, seed: 2, valFraction: 0, testFraction: 1 / 3 };

/**
 * The settings to change, section by section, to build a model's default dataset (or `build`'s
 * variant); by default the lab's default model's.
 */
export function defaultDatasetSettings(
  values: Settings,
  build: Record<string, unknown> = {},
  recipe: DefaultDatasetRecipe = modelEntry(DEFAULT_MODEL_ID).defaultDataset,
): Record<string, Record<string, unknown>> {
  const mixed = recipe.equations.length > 1;
  const record = recipe.recordFrom
    ? PDE_CATALOG[recipe.recordFrom].defaultRecordInterval
    : undefined;
  const weights = Object.fromEntries(
    Object.keys(values.mix ?? {}).map((id) => [
      id,
      (recipe.equations as readonly string[]).includes(id) ? 1 : 0,
    ]),
  );
  return {
    sim: { n: String(recipe.n), ...(mixed ? {} : { pde: recipe.equations[0] }) },
    build: {
      mode: mixed ? 'mix' : 'single',
      count: recipe.count,
      frames: recipe.frames,
      ...build,
    },
    ...(mixed ? { mix: weights } : {}),
    ...Object.fromEntries(
      recipe.equations.map((id) => [
        pdeSectionId(id),
        {
          initial: recipe.initial,
          ...(record === undefined ? {} : { record }),
          ...recipe.params,
        },
      ]),
    ),
    // A dataset draws each coefficient from its range: pin the recipe's to its value.
    ...Object.fromEntries(
      (recipe.params ? recipe.equations : []).map((id) => [
        rangeSectionId(id),
        Object.fromEntries(
          Object.entries(recipe.params ?? {}).flatMap(([name, value]) => [
            [`${name}.low`, value],
            [`${name}.high`, value],
          ]),
        ),
      ]),
    ),
  };
}

/** `values` with the default dataset's settings applied (unvalidated: the changes are known good). */
export function withDefaultDataset(values: Settings): Settings {
  const changes = defaultDatasetSettings(values);
  return Object.fromEntries(
    Object.entries(values).map(([section, current]) => [
      section,
      { ...current, ...changes[section] },
    ]),
  ) as Settings;
}
