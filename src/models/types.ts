/**
 * What every model of the lab describes about itself, as plain data (safe on the main thread):
 * the Model panel's explanation, controls, presets, URL keys and the parameter count shown before
 * building come from it. Each model folder exports one (info.ts), listed in ../catalog.ts; its
 * index.ts adds the tfjs side (create, train, …).
 */
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

export interface ModelSpec<S extends Schema = Schema, P extends string = string> {
  /** Stable id: also the settings section holding the config and the checkpoints' model id. */
  id: string;
  title: string;
  /** A paragraph a student can read before touching any control. */
  explanation: string;
  paper: PaperReference;
  schema: S;
  presets: Readonly<Record<P, ModelPreset<SchemaValues<S>>>>;
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
