/**
 * Why a trained model may lose to interpolation on the Mask panel's window, in plain words: an
 * equation or starting pattern it never saw in training, a grid other than its training data's,
 * far more hidden than it trained with, another kind of mask, or too little training. Each check
 * runs only on what is known: datasets and manifests without the facts it needs are skipped.
 */
import type { DatasetMeta } from '../../../data/io/meta';
import type { MaskStrategy } from '../../../data/masks/strategies';
import { isPretrainedRun } from '../../../models/pretrained';
import { PDE_CATALOG } from '../../../pde/catalog';
import { INITIAL_CONDITIONS } from '../../../pde/initial/registry';
import type { MaskPreviewResult } from '../../../runtime/mask/config';
import type { ReconstructingModel } from '../../../state/savedModels';
import { equationTitle } from '../data/trajectoryInfo';

/** What a model trained on; each field is absent when it is not known. */
export interface TrainedOn {
  /** Equation ids. */
  equations?: readonly string[];
  /** Initial-condition ids. */
  initials?: readonly string[];
  /** The grid side of the training data, before any resampling to the model's grid. */
  grid?: number;
}

/** The trajectory on screen: its equation and initial condition, when the dataset says. */
export interface ShownTrajectory {
  equation?: string;
  initial?: string;
}

export interface LossFacts {
  shown: ShownTrajectory;
  /** Unknown (a deleted training dataset, an old manifest): those checks are skipped. */
  trained?: TrainedOn;
  /** Grid sides of the shown dataset and of the model. */
  grid: { dataset: number; model: number };
  /** The share of patches hidden on screen, and the share the model was trained to fill. */
  ratio: { shown: number; training: number };
  /** How the patches on screen were hidden: a strategy, or painted by hand. */
  mask: MaskStrategy | 'painted';
  /** Training steps in the checkpoint. */
  steps: number;
  /** The shipped pretrained model (its steps are a long training). */
  pretrained: boolean;
}

/** Hiding this much more than in training is a harder task than the model learnt. */
export const RATIO_GAP = 0.15;
/** A run shorter than this has barely started learning. */
export const SHORT_RUN_STEPS = 1000;

/** What a dataset holds, as training data: its equations, initial conditions and grid. */
export function trainedOnDataset(meta: DatasetMeta): TrainedOn {
  const parts = meta.mix
    ? meta.mix.components.map((c) => ({ equation: c.equation, initial: c.initial }))
    : [{ equation: meta.equation, initial: meta.initial }];
  const initials = parts.map((p) => p.initial);
  return {
    equations: unique(parts.map((p) => p.equation)),
    // Only when every part says: one unknown part could hold any initial condition.
    ...(initials.every((i): i is string => i !== undefined) ? { initials: unique(initials) } : {}),
    grid: meta.grid.n,
  };
}

/** The equation and initial condition of trajectory `index` (in a mix, its component's). */
export function shownTrajectory(meta: DatasetMeta, index: number): ShownTrajectory {
  const k = meta.mix?.index[index];
  const component = k === undefined ? undefined : meta.mix?.components[k];
  const equation = component ? component.equation : meta.mix ? undefined : meta.equation;
  const initial = component ? component.initial : meta.mix ? undefined : meta.initial;
  return { ...(equation ? { equation } : {}), ...(initial ? { initial } : {}) };
}

/** What the Mask panel knows about the chosen model beside a preview: its training and the data shown. */
export interface ModelBackground {
  checkpointId: string;
  /** The shown dataset's metadata. */
  dataset: DatasetMeta;
  trained?: TrainedOn;
  /** The share of patches hidden while it trained. */
  trainingRatio: number;
  pretrained: boolean;
}

/**
 * Gathers a model's background: for the shipped model, what its manifest says it trained on
 * (`pretrainedTrainedOn`, read by its model's own views); for a run, its training dataset, while
 * it is still saved.
 */
