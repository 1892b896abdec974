/**
 * Each model's own React pieces, by model id: the Model panel's picture of its architecture and
 * what to try with its settings, the Train panel's live picture of it at work, its own parts of
 * the Mask panel, and what the Downstream and Results panels show of it (loaded on demand).
 * Adding a model is its folder beside this file and one entry here; a catalog id without its
 * entry does not compile.
 */
import { lazy, type ComponentType, type FunctionComponent } from 'react';
import { isModelId, type MODEL_CATALOG, type ModelId } from '../../models/catalog';
import type { ShippedManifest } from '../../models/pretrained';
import type { MaskPreviewResult } from '../../runtime/mask/config';
import type { SchemaValues } from '../../schema/params';
import type { AttentionChoice } from '../../state/maskStore';
import type { TrainedOn } from '../panels/mask/lossReasons';
import { MaeDiagram } from './mae/MaeDiagram';
import { MaeTips } from './mae/MaeTips';
import { maeMaskExtras } from './mae/mask/maeMaskExtras';
import { ReconstructionView } from './mae/ReconstructionView';
import { DinoDiagram } from './dino/DinoDiagram';
import { DinoTips } from './dino/DinoTips';
import { ForecastSnapshotView } from './dino/ForecastSnapshotView';
import { ExpertsSnapshotView } from './physicnet/ExpertsSnapshotView';
import { PhysicNetDiagram } from './physicnet/PhysicNetDiagram';
import { PhysicNetTips } from './physicnet/PhysicNetTips';
import { DpotDiagram } from './dpot/DpotDiagram';
import { DpotTips } from './dpot/DpotTips';
import { RolloutSnapshotView } from './dpot/RolloutSnapshotView';

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
  /** The model's downstream experiments, with their own state; none for a model without any. */
  DownstreamView?: ComponentType;
  /** A reconstructing model's own parts of the Mask panel. */
  mask?: MaskExtras;
  /** The model's own Results panel view, with its own state; none: the panel's reconstruction scores. */
  ResultsView?: ComponentType;
}

/** A reconstructing model's own parts of the Mask panel, beside the panel's generic views. */
export interface MaskExtras {
  /**
   * Its attention under the preview. With one, previews ask the worker for the model's attention
   * while the view is on, and a click on the reconstruction chooses the query patch.
   */
  AttentionView?: ComponentType<MaskAttentionProps>;
  /** Beside the controls while its shipped pretrained checkpoint reconstructs. */
  PretrainedNote?: ComponentType;
  /** What its shipped checkpoint trained on, read from the manifest (to say why it may lose). */
  pretrainedTrainedOn?(manifest: ShippedManifest): TrainedOn;
}

export interface MaskAttentionProps {
  result: MaskPreviewResult;
  choice: AttentionChoice;
  onChange(change: Partial<AttentionChoice>): void;
  /** True while a newer preview computes. */
  busy: boolean;
}

const MaeDownstream = lazy(() =>
  import('./mae/downstream/MaeDownstream').then((m) => ({ default: m.MaeDownstream })),
);

const DinoForecastLab = lazy(() =>
  import('./dino/lab/ForecastLab').then((m) => ({ default: m.ForecastLab })),
);

const PhysicNetForecastLab = lazy(() =>
  import('./physicnet/lab/ForecastLab').then((m) => ({ default: m.ForecastLab })),
);

const DpotRolloutLab = lazy(() =>
  import('./dpot/lab/RolloutLab').then((m) => ({ default: m.RolloutLab })),
);

const MODEL_VIEWS: { readonly [Id in ModelId]: ModelViews<ModelConfigOf<Id>> } = {
  mae: {
    Diagram: MaeDiagram,
    Tips: MaeTips,
    SnapshotView: ReconstructionView,
    DownstreamView: MaeDownstream,
    mask: maeMaskExtras,
  },
  dino: {
    Diagram: DinoDiagram,
    Tips: DinoTips,
    SnapshotView: ForecastSnapshotView,
    ResultsView: DinoForecastLab,
  },
  physicnet: {
    Diagram: PhysicNetDiagram,
    Tips: PhysicNetTips,
    SnapshotView: ExpertsSnapshotView,
    ResultsView: PhysicNetForecastLab,
  },
  dpot: {
    Diagram: DpotDiagram,
    Tips: DpotTips,
    SnapshotView: RolloutSnapshotView,
    ResultsView: DpotRolloutLab,
  },
};

export function modelViews(id: ModelId): ModelViews {
  return MODEL_VIEWS[id];
}

/** A model's parts of the Mask panel, by a saved model's id; none for a model without any. */
export function maskExtras(id: string): MaskExtras | undefined {
  return isModelId(id) ? MODEL_VIEWS[id].mask : undefined;
}

/** The models that bring downstream experiments. */
export function modelsWithDownstream(): ModelId[] {
  return (Object.keys(MODEL_VIEWS) as ModelId[]).filter((id) => MODEL_VIEWS[id].DownstreamView);
}
