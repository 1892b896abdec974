/**
 * What can fill the Mask panel's reconstruction column: the interpolation baseline or a trained
 * model, one per saved checkpoint with its run (newest first), and which one is shown. A choice
 * (the user's, or the default once it was shown) stays while it is saved: a run trained later
 * does not take its place. With no choice, or a deleted one, the default is the shipped
 * pretrained model when it is saved, else the newest model. The Downstream panel chooses its
 * encoder by the same rule.
 */
import type { MaeConfig } from '../models/mae/config';
import type { ReconstructionSource } from '../runtime/mask/config';
import { PRETRAINED_RUN_ID } from '../runtime/pretrained/config';
import type { CheckpointRecordMeta } from '../storage/checkpointRecords';
import type { RunRecordMeta } from '../storage/runRecords';
import type { Summary } from '../storage/types';
import type { Settings } from './settingsSchema';

/** The value of the baseline in the "Reconstruct with" choice (model choices are checkpoint ids). */
export const BASELINE_CHOICE = 'baseline';

export interface MaskModelOption {
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
  config: MaeConfig;
  /** Channels the model reads. */
  channels: number;
}

const WINDOW_FIELDS = ['size', 'frames', 'patchT', 'patchXY'] as const;

/** A checkpoint's MAE config and channels, or undefined when the summary does not hold them. */
function readConfig(
  meta: CheckpointRecordMeta,
): { config: MaeConfig; channels: number } | undefined {
  if (meta.modelId !== 'mae') return undefined;
  const { model, channels } = meta.config as {
    model?: Record<string, unknown>;
    channels?: unknown;
  };
  if (!model || typeof channels !== 'number' || !Number.isInteger(channels) || channels < 1) {
    return undefined;
  }
  const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (!WINDOW_FIELDS.every((name) => whole(model[name]))) return undefined;
  return { config: model as unknown as MaeConfig, channels };
}

/** Every saved MAE checkpoint with its run's name and loss, newest save first. */
export function maskModelOptions(
  runs: readonly Summary<RunRecordMeta>[],
  checkpoints: readonly Summary<CheckpointRecordMeta>[],
): MaskModelOption[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const options = checkpoints.flatMap((checkpoint): MaskModelOption[] => {
    const read = readConfig(checkpoint.meta);
    if (!read) return [];
    const { runId, step, datasetId } = checkpoint.meta;
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
        ...read,
      },
    ];
  });
  return options.sort(
    (a, b) => b.savedAt - a.savedAt || a.checkpointId.localeCompare(b.checkpointId),
  );
}

/** The model shown when none is chosen: the shipped pretrained model when saved, else the newest. */
export function defaultModel(options: readonly MaskModelOption[]): MaskModelOption | undefined {
  return options.find((o) => o.runId === PRETRAINED_RUN_ID) ?? options[0];
}

/**
 * The model that reconstructs: the chosen checkpoint while it is saved; with no choice (or a
 * deleted one) the default model; none when the baseline is chosen or nothing is trained.
 */
export function chosenModel(
  options: readonly MaskModelOption[],
  choice: string | undefined,
): MaskModelOption | undefined {
  if (choice === BASELINE_CHOICE) return undefined;
  return options.find((o) => o.checkpointId === choice) ?? defaultModel(options);
}

/**
 * The choice to keep once the saved models are listed again: the current one while it is saved
 * (or the baseline, where `baseline` allows it), else the default model's checkpoint, so that a
 * model trained later never replaces what is shown; undefined while nothing is saved.
 */
export function keptChoice(
  options: readonly MaskModelOption[],
  choice: string | undefined,
  { baseline = false }: { baseline?: boolean } = {},
): string | undefined {
  if (baseline && choice === BASELINE_CHOICE) return choice;
  if (options.some((o) => o.checkpointId === choice)) return choice;
  return defaultModel(options)?.checkpointId;
}

/** What fills the reconstruction column: the model, compared with the set baseline, or the baseline. */
export function reconstructionSource(
  values: Settings,
  model: MaskModelOption | undefined,
): ReconstructionSource {
  const method = values.mask.baseline;
  return model
    ? { kind: 'model', checkpointId: model.checkpointId, savedAt: model.savedAt, baseline: method }
    : { kind: 'baseline', method };
}
