/**
 * What every model of the lab describes about itself, as plain data (safe on the main thread):
 * the Model panel's explanation, controls, presets, URL keys and the parameter count shown before
 * building come from it. Each model folder exports one (info.ts), listed in ../catalog.ts; its
 * index.ts adds the tfjs side (create, train, …).
 */
import type { PdeId } from '../pde/types';
import type { Schema, SchemaValues } from '../schema/params';

export interface PaperReference {
  authors: string;
  title: string;
  year: number;
  /** arXiv identifier, e.g. 2403.17728. */
  arxiv: string;
}

export interface ModelPreset<C> {
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

/** What a trained model can do, which decides the panels that offer it. */
export const MODEL_CAPABILITIES = ['reconstruct', 'forecast', 'encode', 'query'] as const;
export type ModelCapability = (typeof MODEL_CAPABILITIES)[number];

/** One number a model's validation reports, under its own id. */
export interface ModelMetric {
  id: string;
  label: string;
  /** A baseline's error (interpolation, a grid forecaster), shown beside the model's. */
  baseline?: boolean;
  /**
   * Where the run history's charts draw it: 'loss' beside the training loss, 'relL2' as the
   * model's headline error (the runs table's column), 'curves' in a chart of their own (DINo's
   * two objectives and its teacher forcing); undefined: shown as a number only.
   */
  chart?: 'loss' | 'relL2' | 'curves';
}

/**
 * What masking sees of a reconstructing model: the window it fills (frames of size²), its patch
 * grid and the share of patches it was trained to fill.
 */
export interface MaskedWindow {
  size: number;
  frames: number;
  patchT: number;
  patchXY: number;
  maskRatio: number;
}

/**
 * The dataset a panel offers to build when there is none, for this model: what its paper trains
 * on, in small. One equation is a single build; several are an equal-weight mix.
 */
export interface DefaultDatasetRecipe {
  /** One sentence for the offer, e.g. "Build the default dataset: heat, advection and …". */
  description: string;
  /** Said when the model's shipped checkpoint is installed. */
  withPretrained: string;
  equations: readonly PdeId[];
  initial: string;
  n: number;
  count: number;
  frames: number;
  /** Every equation recorded at this one's default interval (a mix's frames line up). */
  recordFrom?: PdeId;
  /** Equation parameters other than their defaults, by name (e.g. the swirl's `speed`). */
  params?: Readonly<Record<string, number>>;
}

/** The kind of live picture of the model at work the Train panel shows. */
export type SnapshotKind = 'reconstruction' | 'forecast' | 'experts' | 'rollout';

export interface ModelSpec<S extends Schema = Schema, P extends string = string> {
  /** Stable id: also the settings section holding the config and the checkpoints' model id. */
  id: string;
  title: string;
  /** A paragraph a student can read before touching any control. */
  explanation: string;
  /** The Train panel's introduction: what training does to this model, and what to watch. */
  trainingStory: string;
  paper: PaperReference;
  schema: S;
  presets: Readonly<Record<P, ModelPreset<SchemaValues<S>>>>;
  /** The preset whose config equals the schema's defaults, so a default link shows it. */
  defaultPreset: P;
  /** The config form's fieldsets; together they hold every param of the schema once. */
  groups: readonly ConfigGroup[];
  /** Trainable parameters of the model reading `channels` fields (1 when not known; method
   * syntax: each entry narrows the config it takes). */
  parameterCount(config: SchemaValues<S>, channels?: number): number;
  /** Why a config cannot be built, in words; undefined when it can. */
  configProblem(config: SchemaValues<S>): string | undefined;
  /** The shape of the data the model sees, for the preset cards and the summary. */
  facts(config: SchemaValues<S>): readonly ModelFact[];
  capabilities: readonly ModelCapability[];
  /** Its validation metrics, the model's own first. */
  metrics: readonly ModelMetric[];
  /** One sentence under the metrics saying what they measure, and the formula behind it. */
  metricsNote: { text: string; details: string };
  /** The training loss's axis title. */
  lossLabel: string;
  snapshotKind: SnapshotKind;
  /** The short name runs are named with ("MAE classroom on …"). */
  runLabel: string;
  /**
   * Settings added after checkpoints were first written, with the value every model saved before
   * then was built with: a saved config that lacks one is read with this value.
   */
  settingsAddedLater: Readonly<Partial<SchemaValues<S>>>;
  defaultDataset: DefaultDatasetRecipe;
  /** The window a 'reconstruct' model fills, for masking views. */
  maskedWindow?(config: SchemaValues<S>): MaskedWindow;
}
