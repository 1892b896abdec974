/**
 * The plan for importing an HDF5 file PDE Lab did not write (PDEBench, PDEArena, The Well, …):
 * which dataset(s) hold the field and how their axes map onto [N, T, X, Y, C]; and the error
 * that hands such a file, with a proposed plan, to the UI's axis-mapping step.
 */
import type { LabAxis } from './io/axes';
import { DatasetFormatError } from './io/errors';
import type { Hdf5Contents, Hdf5DatasetInfo, Hdf5SeriesInfo } from './io/hdf5Inspect';

export interface ForeignHdf5Plan {
  /**
   * The dataset(s) holding the field, stacked along C in this order: paths from the root, or with
   * `series` paths inside every numbered group ("data" for "0000/data", "0001/data", …).
   */
  fields: string[];
  /** One trajectory per numbered root group (PDEBench 2D's "0000" … "0999"). */
  series: boolean;
  /** The lab axis of each stored axis of the field datasets, in stored order. */
  axes: LabAxis[];
  /** A name per channel of the result: C of each field times the number of fields. */
  channels: string[];
  /** 1-D datasets (paths from the root) giving the points along X and Y and the frame times. */
  coordinates: { x?: string; y?: string; t?: string };
  /** Read only the first this-many trajectories; undefined reads them all. */
  trajectoryLimit?: number;
  /** Trajectories kept for validation and test, taken from the end; the rest are training. */
  split: { val: number; test: number };
  /** The saved dataset's name. */
  name: string;
  /** The metadata's equation id: recognised from the file name, else 'imported'. */
  equation: string;
  /** The known layout the plan was proposed from, in words; undefined when guessed from shapes. */
  layout?: string;
}

/**
 * Thrown by importDataset for an HDF5 file PDE Lab did not write: it carries the file, what it
 * holds and a proposed plan, so the UI can ask the user to confirm or correct the axis mapping.
 */
export class NeedsAxisMappingError extends DatasetFormatError {
  override name = 'NeedsAxisMappingError';
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly contents: Hdf5Contents;
  readonly plan: ForeignHdf5Plan;
  /** The size limit the import was asked to keep to. */
  readonly maxBytes: number;

  constructor(
    fileName: string,
    bytes: Uint8Array,
    contents: Hdf5Contents,
    plan: ForeignHdf5Plan,
    maxBytes: number,
  ) {
    super(
      `“${fileName}” is an HDF5 file PDE Lab did not write: choose the dataset(s) holding the ` +
        'field and map their axes to [N, T, X, Y, C].',
    );
    this.fileName = fileName;
    this.bytes = bytes;
    this.contents = contents;
    this.plan = plan;
    this.maxBytes = maxBytes;
  }
}

/** The dataset a plan field names, or undefined when the file has none such. */
export function fieldInfo(
  contents: Hdf5Contents,
  path: string,
  series: boolean,
): Hdf5DatasetInfo | Hdf5SeriesInfo | undefined {
  return series
    ? contents.series.find((info) => info.path === path)
    : contents.datasets.find((info) => info.path === path);
}

/** Whether a dataset can hold a field: floats with at least time and two space axes. */
export function canHoldField(info: Hdf5DatasetInfo): boolean {
  return info.isFloat && info.shape.length >= 3;
}

/** Why a dataset cannot hold a field, in words ("holds 32-bit integers"); undefined when it can. */
export function whyNotField(info: Hdf5DatasetInfo): string | undefined {
  if (!info.isFloat) {
    const words = typeWords(info.dtype);
    return words.endsWith('floats')
      ? `holds ${words}, and PDE Lab reads only 32- and 64-bit floats`
      : `holds ${words}, not floating-point numbers`;
  }
  const axes = info.shape.length;
  if (axes < 3)
    return axes === 0 ? 'is a single value' : `has only ${axes} ${axes === 1 ? 'axis' : 'axes'}`;
  return undefined;
}

/** Datasets named in a message about a file, at most this many. */
const NAMED_DATASETS = 5;

/**
 * When no dataset in the file can hold a field: why, dataset by dataset, and what would work.
 * Undefined when at least one can (the user then only has to tick it).
 */
export function noFieldProblem(contents: Hdf5Contents): string | undefined {
  const all = [...contents.series, ...contents.datasets];
  if (all.some(canHoldField)) return undefined;
  const need =
    'a field needs floating-point values (float32 or float64) with at least 3 axes: time and ' +
    'two space axes. ';
  const fix =
    'Save the field that way (for example as float32 with axes [N, T, X, Y]) and import that file.';
  if (all.length === 0) return `Nothing to import: this file holds no datasets, and ${need}${fix}`;
  const reasons = all.slice(0, NAMED_DATASETS).map((info) => `"${info.path}" ${whyNotField(info)}`);
  const more = all.length - reasons.length;
  const list = more > 0 ? [...reasons, `${more} more are like them`] : reasons;
  return `No dataset in this file can be imported: ${need}Here, ${list.join('; ')}. ${fix}`;
}

const DTYPE_WORDS: Record<string, string> = {
  i: 'signed integers',
  u: 'unsigned integers',
  f: 'floats',
  b: 'booleans',
};

/** '<i4' → "32-bit signed integers"; 'string' → "text". */
function typeWords(dtype: string): string {
  const match = /^[<>|=]?([a-z])(\d+)$/.exec(dtype);
  const kind = match ? DTYPE_WORDS[match[1]!] : undefined;
  if (match && kind) return `${Number(match[2]) * 8}-bit ${kind}`;
  if (dtype === 'string') return 'text';
  if (dtype === 'compound') return 'records with named fields';
  if (dtype === 'enum') return 'enumerated values';
  return 'values of a type PDE Lab cannot read';
}

/** A 1-D numeric dataset: what can serve as a coordinate. */
export function isVector(info: Hdf5DatasetInfo): boolean {
  return info.shape.length === 1 && (info.isFloat || /^[<>|][iu]\d$/.test(info.dtype));
}

/** Every coordinate a plan may name: root 1-D datasets, and those in the first numbered group. */
export function coordinateChoices(contents: Hdf5Contents): { path: string; length: number }[] {
  return [
    ...contents.series
      .filter(isVector)
      .map((info) => ({ path: `${info.groups[0]}/${info.path}`, length: info.shape[0] ?? 0 })),
    ...contents.datasets
      .filter(isVector)
      .map((info) => ({ path: info.path, length: info.shape[0] ?? 0 })),
  ];
}

/**
 * Channel names for `fields` with `perField` channels each: each field's own name when it has one
 * channel, else "name_0", "name_1", …
 */
export function defaultChannels(fields: readonly string[], perField: number): string[] {
  return fields.flatMap((path) => {
    const base = path.split('/').at(-1) || path;
    return perField === 1 ? [base] : Array.from({ length: perField }, (_, i) => `${base}_${i}`);
  });
}
