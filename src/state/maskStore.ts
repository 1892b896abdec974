/**
 * The Mask panel's state: which saved dataset it shows (by id, the newest by default), what
 * reconstructs (the baseline or a saved model that fills hidden patches: kept while it is saved,
 * by default the pretrained model, else the newest; see savedModels.ts), the latest
 * preview from the worker (requests made while one is computing coalesce into the newest), "new
 * mask", a mask painted by hand (transient, not in the URL), the attention view's choices (a
 * trained model's attention from one patch, transient too), and building MAE-PDE's
 * default dataset when none is saved.
 */
import { create } from 'zustand';
import type {
  MaskPreviewRequest,
  MaskPreviewResult,
  ReconstructionSource,
} from '../runtime/mask/config';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import type { Summary } from '../storage/types';
import { errorMessage } from '../util/errorMessage';
import { useDatasets } from './datasetsStore';
import { defaultDatasetSettings } from './defaultDataset';
import { modelSelection } from './modelSettings';
import { keptChoice, reconstructingModels, type ReconstructingModel } from './savedModels';
import { computeClient } from './runtimeStore';
import type { Settings } from './settingsSchema';
import { useSettings } from './settingsStore';
import { labStorage } from './storageStore';

/** A painted mask: one flag per token (1 hidden) of the window and mask it was painted on. */
export interface Painting {
  /** paintingKey() of the window's geometry and mask settings; another key ignores it. */
  key: string;
  flags: Uint8Array;
}

/** Which head's attention: one head by index, or the mean over the heads. */
export type HeadChoice = number | 'mean';

/** What the attention view shows: on or off, from which patch, which layer and head. */
export interface AttentionChoice {
  /** The previews ask the worker for the model's attention. */
  on: boolean;
  /** The query patch (token index); none until one is chosen. */
  query?: number;
  layer: number;
  head: HeadChoice;
}

interface MaskState {
  /** The dataset the user picked; when unset or no longer saved, the newest one is shown. */
  chosenId?: string;
  /** The latest preview received (kept on screen while a newer one computes). */
  result?: MaskPreviewResult;
  /** True while the worker computes a preview. */
  busy: boolean;
  problem?: string;
  /** Saved models to reconstruct with, newest first, once listed. */
  models: ReconstructingModel[];
  modelsListed: boolean;
  /**
   * The "Reconstruct with" choice: BASELINE_CHOICE or a checkpoint id; unset: the default. Each
   * listing pins the default, so a model trained later does not replace the one shown.
   */
  sourceChoice?: string;
  /** True while the masked input takes pointer strokes. */
  paintMode: boolean;
  painting?: Painting;
  attention: AttentionChoice;
  choose(id: string): void;
  chooseSource(choice: string): void;
  /** Lists the saved checkpoints and their runs. */
  refreshModels(): Promise<void>;
  setPaintMode(on: boolean): void;
  /**
   * Hides (or shows) `tokens`, starting from the painting under `key` or, for a new painting,
   * from `base` (the mask on screen).
   */
  paint(key: string, base: ArrayLike<number>, tokens: readonly number[], hidden: boolean): void;
  /** Back to the strategy's mask. */
  clearPainting(): void;
  /** Changes the attention view; choosing a query patch turns it on. */
  setAttention(change: Partial<AttentionChoice>): void;
  /** Asks the worker for a preview; the newest request made while one runs replaces older ones. */
  request(request: MaskPreviewRequest): void;
  /** Moves to the next mask seed. */
  newMask(): void;
  buildDefaultDataset(): Promise<void>;
}

let pending: MaskPreviewRequest | undefined;
let running = false;

