/** The values of every URL-encoded setting. Updates are validated against the schemas. */
import { create } from 'zustand';
import { checkValues, defaults } from '../schema/params';
import { SETTINGS_SCHEMAS, type Settings, type SettingsSection } from './settingsSchema';

interface SettingsState {
  values: Settings;
  /** Applies the valid part of an update and returns the reasons for anything refused. */
  update<S extends SettingsSection>(section: S, update: Partial<Settings[S]>): string[];
  replaceAll(values: Settings): void;
}

export function defaultSettings(): Settings {
  return {
    app: defaults(SETTINGS_SCHEMAS.app),
    selfTest: defaults(SETTINGS_SCHEMAS.selfTest),
  };
}

export const useSettings = create<SettingsState>()((set) => ({
  values: defaultSettings(),
  update(section, update) {
    const { accepted, rejected } = checkValues(SETTINGS_SCHEMAS[section], update);
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
