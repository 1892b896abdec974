/**
 * The Mask panel's state: which saved dataset it shows (by id, the newest by default), the
 * latest preview from the worker (requests made while one is computing coalesce into the
 * newest), "new mask", and building MAE-PDE's default dataset when none is saved.
 */
import { create } from 'zustand';
import { PDE_CATALOG } from '../pde/catalog';
import type {
  MaskPreviewRequest,
  MaskPreviewResult,
  ReconstructionSource,
} from '../runtime/mask/config';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import type { Summary } from '../storage/types';
import { errorMessage } from '../util/errorMessage';
import { useDatasets } from './datasetsStore';
import { computeClient } from './runtimeStore';
import type { Settings } from './settingsSchema';
import { useSettings } from './settingsStore';
import { pdeSectionId } from './simulationSchema';

interface MaskState {
  /** The dataset the user picked; when unset or no longer saved, the newest one is shown. */
  chosenId?: string;
  /** The latest preview received (kept on screen while a newer one computes). */
  result?: MaskPreviewResult;
  /** True while the worker computes a preview. */
  busy: boolean;
  problem?: string;
  choose(id: string): void;
  /** Asks the worker for a preview; the newest request made while one runs replaces older ones. */
  request(request: MaskPreviewRequest): void;
  /** Moves to the next mask seed. */
  newMask(): void;
  buildDefaultDataset(): Promise<void>;
}

let pending: MaskPreviewRequest | undefined;
let running = false;

export const useMask = create<MaskState>()((set) => ({
  busy: false,
  choose(id) {
    set({ chosenId: id });
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

/** The dataset to show: the chosen one while it is saved, else the newest. */
export function shownDataset(
  records: readonly Summary<DatasetRecordMeta>[],
  chosenId: string | undefined,
): Summary<DatasetRecordMeta> | undefined {
  return records.find((r) => r.id === chosenId) ?? records[0];
}

/**
 * What fills the reconstruction column. Only the interpolation baselines exist now; once a
 * masked autoencoder is trained, this is where its checkpoint becomes the source.
 */
export function reconstructionSource(values: Settings): ReconstructionSource {
  return { kind: 'baseline', method: values.mask.baseline };
}

const DEFAULT_MIX = ['heat', 'advection', 'burgers'] as const;

/** Sets the Data panel's builder to the default dataset; returns the reasons for anything refused. */
export function applyDefaultDatasetSettings(): string[] {
  const settings = useSettings.getState();
  return Object.entries(defaultDatasetSettings(settings.values)).flatMap(([section, values]) =>
    settings.update(section, values),
  );
}

/**
 * MAE-PDE's pretraining data in small: heat, advection and Burgers in equal shares from random
 * sines, 48 trajectories of 24 frames at 32², all recorded at the same interval.
 */
function defaultDatasetSettings(values: Settings): Record<string, Record<string, unknown>> {
  const record = PDE_CATALOG.heat.defaultRecordInterval;
  const weights = Object.fromEntries(
    Object.keys(values.mix ?? {}).map((id) => [
      id,
      (DEFAULT_MIX as readonly string[]).includes(id) ? 1 : 0,
    ]),
  );
  return {
    sim: { n: '32' },
    build: { mode: 'mix', count: 48, frames: 24 },
    mix: weights,
    ...Object.fromEntries(
      DEFAULT_MIX.map((id) => [pdeSectionId(id), { initial: 'random-sines', record }]),
    ),
  };
}
