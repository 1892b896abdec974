/**
 * Saved datasets: building one in the worker, listing, deleting and exporting them. Importing
 * files is datasetImport.ts, which saves through here.
 */
import { create } from 'zustand';
import type { Outcome } from './outcome';
import type { ExportFile, ExportFormat } from '../data/datasetFiles';
import type { Summary } from '../storage/types';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import type { BuildDatasetParams } from '../runtime/jobs/buildDatasetConfig';
import { errorMessage } from '../util/errorMessage';
import { useJobs } from './jobsStore';
import { buildParamsFrom } from './buildParams';
import { useSettings } from './settingsStore';
import { labStorage } from './storageStore';

interface DatasetsState {
  records: Summary<DatasetRecordMeta>[];
  activeJobId?: string;
  /** What happened last (built, stopped, failed, imported, exported), in words. */
  outcome?: Outcome;
  refresh(): Promise<void>;
  /**
   * Builds from `params` (by default, the Data panel's settings) and saves; resolves to the
   * saved dataset's id, or undefined when nothing was saved (refused, busy, stopped, failed).
   */
  build(params?: BuildDatasetParams): Promise<string | undefined>;
  stop(): void;
  remove(id: string): Promise<void>;
  exportAs(id: string, format: ExportFormat): Promise<ExportFile[] | undefined>;
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
  async build(given) {
    if (get().activeJobId) return undefined;
    let params;
    try {
      params = given ?? buildParamsFrom(useSettings.getState().values);
    } catch (error) {
      set({ outcome: { tone: 'problem', text: `Nothing was built: ${errorMessage(error)}` } });
      return undefined;
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
    return done.status === 'done' ? done.result.id : undefined;
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
}));
