/**
 * Proposing an import plan for a foreign HDF5 file from its contents: PDEBench's 2D layouts are
 * recognised by name; anything else gets its largest float dataset (or same-shaped datasets, as
 * channels) with axes guessed from the shape. The user confirms or corrects it.
 */
import { LAB_AXES } from './io/axes';
import type { LabAxis } from './io/axes';
import type { Hdf5Contents, Hdf5DatasetInfo } from './io/hdf5Inspect';
import { DEFAULT_MAX_BYTES, elementCount } from './io/ndarray';
import { fullShape, trajectoriesThatFit } from './foreignHdf5Check';
import { canHoldField, defaultChannels, fieldInfo, isVector } from './foreignHdf5Plan';
import type { ForeignHdf5Plan } from './foreignHdf5Plan';

/** Trailing axes at most this long may be guessed to be channels. */
const MAX_GUESSED_CHANNELS = 8;

const EQUATIONS: readonly (readonly [RegExp, string])[] = [
  [/diff-?react/i, 'diffusion-reaction'],
  [/rdb|shallow|swe/i, 'shallow-water'],
  [/ns_incom|incompressible/i, 'incompressible-ns'],
  [/cfd|compressible/i, 'compressible-ns'],
  [/darcy/i, 'darcy'],
];

/** Coordinate names public datasets use, most specific first. */
const COORDINATE_NAMES = {
  x: ['x-coordinate', 'grid/x', 'x', 'dimensions/x'],
  y: ['y-coordinate', 'grid/y', 'y', 'dimensions/y'],
  t: ['t-coordinate', 'grid/t', 't', 'time', 'dimensions/time'],
} as const;

/** PDEBench 2D compressible NS variables, in the order its loaders stack them. */
const CFD_VARIABLES = ['density', 'Vx', 'Vy', 'pressure'];

type LayoutPlan = Pick<ForeignHdf5Plan, 'fields' | 'series' | 'axes' | 'channels' | 'layout'>;

/**
 * A plan for importing `contents` as one dataset, all trajectories for training. When the whole
 * file would exceed `maxBytes`, the plan limits the trajectories to what fits.
 */
export function proposeForeignPlan(
  contents: Hdf5Contents,
  fileName: string,
  maxBytes = DEFAULT_MAX_BYTES,
): ForeignHdf5Plan {
  const layout = knownLayout(contents, fileName) ?? guessedLayout(contents);
  const plan: ForeignHdf5Plan = {
    ...layout,
    coordinates: findCoordinates(contents, layout.series),
    split: { val: 0, test: 0 },
    name: fileName,
    equation: equationFromFileName(fileName),
  };
  let shape: number[];
  try {
    shape = fullShape(contents, plan);
  } catch {
    return plan; // The check will say what is wrong.
  }
  const fit = trajectoriesThatFit(shape, maxBytes);
  return fit >= (shape[0] ?? 1) ? plan : { ...plan, trajectoryLimit: Math.max(1, fit) };
}

/** The equation id a file name suggests ('2D_diff-react_NA_NA.h5' → 'diffusion-reaction'). */
export function equationFromFileName(fileName: string): string {
  return EQUATIONS.find(([pattern]) => pattern.test(fileName))?.[1] ?? 'imported';
}

/**
 * The likely lab axis of each axis of `shape`. X and Y are two equal-sized axes (adjacent ones
 * first, then the longest). A short trailing axis is C when enough axes remain for the others
 * (with `series`, one for T; otherwise two, for N and T). Of the rest, with `series` the longest
 * is T (no axis can be N); otherwise the first stored axis is N and the other T, unless the space
 * axes come first (MATLAB's reversed order [X, Y, T, N]), where the last is N.
 */
