/**
 * Importing dataset files from the Data panel: each one is read, saved with the other datasets
 * and told about in the datasets' outcome; an HDF5 file PDE Lab did not write first opens the
 * axis mapping step (hdf5ImportStore), which saves it once the user confirms.
 */
import { errorMessage } from '../util/errorMessage';
import { useDatasets } from './datasetsStore';
import { offerAxisMapping } from './hdf5ImportStore';
import { saveImportedDataset } from './saveImported';

/** Imports larger than this are refused before they are read into memory. */
const MAX_IMPORT_BYTES = 512 * 1024 ** 2;

/** Imports each chosen dataset file; a .json beside a single .npy is taken as its metadata. */
export async function importDatasetFiles(files: readonly File[]): Promise<void> {
  const sidecars = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const dataFiles = files.filter((f) => !sidecars.includes(f));
  if (
    dataFiles.length === 0 ||
    sidecars.length > 1 ||
    (sidecars.length === 1 && dataFiles.length > 1)
  ) {
    useDatasets.setState({
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
}

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
