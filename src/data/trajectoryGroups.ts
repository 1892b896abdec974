/**
 * Groups of a dataset's trajectories scored together: one per equation of a mix (the Results
 * panel's rows), or per equation × initial condition (the command-line evaluation), and a
 * group's trajectories copied out as a dataset of their own.
 */
import type { DatasetMeta, DatasetMix } from './io/meta';
import type { TrajectoryArray } from './trajectories';

/** Trajectories (indices along N of the dataset) scored together, e.g. one equation. */
export interface TrajectoryGroup {
  /** The equation id (or any label). */
  id: string;
  trajectories: number[];
}

/**
 * The groups of a dataset's trajectories `first … first + count − 1`: one per equation of a mix
 * (in component order, empty ones left out), or one for the whole range.
 */
export function equationGroups(
  equation: string,
  mix: DatasetMix | undefined,
  first: number,
  count: number,
): TrajectoryGroup[] {
  const range = Array.from({ length: count }, (_, i) => first + i);
  if (!mix) return [{ id: equation, trajectories: range }];
  return mix.components
    .map((component, c) => ({
      id: component.equation,
      trajectories: range.filter((n) => mix.index[n] === c),
    }))
    .filter((group) => group.trajectories.length > 0);
}

/** A group of one equation and one initial condition ('unknown' where the metadata is silent). */
export interface LabelledGroup extends TrajectoryGroup {
  equation: string;
  initial: string;
}

/**
 * One group per equation × initial condition that a dataset's metadata tells apart, in order of
 * first appearance; the whole dataset as one 'unknown' group when there is no metadata.
 */
export function datasetGroups(meta: DatasetMeta | undefined, count: number): LabelledGroup[] {
  const labelled = (equation: string, initial: string, trajectories: number[]) => ({
    id: `${equation}/${initial}`,
    equation,
    initial,
    trajectories,
  });
  const all = Array.from({ length: count }, (_, i) => i);
  if (!meta) return [labelled('unknown', 'unknown', all)];
  if (!meta.mix) return [labelled(meta.equation, meta.initial ?? 'unknown', all)];
  const groups = new Map<string, LabelledGroup>();
  meta.mix.index.slice(0, count).forEach((c, n) => {
    const component = meta.mix!.components[c]!;
    const group = labelled(component.equation, component.initial ?? 'unknown', []);
    const found = groups.get(group.id) ?? group;
    groups.set(group.id, found);
    found.trajectories.push(n);
  });
  return [...groups.values()];
}

/** The listed trajectories of a dataset, copied into a dataset of their own. */
export function pickTrajectories(
  dataset: TrajectoryArray,
  trajectories: number[],
): TrajectoryArray {
  const [, T, X, Y, C] = dataset.shape;
  const size = T * X * Y * C;
  const data = new Float32Array(trajectories.length * size);
  trajectories.forEach((n, i) =>
    data.set(dataset.data.subarray(n * size, (n + 1) * size), i * size),
  );
  return { data, shape: [trajectories.length, T, X, Y, C] };
}