export function guessAxes(shape: readonly number[], series: boolean): LabAxis[] {
  const axes = new Array<LabAxis | undefined>(shape.length).fill(undefined);
  const pair = spacePair(shape);
  if (!pair) return fillUnused(axes);
  const [i, j] = pair;
  axes[i] = 'X';
  axes[j] = 'Y';
  const free = (): number[] => axes.flatMap((axis, k) => (axis === undefined ? [k] : []));
  const last = shape.length - 1;
  const othersNeeded = series ? 1 : 2;
  if (
    axes[last] === undefined &&
    free().length > othersNeeded &&
    (shape[last] ?? 0) <= MAX_GUESSED_CHANNELS
  ) {
    axes[last] = 'C';
  }
  const rest = free();
  if (series || rest.length === 1) {
    const longest = rest.reduce<number | undefined>(
      (best, k) => (best === undefined || (shape[k] ?? 0) > (shape[best] ?? 0) ? k : best),
      undefined,
    );
    if (longest !== undefined) axes[longest] = 'T';
  } else if (rest.length >= 2) {
    const n = (i === 0 ? rest.at(-1) : rest[0]) as number;
    axes[n] = 'N';
    axes[rest.find((k) => k !== n) as number] = 'T';
  }
  return fillUnused(axes);
}

function knownLayout(contents: Hdf5Contents, fileName: string): LayoutPlan | undefined {
  const grouped = contents.series.find((info) => info.path === 'data' && info.isFloat);
  if (grouped?.shape.length === 4) {
    const c = grouped.shape[3] ?? 1;
    const known =
      /diff-?react/i.test(fileName) && c === 2
        ? ['u', 'v']
        : /rdb/i.test(fileName) && c === 1
          ? ['h']
          : undefined;
    return {
      fields: ['data'],
      series: true,
      axes: ['T', 'X', 'Y', 'C'],
      channels: known ?? defaultChannels(['data'], c),
      layout: 'PDEBench 2D, one trajectory per numbered group: data [T, X, Y, C]',
    };
  }
  const top = (path: string): Hdf5DatasetInfo | undefined =>
    contents.datasets.find((info) => info.path === path && info.isFloat);
  const cfd = CFD_VARIABLES.map(top).filter((info) => info !== undefined);
  const [density] = cfd;
  if (
    cfd.length >= 2 &&
    density?.shape.length === 4 &&
    cfd.every((info) => sameShape(info.shape, density.shape))
  ) {
    return {
      fields: cfd.map((info) => info.path),
      series: false,
      axes: ['N', 'T', 'X', 'Y'],
      channels: cfd.map((info) => info.path),
      layout: 'PDEBench 2D compressible Navier–Stokes: one [N, T, X, Y] dataset per variable',
    };
  }
  const velocity = top('velocity');
  if (velocity?.shape.length === 5 && velocity.shape[4] === 2) {
    return {
      fields: ['velocity'],
      series: false,
      axes: ['N', 'T', 'X', 'Y', 'C'],
      channels: ['vx', 'vy'],
      layout: 'PDEBench 2D incompressible Navier–Stokes: velocity [N, T, X, Y, 2]',
    };
  }
  const tensor = top('tensor');
  if (tensor?.shape.length === 4) {
    return {
      fields: ['tensor'],
      series: false,
      axes: ['N', 'T', 'X', 'Y'],
      channels: ['u'],
      layout: top('nu')
        ? 'PDEBench 2D Darcy flow: the solution, tensor [N, 1, X, Y] (the coefficient nu is not imported)'
        : 'PDEBench single-variable file: tensor [N, T, X, Y]',
    };
  }
  return undefined;
}

/** The float dataset(s) with the most values; same-shaped root datasets become channels. */
function guessedLayout(contents: Hdf5Contents): LayoutPlan {
  interface Candidate {
    fields: string[];
    series: boolean;
    shape: number[];
    values: number;
  }
  const candidates: Candidate[] = contents.series.filter(canHoldField).map((info) => ({
    fields: [info.path],
    series: true,
    shape: info.shape,
    values: elementCount(info.shape) * info.groups.length,
  }));
  const byShape = new Map<string, Candidate>();
  for (const info of contents.datasets.filter(canHoldField)) {
    const key = info.shape.join(',');
    const same = byShape.get(key);
    if (same) {
      same.fields.push(info.path);
      same.values += elementCount(info.shape);
    } else {
      const values = elementCount(info.shape);
      byShape.set(key, { fields: [info.path], series: false, shape: info.shape, values });
    }
  }
  candidates.push(...byShape.values());
  const best = candidates.reduce<Candidate | undefined>(
    (top, candidate) => (top === undefined || candidate.values > top.values ? candidate : top),
    undefined,
  );
  if (!best) return { fields: [], series: false, axes: [], channels: [] };
  const axes = guessAxes(best.shape, best.series);
  const c = axes.includes('C') ? (best.shape[axes.indexOf('C')] ?? 1) : 1;
  return {
    fields: best.fields,
    series: best.series,
    axes,
    channels: defaultChannels(best.fields, c),
  };
}

