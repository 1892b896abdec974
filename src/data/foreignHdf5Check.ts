/**
 * Checking an import plan for a foreign HDF5 file against the file's contents, cheaply enough to
 * run on every edit in the axis-mapping step: the resulting shape and the first problem, in words.
 */
import { formatBytes } from '../storage/formatBytes';
import { checkAxisMapping, labShape } from './io/axes';
import { DatasetFormatError } from './io/errors';
import type { Hdf5Contents } from './io/hdf5Inspect';
import { DEFAULT_MAX_BYTES, elementCount } from './io/ndarray';
import { formatShape, plural } from './io/text';
import { fieldInfo, noFieldProblem } from './foreignHdf5Plan';
import type { ForeignHdf5Plan } from './foreignHdf5Plan';

export interface ForeignPlanCheck {
  /** The [N, T, X, Y, C] shape the import gives, once the fields and the axis mapping are valid. */
  shape?: number[];
  /** Trajectories in the file, before the trajectory limit. */
  available?: number;
  /** What stops the import, in words; undefined when it can go ahead. */
  problem?: string;
}

export function checkForeignPlan(
  contents: Hdf5Contents,
  plan: ForeignHdf5Plan,
  maxBytes = DEFAULT_MAX_BYTES,
): ForeignPlanCheck {
  let full: number[];
  try {
    full = fullShape(contents, plan);
  } catch (error) {
    if (error instanceof DatasetFormatError) return { problem: error.message };
    throw error;
  }
  const available = full[0] ?? 1;
  const limit = plan.trajectoryLimit;
  const n = limit !== undefined && limit >= 1 ? Math.min(Math.floor(limit), available) : available;
  const shape = [n, ...full.slice(1)];
  return { shape, available, problem: problemWith(plan, shape, maxBytes) };
}

/**
 * The [N, T, X, Y, C] shape of everything the plan's fields hold, before any trajectory limit.
 * Throws DatasetFormatError when the fields or the axis mapping cannot be read.
 */
export function fullShape(contents: Hdf5Contents, plan: ForeignHdf5Plan): number[] {
  const infos = plan.fields.map((path) => {
    const info = fieldInfo(contents, path, plan.series);
    if (!info) {
      throw new DatasetFormatError(
        plan.series
          ? `The numbered groups do not all hold a dataset "${path}" of one shape.`
          : `The file has no dataset "${path}".`,
      );
    }
    if (!info.isFloat) {
      throw new DatasetFormatError(
        `"${path}" holds '${info.dtype}' values; PDE Lab imports float32 or float64 datasets.`,
      );
    }
    return info;
  });
  const [first] = infos;
  if (first === undefined) {
    throw new DatasetFormatError(
      noFieldProblem(contents) ?? 'Choose the dataset(s) holding the field.',
    );
  }
  const other = infos.find((info) => !sameShape(info.shape, first.shape));
  if (other) {
    throw new DatasetFormatError(
      `"${other.path}" has shape ${formatShape(other.shape)} but "${first.path}" has ` +
        `${formatShape(first.shape)}: datasets stacked as channels must have the same shape.`,
    );
  }
  checkAxisMapping(first.path, first.shape, plan.axes, plan.series);
  const [n = 1, t = 1, x = 1, y = 1, c = 1] = labShape(first.shape, plan.axes);
  const trajectories = 'groups' in first ? first.groups.length : n;
  return [trajectories, t, x, y, c * plan.fields.length];
}

/** How many trajectories of `shape` ([N, T, X, Y, C]) fit in `maxBytes` as float32. */
export function trajectoriesThatFit(shape: readonly number[], maxBytes: number): number {
  return Math.floor(maxBytes / (elementCount(shape.slice(1)) * 4));
}

function problemWith(
  plan: ForeignHdf5Plan,
  shape: readonly number[],
  maxBytes: number,
): string | undefined {
  const [n = 1, , x = 1, y = 1, c = 1] = shape;
  if (x !== y) {
    return (
      `The lab needs a square grid (X = Y), but X has ${x} points and Y has ${y}: map X and Y ` +
      'to two space axes of the same size, or crop the data to a square before importing.'
    );
  }
  const limit = plan.trajectoryLimit;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) {
    return 'The trajectory limit should be a whole number ≥ 1 (or empty, to read them all).';
  }
  const bytes = elementCount(shape) * 4;
  if (bytes > maxBytes) {
    const fit = trajectoriesThatFit(shape, maxBytes);
    return (
      `The result (${formatShape(shape)}) needs ${formatBytes(bytes)} as float32, more than the ` +
      `${formatBytes(maxBytes)} this import allows: ` +
      (fit >= 1
        ? `set the trajectory limit to ${fit} or fewer.`
        : 'even one trajectory is too large.')
    );
  }
  const names = plan.channels.map((name) => name.trim());
  if (names.length !== c) {
    return (
      `The result has ${plural(c, 'channel')} but ${plural(names.length, 'name')} ` +
      `${names.length === 1 ? 'is' : 'are'} given: name each channel once.`
    );
  }
  if (names.some((name) => name === '')) return 'Channel names cannot be empty.';
  if (names.some((name) => name.includes(','))) return 'Channel names cannot contain commas.';
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) return `The channel name "${twice}" is used twice.`;
  const { val, test } = plan.split;
  if (![val, test].every((count) => Number.isSafeInteger(count) && count >= 0)) {
    return 'Validation and test counts should be whole numbers ≥ 0.';
  }
  if (val + test >= n) {
    return (
      `Keep at least one trajectory for training: ${plural(n, 'trajectory', 'trajectories')} ` +
      `${n === 1 ? 'is' : 'are'} imported, and ${val} + ${test} are set aside for validation and test.`
    );
  }
  if (plan.name.trim() === '') return 'Give the dataset a name.';
  return undefined;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
