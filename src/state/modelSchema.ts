/**
 * Which model the lab builds and which of its presets is selected (URL keys `model`, `mp`). The
 * config itself lives in the model's own section (`mae.…`, `dino.…`); `preset` mirrors it: the panel writes
 * both together, and a preset whose config no longer matches shows as custom.
 */
import { DEFAULT_MODEL_ID, MODEL_CATALOG, type ModelId } from '../models/catalog';
import { defineSchema } from '../schema/params';

/** The preset value of a config that matches none of its model's presets. */
export const CUSTOM_PRESET = 'custom';

function presetOptions(): { value: string; label: string }[] {
  const options = new Map<string, string>();
  for (const entry of Object.values(MODEL_CATALOG)) {
    for (const [id, preset] of Object.entries(entry.presets)) {
      // Models share preset ids (tiny, small, paper): the first model's label names the value.
      if (!options.has(id)) options.set(id, preset.label);
    }
  }
  options.set(CUSTOM_PRESET, 'Custom');
  return [...options].map(([value, label]) => ({ value, label }));
}

export const modelSchema = defineSchema({
  model: {
    kind: 'choice',
    key: 'model',
    label: 'Model',
    options: Object.values(MODEL_CATALOG).map((entry) => ({ value: entry.id, label: entry.title })),
    default: DEFAULT_MODEL_ID,
  },
  preset: {
    kind: 'choice',
    key: 'mp',
    label: 'Preset',
    options: presetOptions(),
    default: MODEL_CATALOG[DEFAULT_MODEL_ID].defaultPreset,
  },
});

/** Each model's config as a settings section named by its id (`mae`), from the catalog. */
export const MODEL_CONFIG_SCHEMAS = Object.fromEntries(
  Object.values(MODEL_CATALOG).map((entry) => [entry.id, entry.schema]),
) as { [Id in ModelId]: (typeof MODEL_CATALOG)[Id]['schema'] };
