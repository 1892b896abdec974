/**
 * The Model panel's reads and writes. A config change and the preset it leaves selected are one
 * settings change, so every history entry and every shared link is coherent; the preset shown is
 * always derived from the config itself.
 */
import {
  isModelId,
  matchingPreset,
  MODEL_CATALOG,
  modelEntry,
  type ModelId,
} from '../models/catalog';
import type { ModelSpec } from '../models/types';
import { checkValues, type Schema, type SchemaValues } from '../schema/params';
import { CUSTOM_PRESET } from './modelSchema';
import { SETTINGS_SCHEMAS, type Settings } from './settingsSchema';
import { useSettings } from './settingsStore';

export interface ModelSelection {
  entry: ModelSpec;
  config: SchemaValues<Schema>;
  /** The preset the config equals, or `custom`. */
  preset: string;
  /** Why the config cannot be built; undefined when it can be trained. */
  problem: string | undefined;
}

/** The chosen model, its config and what follows from it. */
export function modelSelection(values: Settings): ModelSelection {
  const chosen = String(values.model.model);
  const entry = modelEntry(isModelId(chosen) ? chosen : (Object.keys(MODEL_CATALOG)[0] as ModelId));
  const config = (values[entry.id] ?? {}) as SchemaValues<Schema>;
  return { entry, config, preset: presetOf(entry, config), problem: entry.configProblem(config) };
}

export function presetOf(entry: ModelSpec, config: Record<string, unknown>): string {
  return matchingPreset(entry, config) ?? CUSTOM_PRESET;
}

/** Applies each section's valid values in one store change; returns the reasons for refusals. */
function applySections(updates: Record<string, Record<string, unknown>>): string[] {
  const { values, replaceAll } = useSettings.getState();
  const next: Record<string, Record<string, unknown>> = { ...values };
  const reasons: string[] = [];
  let changed = false;
  for (const [section, update] of Object.entries(updates)) {
    const schema = SETTINGS_SCHEMAS[section];
    if (!schema) {
      reasons.push(`There is no settings section "${section}".`);
      continue;
    }
    const { accepted, rejected } = checkValues(schema, update);
    reasons.push(...rejected.map((r) => r.reason));
    const merged = { ...values[section], ...accepted };
    if (Object.entries(merged).some(([name, value]) => values[section]?.[name] !== value)) {
      next[section] = merged;
      changed = true;
    }
  }
  if (changed) replaceAll(next as Settings);
  return reasons;
}

/** Changes some of the chosen model's config values, and the preset to match. */
export function updateModelConfig(update: Record<string, unknown>): string[] {
  const { entry, config } = modelSelection(useSettings.getState().values);
  const { accepted, rejected } = checkValues(entry.schema, update);
  const preset = presetOf(entry, { ...config, ...accepted });
  return [
    ...rejected.map((r) => r.reason),
    ...applySections({ [entry.id]: accepted, model: { preset } }),
  ];
}

/** Writes a preset's whole config into the chosen model's section. */
export function choosePreset(preset: string): string[] {
  const { entry } = modelSelection(useSettings.getState().values);
  const chosen = entry.presets[preset];
  if (!chosen) return [`${entry.title} has no preset "${preset}".`];
  return applySections({ [entry.id]: chosen.config, model: { preset } });
}

/** Switches the model; its own config (and so its preset) is kept from before. */
export function chooseModel(id: string): string[] {
  if (!isModelId(id)) return [`There is no model "${id}".`];
  const values = useSettings.getState().values;
  const entry = modelEntry(id);
  return applySections({ model: { model: id, preset: presetOf(entry, values[id] ?? {}) } });
}

/**
 * Opens the Mask panel with this config's masking (ratio, patch sizes, window), so a student sees
 * how much of a simulation the encoder is left with.
 */
export function previewMasking(masking: {
  ratio: number;
  patchTime: number;
  patchSide: number;
  frames: number;
}): string[] {
  return applySections({ mask: masking, app: { panel: 'mask' } });
}
