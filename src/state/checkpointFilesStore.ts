/**
 * Runs as files: exporting a saved run with its latest checkpoint as one `.ckpt` file, and
 * importing such a file back. The worker encodes, checks and stores (runtime/checkpointFiles);
 * this store sends the request, says in words what came of it, and refreshes every list of runs
 * and models once a run was added.
 */
import { create } from 'zustand';
import type { CheckpointFileExport } from '../storage/checkpointFile';
import { formatBytes } from '../storage/formatBytes';
import { errorMessage } from '../util/errorMessage';
import { useMask } from './maskStore';
import type { Outcome } from './outcome';
import { useResults } from './resultsStore';
import { computeClient } from './runtimeStore';
import { useTrain } from './trainStore';

/** The largest file the lab reads into memory to import. */
export const MAX_CHECKPOINT_FILE_BYTES = 1024 ** 3;

interface CheckpointFilesState {
  /** Set while a run is exported (its id) or a file is imported. */
  busy?: { kind: 'export'; runId: string } | { kind: 'import'; fileName: string };
  outcome?: Outcome;
  /** The run's file, or undefined (with the reason in `outcome`) when it cannot be made. */
  exportRun(runId: string, runName: string): Promise<CheckpointFileExport | undefined>;
  /** Checks the file and adds its run; a refused file leaves storage as it was. */
  importFile(file: File): Promise<void>;
}

export const useCheckpointFiles = create<CheckpointFilesState>()((set, get) => ({
  async exportRun(runId, runName) {
    if (get().busy) return undefined;
    set({ busy: { kind: 'export', runId }, outcome: undefined });
    try {
      const file = await computeClient().exportCheckpointFile(runId);
      set({
        outcome: {
          tone: 'info',
          text: `Exported “${runName}” as “${file.fileName}” (${formatBytes(file.bytes.byteLength)}).`,
        },
      });
      return file;
    } catch (error) {
      set({
        outcome: {
          tone: 'problem',
          text: `“${runName}” was not exported: ${errorMessage(error)}`,
        },
      });
      return undefined;
    } finally {
      set({ busy: undefined });
    }
  },

  async importFile(file) {
    if (get().busy) return;
    set({ busy: { kind: 'import', fileName: file.name }, outcome: undefined });
    const refused = (why: string) =>
      set({
        outcome: {
          tone: 'problem',
          text: `“${file.name}” was not imported: ${why} Nothing was saved.`,
        },
      });
    try {
      if (file.size === 0) {
        refused('the file is empty.');
        return;
      }
      if (file.size > MAX_CHECKPOINT_FILE_BYTES) {
        refused(
          `it is ${formatBytes(file.size)}; the lab imports checkpoint files up to ${formatBytes(MAX_CHECKPOINT_FILE_BYTES)}.`,
        );
        return;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const imported = await computeClient().importCheckpointFile(bytes);
      set({
        outcome: {
          tone: 'info',
          text:
            `Imported “${file.name}”: the run “${imported.runName}” with its model at step ${imported.step}.` +
            (imported.copy
              ? ' The same run was already saved here, so this one was added as a copy.'
              : ''),
        },
      });
      await Promise.all([
        useTrain.getState().refreshRuns(),
        useMask.getState().refreshModels(),
        useResults.getState().refreshModels(),
      ]);
    } catch (error) {
      refused(errorMessage(error));
    } finally {
      set({ busy: undefined });
    }
  },
}));
