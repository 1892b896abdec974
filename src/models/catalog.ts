/**
 * Every model the lab can build, as plain data (no tfjs): what the Model panel lists, explains and
 * generates its controls from. Adding a model is one entry here and its folder beside this file.
 */
import type { Schema, SchemaValues } from '../schema/params';
import {
  maeConfigProblem,
  maeParameterCount,
  maeSchema,
  MAE_PRESETS,
  tokenGrid,
  type MaeConfig,
  type MaePresetId,
} from './mae/config';

export interface PaperReference {
  authors: string;
  title: string;
  year: number;
  /** arXiv identifier, e.g. 2403.17728. */
  arxiv: string;
}

export interface ModelPresetInfo<C> {
  label: string;
  /** One sentence: what the preset is for. */
  explanation: string;
  config: C;
}

/** A fieldset of the config form: a legend and the params it holds, in order. */
export interface ConfigGroup<Name extends string = string> {
  legend: string;
  params: readonly Name[];
}

/** One number about a config's shape that a student can check against the picture. */
export interface ModelFact {
  id: string;
  label: string;
  value: string;
}

export interface ModelCatalogEntry<S extends Schema = Schema, P extends string = string> {
  /** Stable id: also the settings section holding the config and the checkpoints' model id. */
  id: string;
  title: string;
  /** A paragraph a student can read before touching any control. */
  explanation: string;
  paper: PaperReference;
  schema: S;
  presets: Readonly<Record<P, ModelPresetInfo<SchemaValues<S>>>>;
  /** The preset whose config equals the schema's defaults, so a default link shows it. */
  defaultPreset: P;
  /** The config form's fieldsets; together they hold every param of the schema once. */
  groups: readonly ConfigGroup[];
  /** Trainable parameters (method syntax: each entry narrows the config it takes). */
  parameterCount(config: SchemaValues<S>): number;
  /** Why a config cannot be built, in words; undefined when it can. */
  configProblem(config: SchemaValues<S>): string | undefined;
  /** The shape of the data the model sees, for the preset cards and the summary. */
  facts(config: SchemaValues<S>): readonly ModelFact[];
}

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

function maeFacts(config: MaeConfig): ModelFact[] {
  const grid = tokenGrid(config);
  const whole = [grid.t, grid.x, grid.y].every(Number.isInteger);
  return [
    {
      id: 'tokens',
      label: 'Tokens',
      value: whole ? `${grid.count} (${grid.t} × ${grid.x} × ${grid.y})` : '–',
    },
    {
      id: 'patch',
      label: 'Values per patch',
      value: `${grid.dim} (${config.patchT} × ${config.patchXY} × ${config.patchXY})`,
    },
    {
      id: 'window',
      label: 'Window',
      value: `${config.frames} frames of ${config.size}²`,
    },
  ];
}

const maeGroups: readonly ConfigGroup<keyof MaeConfig>[] = [
  { legend: 'Data window and patches', params: ['size', 'frames', 'patchT', 'patchXY'] },
  { legend: 'Encoder', params: ['width', 'depth', 'heads', 'headDim', 'mlp', 'positions'] },
  {
    legend: 'Decoder',
    params: ['decoderWidth', 'decoderDepth', 'decoderHeads', 'decoderHeadDim', 'decoderMlp'],
  },
  { legend: 'Masking', params: ['maskRatio', 'normalizeTargets'] },
];

const mae: ModelCatalogEntry<typeof maeSchema, MaePresetId> = {
  id: 'mae',
  title: 'Masked autoencoder (MAE-PDE)',
  explanation:
    'A masked autoencoder learns what PDE solutions look like without any labels. A window of ' +
    'a simulation, a few consecutive frames, is cut into small space-time patches and most of ' +
    'them are hidden at random. A vision-transformer encoder reads only the patches that stay ' +
    'visible, which keeps it cheap; a much lighter decoder puts a learned mask token in every ' +
    'hidden slot and predicts what those patches held. The error is counted on the hidden ' +
    'patches only, so copying the visible ones earns nothing: to do well the model has to learn ' +
    'how heat, advection and Burgers flows behave in space and time. Afterwards the decoder is ' +
    'set aside and the encoder is reused: its summary of a window can estimate an equation’s ' +
    'coefficients from a few labelled examples, or guide a neural solver stepping the ' +
    'simulation forward.',
  paper: {
    authors: 'Anthony Zhou and Amir Barati Farimani',
    title: 'Masked Autoencoders are PDE Learners',
    year: 2024,
    arxiv: '2403.17728',
  },
  schema: maeSchema,
  presets: MAE_PRESETS,
  defaultPreset: 'small',
  groups: maeGroups,
  parameterCount: (config) => maeParameterCount(config),
  configProblem: maeConfigProblem,
  facts: maeFacts,
};

export const MODEL_CATALOG = { mae } as const;

export type ModelId = keyof typeof MODEL_CATALOG;

export const MODEL_IDS = Object.keys(MODEL_CATALOG) as ModelId[];

export function isModelId(id: string): id is ModelId {
  return Object.hasOwn(MODEL_CATALOG, id);
}

/** The catalog entry for an id, widened to the shape every model shares. */
export function modelEntry(id: ModelId): ModelCatalogEntry {
  return MODEL_CATALOG[id];
}

/** The preset whose config equals `config` in every param, or undefined for a custom config. */
export function matchingPreset<S extends Schema, P extends string>(
  entry: ModelCatalogEntry<S, P>,
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
