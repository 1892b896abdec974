/**
 * The lab's default dataset, MAE-PDE's pretraining data in small: heat, advection and Burgers in
 * equal shares from random sines, 48 trajectories of 24 frames at 32², all recorded at the same
 * interval. Plain data, shared by the Mask panel's offer and `npm run pretrain`.
 */
import { PDE_CATALOG } from '../pde/catalog';
import type { PdeId } from '../pde/types';
import type { Settings } from './settingsSchema';
import { pdeSectionId } from './simulationSchema';

export const DEFAULT_MIX: readonly PdeId[] = ['heat', 'advection', 'burgers'];

/**
 * The labelled set for the downstream tasks: the same mix, 288 trajectories of another seed, a
 * third of them held out for testing, so the label budgets 32, 64, 128 and all (192) fit.
 */
export const LABELLED_DATASET = { count: 288, seed: 2, valFraction: 0, testFraction: 1 / 3 };

/** The settings to change, section by section, to build the default dataset (or `build`'s variant). */
export function defaultDatasetSettings(
  values: Settings,
  build: Record<string, unknown> = {},
): Record<string, Record<string, unknown>> {
  const record = PDE_CATALOG.heat.defaultRecordInterval;
  const weights = Object.fromEntries(
    Object.keys(values.mix ?? {}).map((id) => [
      id,
      (DEFAULT_MIX as readonly string[]).includes(id) ? 1 : 0,
    ]),
  );
  return {
    sim: { n: '32' },
    build: { mode: 'mix', count: 48, frames: 24, ...build },
    mix: weights,
    ...Object.fromEntries(
      DEFAULT_MIX.map((id) => [pdeSectionId(id), { initial: 'random-sines', record }]),
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
