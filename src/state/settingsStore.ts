/** The values of every URL-encoded setting. Updates are validated against the schemas. */
import { create } from 'zustand';
import { checkValues, defaults } from '../schema/params';
import { SETTINGS_SCHEMAS, type SectionValues, type Settings } from './settingsSchema';

interface SettingsState {
  values: Settings;
  /** Applies the valid part of an update and returns the reasons for anything refused. */
  update<S extends string>(section: S, update: Partial<SectionValues<S>>): string[];
  replaceAll(values: Settings): void;
}

export function defaultSettings(): Settings {
  return Object.fromEntries(
    Object.entries(SETTINGS_SCHEMAS).map(([section, schema]) => [section, defaults(schema)]),
  ) as Settings;
}

export const useSettings = create<SettingsState>()((set) => ({
  values: defaultSettings(),
  update(section, update) {
    const schema = SETTINGS_SCHEMAS[section];
    if (!schema) return [`There is no settings section "${section}".`];
    const { accepted, rejected } = checkValues(schema, update as Record<string, unknown>);
    if (Object.keys(accepted).length > 0) {
      set((state) => ({
        values: { ...state.values, [section]: { ...state.values[section], ...accepted } },
      }));
    }
    return rejected.map((r) => r.reason);
  },
  replaceAll(values) {
    set({ values });
  },
}));
