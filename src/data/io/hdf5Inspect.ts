/**
 * What an HDF5 file holds, for the import step where the user picks a dataset and maps its axes.
 * PDEBench's 2D files keep one trajectory per numbered group ("0000/data", "0001/data", …);
 * those are reported once, as a series, instead of thousands of times.
 */
import type { Metadata } from 'h5wasm';
import { readHdf5 } from './h5file';
import type { H5File, H5wasm } from './h5file';
import { HDF5_ATTRIBUTES } from './hdf5Layout';
import { hdf5TypeCode, isFloatType } from './hdf5Types';
import { DATASET_META_FORMAT } from './meta';
import type { BinaryInput } from './ndarray';

export interface Hdf5DatasetInfo {
  /** Path from the root, without a leading slash: "data", "grid/x". */
  path: string;
  shape: number[];
  /** numpy-style type code ('<f4', '<f8', '<i4', …) or 'string', 'compound', 'enum', 'other'. */
  dtype: string;
  /** float32 or float64: only these can be imported as fields. */
  isFloat: boolean;
}

export interface Hdf5SeriesInfo extends Hdf5DatasetInfo {
  /** `path` is inside each of these root groups, in numeric order ("0000", "0001", …). */
  groups: string[];
}

export interface Hdf5Contents {
  /** True for files written by encodeDatasetHdf5 (read them whole with decodeDatasetHdf5). */
  isPdeLabExport: boolean;
  /** Datasets outside numbered groups, and those that differ between the numbered groups. */
  datasets: Hdf5DatasetInfo[];
  /** Datasets present with the same shape and type in every numbered group. */
  series: Hdf5SeriesInfo[];
}

export function inspectHdf5(input: BinaryInput): Promise<Hdf5Contents> {
  return readHdf5(input, (file, h5) => {
    const infos = new Map<string, Hdf5DatasetInfo>();
    for (const path of file.paths()) {
      const entity = file.get(path);
      if (!(entity instanceof h5.Dataset)) continue;
      infos.set(path, describeDataset(path, entity.metadata));
    }
    const groups = numberedGroups(file, h5);
    const series: Hdf5SeriesInfo[] = [];
    const inSeries = new Set<string>();
    const [firstGroup] = groups;
    if (firstGroup !== undefined) {
      for (const [path, info] of infos) {
        if (!path.startsWith(`${firstGroup}/`)) continue;
        const inner = path.slice(firstGroup.length + 1);
        const members = groups.map((group) => infos.get(`${group}/${inner}`));
        const same = members.every(
          (m) => m !== undefined && m.dtype === info.dtype && sameShape(m.shape, info.shape),
        );
        if (!same) continue;
        series.push({ ...info, path: inner, groups });
        for (const group of groups) inSeries.add(`${group}/${inner}`);
      }
    }
    return {
      isPdeLabExport: readFormat(file) === DATASET_META_FORMAT,
      datasets: [...infos.values()].filter((info) => !inSeries.has(info.path)),
      series,
    };
  });
}

/** Root groups named by a number, in numeric order: PDEBench's one-trajectory-per-group layout. */
export function numberedGroups(file: H5File, h5: H5wasm): string[] {
  return file
    .keys()
    .filter((name) => /^\d+$/.test(name) && file.get(name) instanceof h5.Group)
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}

function describeDataset(path: string, metadata: Metadata): Hdf5DatasetInfo {
  return {
    path,
    shape: metadata.shape ?? [],
    dtype: hdf5TypeCode(metadata),
    isFloat: isFloatType(metadata),
  };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

function readFormat(file: H5File): unknown {
  return HDF5_ATTRIBUTES.format in file.attrs
    ? file.get_attribute(HDF5_ATTRIBUTES.format, false)
    : undefined;
}
