/** Saved datasets: building one in the worker, listing, deleting, exporting and importing files. */
import { create } from 'zustand';
import type { ExportFile, ExportFormat } from '../data/datasetFiles';
import type { CoefficientChoice, GenerateRequest } from '../data/generate';
import { PDE_CATALOG } from '../pde/catalog';
import type { PdeId } from '../pde/types';
import type { BuildDatasetParams } from '../runtime/jobs/buildDatasetConfig';
import type { Summary } from '../storage/types';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import { errorMessage } from '../util/errorMessage';
import { useJobs } from './jobsStore';
import { liveConfigFrom } from './liveStore';
import type { Settings } from './settingsSchema';
import { useSettings } from './settingsStore';
import { rangeSectionId } from './simulationSchema';
import { labStorage } from './storageStore';

/** Imports larger than this are refused before they are read into memory. */
const MAX_IMPORT_BYTES = 512 * 1024 ** 2;

interface DatasetsState {
  records: Summary<DatasetRecordMeta>[];
  activeJobId?: string;
  /** What happened last (built, stopped, failed, imported, exported), in words. */
  outcome?: { tone: 'problem' | 'info'; text: string };
  refresh(): Promise<void>;
  build(): Promise<void>;
  stop(): void;
  remove(id: string): Promise<void>;
  exportAs(id: string, format: ExportFormat): Promise<ExportFile[] | undefined>;
  importFile(file: File): Promise<void>;
}

/** The builder's request from the Data panel's settings: the live setup plus ranges and sizes. */
export function buildParamsFrom(values: Settings): BuildDatasetParams {
  const live = liveConfigFrom(values);
  const build = values.build as {
    count: number;
    frames: number;
    seed: number;
    valFraction: number;
    testFraction: number;
    batch: number;
  };
  const info = PDE_CATALOG[live.pde as PdeId];
  const ranges = values[rangeSectionId(live.pde)] ?? {};
  const coefficients: Record<string, CoefficientChoice> = {};
  const options: Record<string, string | boolean> = {};
  for (const [name, param] of Object.entries(info.params)) {
    if (param.kind === 'number') {
      const low = Number(ranges[`${name}.low`]);
      const high = Number(ranges[`${name}.high`]);
      coefficients[name] = [Math.min(low, high), Math.max(low, high)];
    } else options[name] = live.params[name] as string | boolean;
  }
  const request: GenerateRequest = {
    pde: live.pde,
    count: build.count,
    n: live.n,
    frames: build.frames,
    dt: live.dt,
    recordInterval: live.recordInterval,
    scheme: live.scheme,
    coefficients,
    options,
    initialCondition: live.initialCondition,
    initialParams: live.initialParams,
    seed: build.seed,
    batchSize: build.batch,
  };
  return {
    name: `${info.title}, ${build.count}×${build.frames} at ${live.n}², seed ${build.seed}`,
    request,
    split: { val: build.valFraction, test: build.testFraction },
  };
}

export const useDatasets = create<DatasetsState>()((set, get) => ({
  records: [],
  async refresh() {
    try {
      const { records } = await (await labStorage()).datasets.list();
      set({ records });
    } catch (error) {
      set({
        outcome: {
          tone: 'problem',
          text: `Saved datasets cannot be listed: ${errorMessage(error)}`,
        },
      });
    }
  },
  async build() {
    if (get().activeJobId) return;
    const params = buildParamsFrom(useSettings.getState().values);
    const { id, outcome } = useJobs
      .getState()
      .start('buildDataset', params, { title: 'Building a dataset' });
    set({ activeJobId: id, outcome: undefined });
    const done = await outcome;
    set({
      activeJobId: undefined,
      outcome:
        done.status === 'done'
          ? {
              tone: 'info',
              text: `Saved “${done.result.name}” (${done.result.shape.join(' × ')}).${done.result.note ? ` ${done.result.note}` : ''}`,
            }
          : done.status === 'cancelled'
            ? { tone: 'info', text: 'Stopped: nothing was saved.' }
            : { tone: 'problem', text: `The dataset could not be built: ${done.error}` },
    });
    await get().refresh();
  },
  stop() {
    const id = get().activeJobId;
    if (id) useJobs.getState().cancel(id);
  },
  async remove(id) {
    await (await labStorage()).datasets.delete(id);
    await get().refresh();
  },
  async exportAs(id, format) {
    try {
      const record = await (await labStorage()).datasets.get(id);
      if (!record) throw new Error('it no longer exists');
      // File formats (fflate, h5wasm) load on first use, not with the page.
      const { exportDataset } = await import('../data/datasetFiles');
      return await exportDataset(
        { ...record.payload, meta: record.summary.meta },
        record.summary.name,
        format,
      );
    } catch (error) {
      set({ outcome: { tone: 'problem', text: `Export failed: ${errorMessage(error)}` } });
      return undefined;
    }
  },
  async importFile(file) {
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        throw new Error(
          `it is ${(file.size / 1e6).toFixed(0)} MB; the lab imports files up to ${MAX_IMPORT_BYTES / 1e6} MB`,
        );
      }
      const { importDataset } = await import('../data/datasetFiles');
      const bundle = await importDataset(
        new Uint8Array(await file.arrayBuffer()),
        file.name,
        MAX_IMPORT_BYTES,
      );
      await (
        await labStorage()
      ).datasets.put({
        name: file.name,
        meta: bundle.meta,
        payload: { data: bundle.data, shape: bundle.shape },
      });
      set({
        outcome: { tone: 'info', text: `Imported “${file.name}” (${bundle.shape.join(' × ')}).` },
      });
      await get().refresh();
    } catch (error) {
      set({
        outcome: {
          tone: 'problem',
          text: `“${file.name}” was not imported: ${errorMessage(error)} Nothing else changed.`,
        },
      });
    }
  },
}));
