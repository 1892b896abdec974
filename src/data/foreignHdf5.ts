/**
 * Reading a foreign HDF5 file into a dataset by a confirmed import plan. Coordinates give the
 * grid and times. Convention: the lab's grid points x_i = origin + i·length/n are the file's own
 * coordinate values, so origin = x₀ and length = n·Δx. For PDEBench's cell-centred coordinates on
 * [a, b] that is origin = a + Δx/2 and length = b − a.
 */
import type { Grid } from '../pde/grid';
import { checkBundle } from './io/bundle';
import type { DatasetBundle } from './io/bundle';
import { DatasetFormatError } from './io/errors';
import { readHdf5 } from './io/h5file';
import { inspectHdf5 } from './io/hdf5Inspect';
import type { Hdf5Contents } from './io/hdf5Inspect';
import { readLabArray, readVector } from './io/hdf5Read';
import { DEFAULT_MAX_BYTES } from './io/ndarray';
import type { BinaryInput } from './io/ndarray';
import { checkForeignPlan } from './foreignHdf5Check';
import type { ForeignHdf5Plan } from './foreignHdf5Plan';

/** Coordinates whose points stray from a uniform grid by more than this fraction of Δx are not. */
const UNIFORM_TOLERANCE = 1e-3;

export interface ForeignHdf5Import {
  bundle: DatasetBundle;
  /** What the import did that the user may not expect, in words (times as frame indices, …). */
  notes: string[];
}

export async function importForeignHdf5(
  input: BinaryInput,
  plan: ForeignHdf5Plan,
  options: { maxBytes?: number } = {},
): Promise<ForeignHdf5Import> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const contents = await inspectHdf5(input);
  const { problem, shape, available } = checkForeignPlan(contents, plan, maxBytes);
  if (problem !== undefined) throw new DatasetFormatError(problem);
  const notes: string[] = [];
  if (shape && available !== undefined && (shape[0] ?? 0) < available) {
    notes.push(`Read the first ${shape[0]} of ${available} trajectories.`);
  }
  return readHdf5(input, (file, h5) => {
    const array = readLabArray(file, h5, {
      path: plan.fields,
      series: plan.series,
      axes: plan.axes,
      maxBytes,
      trajectoryLimit: plan.trajectoryLimit,
    });
    const [n = 1, t = 1, x = 1] = array.shape;
    const vector = (path: string | undefined) =>
      path === undefined
        ? undefined
        : { path, values: readVector(file, h5, path), float32: isFloat32(contents, path) };
    const grid = gridFrom(vector(plan.coordinates.x), x, notes);
    checkYAgrees(vector(plan.coordinates.y), grid, notes);
    const times = timesFrom(vector(plan.coordinates.t), t, notes);
    const { val, test } = plan.split;
    const bundle: DatasetBundle = {
      ...array,
      meta: {
        equation: plan.equation.trim() || 'imported',
        scheme: 'imported',
        seed: 0,
        grid,
        times,
        channels: plan.channels.map((name) => name.trim()),
        coefficients: {},
        split: { train: n - val - test, val, test },
      },
    };
    checkBundle(bundle);
    return { bundle, notes };
  });
}

interface Coordinate {
  path: string;
  values: number[];
  /** Stored as float32: its values are rounded to 7 significant digits (0.05, not 0.0500000007). */
  float32: boolean;
}

/** The square grid whose points are the x coordinate's values; the unit box when there are none. */
function gridFrom(x: Coordinate | undefined, n: number, notes: string[]): Grid {
  const unit: Grid = { n, length: 1, origin: 0 };
  if (!x) {
    notes.push('The file names no x coordinate: the grid is the unit square [0, 1)².');
    return unit;
  }
  const { path, values } = x;
  if (values.length !== n) {
    notes.push(
      `"${path}" has ${values.length} values but X has ${n} points: the grid is the unit square.`,
    );
    return unit;
  }
  const first = values[0] ?? 0;
  if (n === 1) return { n, length: 1, origin: round(first, x.float32) };
  const dx = ((values[n - 1] ?? 0) - first) / (n - 1);
  if (!(dx > 0) || !isUniform(values, first, dx)) {
    notes.push(`"${path}" is not evenly spaced and increasing: the grid is the unit square.`);
    return unit;
  }
  return { n, length: round(n * dx, x.float32), origin: round(first, x.float32) };
}

function checkYAgrees(y: Coordinate | undefined, grid: Grid, notes: string[]): void {
  if (!y) return;
  const dx = grid.length / grid.n;
  const agrees =
    y.values.length === grid.n &&
    y.values.every((v, i) => Math.abs(v - (grid.origin + i * dx)) <= UNIFORM_TOLERANCE * dx);
  if (!agrees) {
    notes.push(`"${y.path}" differs from the x coordinate; the lab's square grid follows x.`);
  }
}

/** The frame times: the t coordinate's values (its first T when it has T + 1), else 0, 1, … */
function timesFrom(t: Coordinate | undefined, frames: number, notes: string[]): number[] {
  const indices = Array.from({ length: frames }, (_, i) => i);
  if (!t) {
    notes.push('The file names no time coordinate: the times are frame indices 0, 1, 2, …');
    return indices;
  }
  const { path, values } = t;
  if (values.length !== frames && values.length !== frames + 1) {
    notes.push(
      `"${path}" has ${values.length} values but T has ${frames} frames: the times are frame indices.`,
    );
    return indices;
  }
  if (values.length === frames + 1) {
    notes.push(`"${path}" has one value more than there are frames: its first ${frames} are used.`);
  }
  const times = values.slice(0, frames).map((v) => round(v, t.float32));
  if (times.some((v, i) => i > 0 && !(v > (times[i - 1] as number)))) {
    notes.push(`"${path}" does not increase: the times are frame indices.`);
    return indices;
  }
  return times;
}

function isUniform(values: readonly number[], first: number, dx: number): boolean {
  return values.every((v, i) => Math.abs(v - (first + i * dx)) <= UNIFORM_TOLERANCE * dx);
}

function round(value: number, float32: boolean): number {
  return float32 ? Number(value.toPrecision(7)) : value;
}

function isFloat32(contents: Hdf5Contents, path: string): boolean {
  const info =
    contents.datasets.find((d) => d.path === path) ??
    contents.series.find((s) => `${s.groups[0]}/${s.path}` === path);
  return info !== undefined && /f4$/.test(info.dtype);
}
