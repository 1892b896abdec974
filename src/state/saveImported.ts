/**
 * Saving an imported dataset (from any file format) with the other datasets: a file holding NaN
 * or ±Infinity is kept, marked so that no model trains on it, and the user is told where they are.
 */
import type { DatasetBundle } from '../data/io/bundle';
import { describeNonFinite, findNonFinite, NON_FINITE_ADVICE } from '../data/io/nonFinite';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import type { Outcome } from './outcome';
import { labStorage } from './storageStore';

export interface ImportedDataset {
  /** The saved dataset's name. */
  name: string;
  bundle: DatasetBundle;
  /** Said after the name, e.g. ` with its metadata from “u.json”`. */
  described?: string;
  /** Further sentences about the import (what was left out, how axes were read). */
  notes?: readonly string[];
}

/** Saves the dataset and says what happened, with a warning when its values are not all finite. */
export async function saveImportedDataset(imported: ImportedDataset): Promise<Outcome> {
  const { name, bundle } = imported;
  const nonFinite = findNonFinite(bundle);
  const meta: DatasetRecordMeta = nonFinite ? { ...bundle.meta, nonFinite } : bundle.meta;
  await (
    await labStorage()
  ).datasets.put({ name, meta, payload: { data: bundle.data, shape: bundle.shape } });
  return importOutcome(imported, meta);
}

/** The message for a saved import: plain news, or a warning that it cannot be trained on. */
export function importOutcome(
  { name, bundle, described = '', notes = [] }: ImportedDataset,
  meta: DatasetRecordMeta,
): Outcome {
  const imported = `Imported “${name}”${described} (${bundle.shape.join(' × ')})`;
  if (!meta.nonFinite) return { tone: 'info', text: [`${imported}.`, ...notes].join(' ') };
  const warning =
    `${imported}, but ${describeNonFinite(meta.nonFinite, bundle.shape[0] ?? 0)}. ` +
    'It is saved and marked: you can preview it, but the lab will not train a model on it. ' +
    NON_FINITE_ADVICE;
  return { tone: 'problem', text: [warning, ...notes].join(' ') };
}
