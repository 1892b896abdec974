/**
 * The saved models every panel chooses from: one per saved checkpoint with its run (newest save
 * first), its settings restored from the checkpoint as its model's catalog entry reads them, and
 * only the models that can do what the panel needs (a capability). Then the choice among them: a
 * choice (the user's, or the default once it was shown) stays while it is saved, so a run trained
 * later does not take its place; with no choice, or a deleted one, the default is the shipped
 * pretrained model when it is saved, else the newest model.
 */
import { isModelId, modelEntry, restoreModelConfig, type ModelId } from '../models/catalog';
import { isPretrainedRun } from '../models/pretrained';
import type { MaskedWindow, ModelCapability } from '../models/types';
import type { CheckpointRecordMeta } from '../storage/checkpointRecords';
import type { RunRecordMeta } from '../storage/runRecords';
import type { Summary } from '../storage/types';

/** The value of the baseline where a panel offers it beside the models (model choices are checkpoint ids). */
export const BASELINE_CHOICE = 'baseline';

export interface SavedModel {
  checkpointId: string;
  /** The checkpoint record's createdAt: a newer save under the same id reloads the model. */
  savedAt: number;
  runId: string;
  runName: string;
  /** The dataset the run trained on (it may have been deleted since). */
  datasetId?: string;
  /** Training steps in the checkpoint. */
  step: number;
  /** The run's last training loss, when the checkpoint is of that last step. */
  finalLoss?: number;
  modelId: ModelId;
  /** The model's settings: the values of its catalog schema. */
  config: Record<string, number | string | boolean>;
  /** Channels the model reads. */
  channels: number;
  /** For a model that fills hidden patches: the window it fills. */
  maskedWindow?: MaskedWindow;
}

/** A saved model that fills hidden patches (the Mask and Results panels). */
export type ReconstructingModel = SavedModel & { maskedWindow: MaskedWindow };

/**
 * Every saved checkpoint of a model this lab knows, with its run's name and loss, newest save
 * first; with `capability`, only the models that have it. Checkpoints whose settings cannot be
 * read are left out.
 */
export function savedModels(
  runs: readonly Summary<RunRecordMeta>[],
  checkpoints: readonly Summary<CheckpointRecordMeta>[],
  { capability }: { capability?: ModelCapability } = {},
): SavedModel[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const models = checkpoints.flatMap((checkpoint): SavedModel[] => {
    const { modelId, runId, step, datasetId } = checkpoint.meta;
    if (!isModelId(modelId)) return [];
    const entry = modelEntry(modelId);
    if (capability && !entry.capabilities.includes(capability)) return [];
    const restored = restoreModelConfig(entry, checkpoint.meta.config);
    if (!restored.ok) return [];
    const { model: config, channels } = restored.value;
    const run = byId.get(runId);
    const loss = run && run.meta.step === step ? run.meta.finalLoss : undefined;
    return [
      {
        checkpointId: checkpoint.id,
        savedAt: checkpoint.createdAt,
        runId,
        runName: run?.name ?? checkpoint.name.replace(/ · step \d+$/, ''),
        ...(datasetId ? { datasetId } : {}),
        step,
        ...(loss === undefined ? {} : { finalLoss: loss }),
        modelId,
        config,
        channels,
        ...(entry.maskedWindow ? { maskedWindow: entry.maskedWindow(config as never) } : {}),
      },
    ];
  });
  return models.sort(
    (a, b) => b.savedAt - a.savedAt || a.checkpointId.localeCompare(b.checkpointId),
  );
}

/** The saved models that fill hidden patches, newest save first. */
export function reconstructingModels(
  runs: readonly Summary<RunRecordMeta>[],
  checkpoints: readonly Summary<CheckpointRecordMeta>[],
): ReconstructingModel[] {
  return savedModels(runs, checkpoints, { capability: 'reconstruct' }).filter(
    (m): m is ReconstructingModel => m.maskedWindow !== undefined,
  );
}

/** The model shown when none is chosen: a shipped pretrained model when saved, else the newest. */
export function defaultModel<M extends SavedModel>(models: readonly M[]): M | undefined {
  return models.find(isPretrainedRun) ?? models[0];
}

/**
 * The model chosen: the chosen checkpoint while it is saved; with no choice (or a deleted one)
 * the default model; none when the baseline is chosen or nothing is saved.
 */
export function chosenModel<M extends SavedModel>(
  models: readonly M[],
  choice: string | undefined,
): M | undefined {
  if (choice === BASELINE_CHOICE) return undefined;
  return models.find((m) => m.checkpointId === choice) ?? defaultModel(models);
}

/**
 * The choice to keep once the saved models are listed again: the current one while it is saved
 * (or the baseline, where `baseline` allows it), else the default model's checkpoint, so that a
 * model trained later never replaces what is shown; undefined while nothing is saved.
 */
export function keptChoice(
  models: readonly SavedModel[],
  choice: string | undefined,
  { baseline = false }: { baseline?: boolean } = {},
): string | undefined {
  if (baseline && choice === BASELINE_CHOICE) return choice;
  if (models.some((m) => m.checkpointId === choice)) return choice;
  return defaultModel(models)?.checkpointId;
}