/** The first coordinate of each kind found under the usual names (in the first group with `series`). */
function findCoordinates(contents: Hdf5Contents, series: boolean): ForeignHdf5Plan['coordinates'] {
  const find = (names: readonly string[]): string | undefined => {
    for (const name of names) {
      const inGroups = contents.series.find((info) => info.path === name && isVector(info));
      if (series && inGroups) return `${inGroups.groups[0]}/${name}`;
      if (contents.datasets.some((info) => info.path === name && isVector(info))) return name;
    }
    return undefined;
  };
  const coordinates: ForeignHdf5Plan['coordinates'] = {};
  for (const kind of ['x', 'y', 't'] as const) {
    const path = find(COORDINATE_NAMES[kind]);
    if (path !== undefined) coordinates[kind] = path;
  }
  return coordinates;
}

/** The equal-sized pair of axes (longer than 1) most likely to be X and Y, in stored order. */
function spacePair(shape: readonly number[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestScore = -1;
  for (let i = 0; i < shape.length; i++) {
    for (let j = i + 1; j < shape.length; j++) {
      const size = shape[i] ?? 0;
      if (size <= 1 || shape[j] !== size) continue;
      // Adjacent pairs first, then the longer; ties keep the earlier pair.
      const score = (j === i + 1 ? 2 ** 40 : 0) + size;
      if (score > bestScore) {
        best = [i, j];
        bestScore = score;
      }
    }
  }
  if (best || shape.length < 2) return best;
  // No equal pair: the two longest axes (the check then asks for X = Y).
  const [a, b] = shape
    .map((size, k) => [size, k] as const)
    .sort((p, q) => q[0] - p[0] || p[1] - q[1])
    .map(([, k]) => k);
  return [Math.min(a as number, b as number), Math.max(a as number, b as number)];
}

/** Gives every unassigned axis a lab axis not used yet; the check reports what is then wrong. */
function fillUnused(axes: readonly (LabAxis | undefined)[]): LabAxis[] {
  const unused = LAB_AXES.filter((axis) => !axes.includes(axis));
  return axes.map((axis) => axis ?? unused.shift() ?? 'C');
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/**
 * The plan with other field datasets: the axes are guessed afresh when the shape changes, and the
 * channels get default names.
 */
export function replanFields(
  contents: Hdf5Contents,
  plan: ForeignHdf5Plan,
  fields: string[],
  series: boolean,
): ForeignHdf5Plan {
  const before = firstShape(contents, plan);
  const next = { ...plan, fields, series };
  const after = firstShape(contents, next);
  if (after && (series !== plan.series || !before || !sameShape(before, after))) {
    next.axes = guessAxes(after, series);
  }
  return { ...next, channels: defaultChannels(fields, channelsPerField(contents, next)) };
}

/** The plan with another axis mapping; channel names are reset only when their count changes. */
export function replanAxes(
  contents: Hdf5Contents,
  plan: ForeignHdf5Plan,
  axes: LabAxis[],
): ForeignHdf5Plan {
  const next = { ...plan, axes };
  const perField = channelsPerField(contents, next);
  return next.channels.length === perField * next.fields.length
    ? next
    : { ...next, channels: defaultChannels(next.fields, perField) };
}

function firstShape(contents: Hdf5Contents, plan: ForeignHdf5Plan): number[] | undefined {
  const [first] = plan.fields;
  return first === undefined ? undefined : fieldInfo(contents, first, plan.series)?.shape;
}

/** The length of the axis mapped to C (1 when none is). */
function channelsPerField(contents: Hdf5Contents, plan: ForeignHdf5Plan): number {
  const shape = firstShape(contents, plan);
  const k = plan.axes.indexOf('C');
  return shape && k >= 0 && plan.axes.length === shape.length ? (shape[k] ?? 1) : 1;
}
