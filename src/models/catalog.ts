/**
 * Every model the lab can build, as plain data (no tfjs): what the Model panel lists, explains and
 * generates its controls from. Adding a model is one entry here and its folder beside this file.
 */
import type { Schema } from '../schema/params';
import { maeInfo } from './mae/info';
import type { ModelSpec, PaperReference } from './types';

/** The models that follow the MAE, named so students know what is coming. */
export const PLANNED_MODELS = [
  {
    title: 'DINo',
    summary: 'continuous-time forecasting with implicit neural representations',
  },
  {
    title: 'PhysicNet',
    summary: 'discrete latent codes and levels of experts',
  },
  {
    title: 'DPOT',
    summary: 'an auto-regressive denoising operator transformer pretrained on many equations',
  },
] as const;

export const MODEL_CATALOG = { mae: maeInfo } as const;

export type ModelId = keyof typeof MODEL_CATALOG;

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
