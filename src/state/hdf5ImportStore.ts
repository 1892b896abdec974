/**
 * An HDF5 import waiting for its axis mapping: the file PDE Lab did not write, what it holds and
 * the proposed plan; `confirm` reads it by the user's plan and saves it with the other datasets.
 */
import { create } from 'zustand';
import { NeedsAxisMappingError } from '../data/foreignHdf5Plan';
import type { ForeignHdf5Plan } from '../data/foreignHdf5Plan';
import type { Hdf5Contents } from '../data/io/hdf5Inspect';
import { errorMessage } from '../util/errorMessage';
import { useDatasets } from './datasetsStore';
import { saveImportedDataset } from './saveImported';

export interface PendingHdf5Import {
  /** Distinguishes one opened file from the next (a fresh dialog for each). */
  id: number;
  fileName: string;
  bytes: Uint8Array;
  contents: Hdf5Contents;
  /** The proposed plan, the dialog's starting point. */
  plan: ForeignHdf5Plan;
  /** The import's size limit, in bytes of float32 data. */
  maxBytes: number;
}

interface Hdf5ImportState {
  pending?: PendingHdf5Import;
  /** True while `confirm` reads and saves. */
  busy: boolean;
  /** Why the last `confirm` failed, in words; the dialog stays open to correct the plan. */
  problem?: string;
  /** Opens the mapping step for the file an import refused with NeedsAxisMappingError. */
  open(error: NeedsAxisMappingError): void;
  confirm(plan: ForeignHdf5Plan): Promise<void>;
  cancel(): void;
}

let opened = 0;

export const useHdf5Import = create<Hdf5ImportState>()((set, get) => ({
  busy: false,
  open(error) {
    const { fileName, bytes, contents, plan, maxBytes } = error;
    opened += 1;
    set({
      pending: { id: opened, fileName, bytes, contents, plan, maxBytes },
      busy: false,
      problem: undefined,
    });
  },
  async confirm(plan) {
    const { pending, busy } = get();
    if (!pending || busy) return;
    set({ busy: true, problem: undefined });
    try {
      // h5wasm loads on first use, not with the page.
      const { importForeignHdf5 } = await import('../data/datasetFiles');
      const { bundle, notes } = await importForeignHdf5(pending.bytes, plan, {
        maxBytes: pending.maxBytes,
      });
      const outcome = await saveImportedDataset({ name: plan.name.trim(), bundle, notes });
      set({ pending: undefined, busy: false });
      useDatasets.setState({ outcome });
      await useDatasets.getState().refresh();
    } catch (error) {
      set({ busy: false, problem: `Not imported: ${errorMessage(error)}` });
    }
  },
  cancel() {
    if (!get().busy) set({ pending: undefined, problem: undefined });
  },
}));

/**
 * For datasetImport's catch: opens the mapping step when `error` asks for one, and says whether
 * it did.
 */
export function offerAxisMapping(error: unknown): boolean {
  if (!(error instanceof NeedsAxisMappingError)) return false;
  useHdf5Import.getState().open(error);
  return true;
}