export function modelBackground(
  model: ReconstructingModel,
  dataset: DatasetMeta,
  datasets: readonly { id: string; meta: DatasetMeta }[],
  pretrainedTrainedOn: TrainedOn | undefined,
): ModelBackground {
  const pretrained = isPretrainedRun(model);
  const training = pretrained ? undefined : datasets.find((d) => d.id === model.datasetId);
  const trained = pretrained ? pretrainedTrainedOn : training && trainedOnDataset(training.meta);
  return {
    checkpointId: model.checkpointId,
    dataset,
    ...(trained ? { trained } : {}),
    trainingRatio: model.maskedWindow.maskRatio,
    pretrained,
  };
}

/** The likely reasons for a model's preview, when the background is of the model that made it. */
export function previewLossReasons(
  background: ModelBackground | undefined,
  result: MaskPreviewResult,
): string[] {
  const { model, metrics, request } = result;
  if (!model || !background || background.checkpointId !== model.checkpointId) return [];
  return lossReasons({
    shown: shownTrajectory(background.dataset, request.trajectory),
    ...(background.trained ? { trained: background.trained } : {}),
    grid: { dataset: model.datasetSize, model: model.size },
    ratio: {
      shown: metrics.tokens > 0 ? metrics.hiddenTokens / metrics.tokens : 0,
      training: background.trainingRatio,
    },
    mask: request.painted ? 'painted' : request.strategy,
    steps: model.step,
    pretrained: background.pretrained,
  });
}

/** Each likely reason the model loses here, as a clause (no capital, no full stop). */
export function lossReasons(facts: LossFacts): string[] {
  const { shown, trained, grid, ratio, mask, steps, pretrained } = facts;
  const reasons: string[] = [];
  if (shown.equation && trained?.equations && !trained.equations.includes(shown.equation)) {
    reasons.push(
      `it was trained on ${list(trained.equations.map(equationName))} data only, never on ${equationName(shown.equation)} data like this`,
    );
  } else if (shown.initial && trained?.initials && !trained.initials.includes(shown.initial)) {
    reasons.push(
      `its training simulations all started from ${list(trained.initials.map(initialName))}, never from ${initialName(shown.initial)} like this one`,
    );
  }
  const trainedGrid = trained?.grid ?? grid.model;
  if (grid.dataset !== trainedGrid) {
    const how =
      trained?.grid !== undefined
        ? ` from a ${grid.dataset > trained.grid ? 'finer' : 'coarser'} grid than the ${side(trained.grid)} data it trained on`
        : grid.dataset > grid.model
          ? ', which loses the finest detail'
          : '';
    reasons.push(
      `these ${side(grid.dataset)} frames are resampled to the model's ${side(grid.model)} grid${how}`,
    );
  }
  if (ratio.shown - ratio.training >= RATIO_GAP - 1e-9) {
    reasons.push(
      `${percent(ratio.shown)} of the patches are hidden here, far more than the ${percent(ratio.training)} it was trained to fill in`,
    );
  }
  if (mask !== 'random') {
    reasons.push(`it trained on randomly scattered hidden patches, not ${MASK_WORDS[mask]}`);
  }
  if (!pretrained && steps < SHORT_RUN_STEPS) {
    reasons.push(
      `it has trained for only ${steps.toLocaleString('en')} ${steps === 1 ? 'step' : 'steps'}, too few to learn much: train longer`,
    );
  }
  return reasons;
}

const MASK_WORDS: Record<Exclude<LossFacts['mask'], 'random'>, string> = {
  tube: 'the same patches hidden in every frame (tubes)',
  frame: 'whole frames hidden',
  block: 'large blocks hidden together',
  painted: 'a mask painted by hand',
};

function equationName(id: string): string {
  return Object.hasOwn(PDE_CATALOG, id) ? equationTitle(id) : id === 'imported' ? id : `“${id}”`;
}

function initialName(id: string): string {
  const label = Object.hasOwn(INITIAL_CONDITIONS, id)
    ? INITIAL_CONDITIONS[id as keyof typeof INITIAL_CONDITIONS].label
    : id;
  return `“${label}”`;
}

function side(n: number): string {
  return `${n} × ${n}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
