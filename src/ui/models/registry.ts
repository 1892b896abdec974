/**
 * Each model's own React pieces, by model id: the Model panel's picture of its architecture and
 * what to try with its settings, and the Train panel's live picture of it at work. Adding a model
 * is its folder beside this file and one line here; a catalog id without its entry does not compile.
 */
import type { ComponentType, FunctionComponent } from 'react';
import type { MODEL_CATALOG, ModelId } from '../../models/catalog';
import type { SchemaValues } from '../../schema/params';
import { MaeDiagram } from './mae/MaeDiagram';
import { MaeTips } from './mae/MaeTips';
import { ReconstructionView } from './mae/ReconstructionView';

/** The config a model's views take: the values of its catalog schema. */
export type ModelConfigOf<Id extends ModelId> = SchemaValues<(typeof MODEL_CATALOG)[Id]['schema']>;

/**
 * One model's views. `Config` is that model's config; panels hold the chosen model's config
 * without knowing which model it is, so the widened `ModelViews` takes `never` and they cast.
 */
export interface ModelViews<Config = never> {
  /** The architecture, labelled with the numbers of the current settings. */
  Diagram: FunctionComponent<{ config: Config }>;
  /** A few experiments to run with the settings, and what to watch. */
  Tips: FunctionComponent<{ config: Config }>;
  /** The latest snapshot of the run in progress; it reads the train store itself. */
  SnapshotView: ComponentType;
}

const MODEL_VIEWS: { readonly [Id in ModelId]: ModelViews<ModelConfigOf<Id>> } = {
  mae: { Diagram: MaeDiagram, Tips: MaeTips, SnapshotView: ReconstructionView },
};

export function modelViews(id: ModelId): ModelViews {
  return MODEL_VIEWS[id];
}