export const useMask = create<MaskState>()((set, get) => ({
  busy: false,
  models: [],
  modelsListed: false,
  paintMode: false,
  attention: { on: false, layer: 0, head: 'mean' },
  choose(id) {
    set({ chosenId: id });
  },
  chooseSource(choice) {
    set({ sourceChoice: choice });
  },
  async refreshModels() {
    // Until the list is read again, previews wait: the chosen checkpoint may be gone.
    set({ modelsListed: false });
    try {
      const storage = await labStorage();
      const [runs, checkpoints] = await Promise.all([
        storage.runs.list(),
        storage.checkpoints.list(),
      ]);
      const models = reconstructingModels(runs.records, checkpoints.records);
      const sourceChoice = keptChoice(models, get().sourceChoice, { baseline: true });
      set({ models, modelsListed: true, sourceChoice });
    } catch (error) {
      set({
        modelsListed: true,
        problem: `Trained models cannot be listed: ${errorMessage(error)}`,
      });
    }
  },
  setPaintMode(on) {
    set({ paintMode: on });
  },
  paint(key, base, tokens, hidden) {
    const current = get().painting;
    const flags = Uint8Array.from(current?.key === key ? current.flags : base);
    let changed = current?.key !== key;
    for (const token of tokens) {
      if (token < 0 || token >= flags.length || flags[token] === Number(hidden)) continue;
      flags[token] = Number(hidden);
      changed = true;
    }
    if (changed) set({ painting: { key, flags } });
  },
  clearPainting() {
    set({ painting: undefined });
  },
  setAttention(change) {
    const on = change.query !== undefined ? true : undefined;
    set({ attention: { ...get().attention, ...change, ...(on ? { on } : {}) } });
  },
  request(next) {
    pending = next;
    set({ busy: true });
    if (!running) void drain();
  },
  newMask() {
    const seed = Number(useSettings.getState().values.mask.seed);
    useSettings.getState().update('mask', { seed: seed >= 2 ** 31 - 1 ? 0 : seed + 1 });
  },
  async buildDefaultDataset() {
    applyDefaultDatasetSettings();
    await useDatasets.getState().build();
  },
}));

async function drain(): Promise<void> {
  running = true;
  while (pending) {
    const request = pending;
    pending = undefined;
    try {
      const result = await computeClient().maskPreview(request);
      useMask.setState({ result, problem: undefined });
    } catch (error) {
      useMask.setState({ problem: errorMessage(error) });
    }
  }
  running = false;
  useMask.setState({ busy: false });
}

/** What fills the reconstruction column: the model, compared with the set baseline, or the baseline. */
export function reconstructionSource(
  values: Settings,
  model: ReconstructingModel | undefined,
): ReconstructionSource {
  const method = values.mask.baseline;
  return model
    ? { kind: 'model', checkpointId: model.checkpointId, savedAt: model.savedAt, baseline: method }
    : { kind: 'baseline', method };
}

/** The dataset to show: the chosen one while it is saved, else the newest. */
export function shownDataset(
  records: readonly Summary<DatasetRecordMeta>[],
  chosenId: string | undefined,
): Summary<DatasetRecordMeta> | undefined {
  return records.find((r) => r.id === chosenId) ?? records[0];
}

/**
 * Which painting fits a window: the same token grid and the same strategy, ratio and seed it was
 * painted over (changing any of them returns to the strategy's mask).
 */
export function paintingKey(
  grid: { frames: number; side: number; pt: number; px: number; py: number },
  mask: Pick<Settings['mask'], 'strategy' | 'ratio' | 'seed'>,
): string {
  const { frames, side, pt, px, py } = grid;
  return JSON.stringify([frames, side, pt, px, py, mask.strategy, mask.ratio, mask.seed]);
}

/** The painted flags for this key, as the request carries them, or none. */
export function paintedFor(painting: Painting | undefined, key: string): number[] | undefined {
  return painting?.key === key ? Array.from(painting.flags) : undefined;
}

/**
 * Sets the Data panel's builder to the chosen model's default dataset; returns the reasons for
 * anything refused.
 */
export function applyDefaultDatasetSettings(build: Record<string, unknown> = {}): string[] {
  const settings = useSettings.getState();
  const recipe = modelSelection(settings.values).entry.defaultDataset;
  return Object.entries(defaultDatasetSettings(settings.values, build, recipe)).flatMap(
    ([section, values]) => settings.update(section, values),
  );
}
