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
