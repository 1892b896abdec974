/** Saved datasets: building one in the worker, listing, deleting, exporting and importing files. */
import { create } from 'zustand';
import type { Outcome } from './outcome';
import type { ExportFile, ExportFormat } from '../data/datasetFiles';
import type { Summary } from '../storage/types';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import { errorMessage } from '../util/errorMessage';
import { useJobs } from './jobsStore';
import { offerAxisMapping } from './hdf5ImportStore';
import { buildParamsFrom } from './buildParams';
import { useSettings } from './settingsStore';
import { labStorage } from './storageStore';
import { saveImportedDataset } from './saveImported';

/** Imports larger than this are refused before they are read into memory. */
const MAX_IMPORT_BYTES = 512 * 1024 ** 2;

interface DatasetsState {
  records: Summary<DatasetRecordMeta>[];
  activeJobId?: string;
  /** What happened last (built, stopped, failed, imported, exported), in words. */
  outcome?: Outcome;
  refresh(): Promise<void>;
  build(): Promise<void>;
  stop(): void;
  remove(id: string): Promise<void>;
  exportAs(id: string, format: ExportFormat): Promise<ExportFile[] | undefined>;
  /** Imports each chosen dataset file; a .json beside a single .npy is taken as its metadata. */
  importFiles(files: readonly File[]): Promise<void>;
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
    let params;
    try {
      params = buildParamsFrom(useSettings.getState().values);
    } catch (error) {
      set({ outcome: { tone: 'problem', text: `Nothing was built: ${errorMessage(error)}` } });
      return;
    }
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
  async importFiles(files) {
    const sidecars = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
    const dataFiles = files.filter((f) => !sidecars.includes(f));
    if (
      dataFiles.length === 0 ||
      sidecars.length > 1 ||
      (sidecars.length === 1 && dataFiles.length > 1)
    ) {
      set({
        outcome: {
          tone: 'problem',
          text:
            dataFiles.length === 0
              ? 'Choose a dataset file (.npy, .zip or HDF5); a .json only describes one.'
              : 'Choose one .npy together with its .json, or dataset files without .json.',
        },
      });
      return;
    }
    for (const file of dataFiles) await importOne(file, sidecars[0]);
  },
}));

async function importOne(file: File, sidecar?: File): Promise<void> {
  const set = useDatasets.setState;
  try {
    for (const f of [file, ...(sidecar ? [sidecar] : [])]) {
      if (f.size > MAX_IMPORT_BYTES) {
        throw new Error(
          `“${f.name}” is ${(f.size / 1e6).toFixed(0)} MB; the lab imports files up to ${MAX_IMPORT_BYTES / 1e6} MB`,
        );
      }
    }
    const { importDataset } = await import('../data/datasetFiles');
    const bundle = await importDataset(
      new Uint8Array(await file.arrayBuffer()),
      file.name,
      MAX_IMPORT_BYTES,
      await sidecar?.text(),
    );
    const described = sidecar ? ` with its metadata from “${sidecar.name}”` : '';
    set({ outcome: await saveImportedDataset({ name: file.name, bundle, described }) });
    await useDatasets.getState().refresh();
  } catch (error) {
    if (offerAxisMapping(error)) return;
    set({
      outcome: {
        tone: 'problem',
        text: `“${file.name}” was not imported: ${errorMessage(error)} Nothing else changed.`,
      },
    });
  }
}
