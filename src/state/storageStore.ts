/** The lab's IndexedDB storage as the settings dialog shows it: usage, unreadable records, clear-all. */
import { create } from 'zustand';
import { openLabStorage, type LabStorage, type StorageUsage } from '../storage/labStorage';
import type { SkippedRecord } from '../storage/types';
import { errorMessage } from '../util/errorMessage';

interface StorageState {
  usage?: StorageUsage;
  skipped: SkippedRecord[];
  /** Set when IndexedDB cannot be used at all (some private windows) or a read failed. */
  problem?: string;
  refresh(): Promise<void>;
  clearAll(): Promise<void>;
}

let opening: Promise<LabStorage> | undefined;

/** One connection per page, opened on first use. */
export function labStorage(): Promise<LabStorage> {
  opening ??= openLabStorage().catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

export const useStorage = create<StorageState>()((set, get) => ({
  skipped: [],
  async refresh() {
    try {
      const storage = await labStorage();
      const [usage, ...lists] = await Promise.all([
        storage.usage(),
        storage.datasets.list(),
        storage.checkpoints.list(),
        storage.runs.list(),
      ]);
      set({ usage, skipped: lists.flatMap((l) => l.skipped), problem: undefined });
    } catch (error) {
      set({
        problem: `Browser storage is not available: ${errorMessage(error)}. The lab still works, but nothing can be saved.`,
      });
    }
  },
  async clearAll() {
    try {
      await (await labStorage()).clearAll();
    } catch (error) {
      set({ problem: `Could not clear storage: ${errorMessage(error)}.` });
    }
    await get().refresh();
  },
}));
