/**
 * Every model the lab can build, as plain data (no tfjs): what the Model panel lists, explains and
 * generates its controls from. Adding a model is one entry here and its folder beside this file.
 */
import { checkValues, type Schema } from '../schema/params';
import { dinoInfo } from './dino/info';
import { dpotInfo } from './dpot/info';
import { maeInfo } from './mae/info';
import { physicnetInfo } from './physicnet/info';
import type { ModelSpec, PaperReference } from './types';

export const MODEL_CATALOG = {
  mae: maeInfo,
  dino: dinoInfo,
  physicnet: physicnetInfo,
  dpot: dpotInfo,
} as const;

export type ModelId = keyof typeof MODEL_CATALOG;

/** The model a fresh lab opens with. */
export const DEFAULT_MODEL_ID: ModelId = 'mae';

export const MODEL_IDS = Object.keys(MODEL_CATALOG) as ModelId[];

export function isModelId(id: string): id is ModelId {
  return Object.hasOwn(MODEL_CATALOG, id);
}

/** The catalog entry for an id, widened to the shape every model shares. */
export function modelEntry(id: ModelId): ModelSpec {
  return MODEL_CATALOG[id];
}

/** The preset whose config equals `config` in every param, or undefined for a custom config. */
export function matchingPreset<S extends Schema, P extends string>(
  entry: ModelSpec<S, P>,
  config: Readonly<Record<string, unknown>>,
): P | undefined {
  const names = Object.keys(entry.schema);
  return (Object.keys(entry.presets) as P[]).find((id) => {
    const preset = entry.presets[id].config as Record<string, unknown>;
    return names.every((name) => preset[name] === config[name]);
  });
}

/** The paper's abstract page. */
export function arxivUrl(paper: PaperReference): string {
  return `https://arxiv.org/abs/${paper.arxiv}`;
}

/** A checkpoint's `config` JSON: every model stores its settings and the channels it reads. */
export interface SavedModelConfig {
  model: Record<string, number | string | boolean>;
  channels: number;
}

/**
 * Reads a saved `{ model, channels }` config in one place (Excalidraw's restore): settings added
 * since it was written take the values models were built with before; returns the problem in
 * words when it cannot be read.
 */
export function restoreModelConfig(
  entry: ModelSpec,
  saved: unknown,
): { ok: true; value: SavedModelConfig } | { ok: false; problem: string } {
  const { model, channels } = (saved ?? {}) as { model?: unknown; channels?: unknown };
  if (typeof model !== 'object' || model === null) {
    return { ok: false, problem: `it holds no ${entry.title} settings` };
  }
  const given = { ...entry.settingsAddedLater, ...(model as Record<string, unknown>) };
  const { accepted, rejected } = checkValues(entry.schema, given);
  const missing = Object.keys(entry.schema).filter((k) => !(k in given));
  if (rejected.length || missing.length) {
    const reasons = [
      ...rejected.map((r) => `${r.name}: ${r.reason}`),
      ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
    ];
    return { ok: false, problem: `its ${entry.title} settings are invalid: ${reasons.join('; ')}` };
  }
  if (typeof channels !== 'number' || !Number.isInteger(channels) || channels < 1) {
    return { ok: false, problem: 'it does not say how many channels the model reads' };
  }
  return {
    ok: true,
    value: { model: accepted as SavedModelConfig['model'], channels },
  };
}
