/**
 * The data a student can build: every equation × initial condition the Data panel offers, each
 * from the panel's defaults (grid, frames, record interval, coefficient ranges) with only the
 * equation and the initial condition changed. The MAE is pretrained on it and scored on it.
 */
import type { TrajectoryGroup } from '../evaluation';
import { createWindowSource, type TrajectoryArray } from '../windows';
import { generateDataset, type GeneratedDataset } from '../../../data/generate';
import { PDE_CATALOG } from '../../../pde/catalog';
import { INITIAL_CONDITION_IDS } from '../../../pde/initial/registry';
import type { PdeId } from '../../../pde/types';
import {
  dataPanelRequest,
  type ClassroomGroup,
  type ClassroomSizes,
} from '../../../cli/dataPanelRequest';

export type { ClassroomGroup, ClassroomSizes } from '../../../cli/dataPanelRequest';
export { dataPanelRequest as classroomRequest } from '../../../cli/dataPanelRequest';

export const CLASSROOM_GROUPS: readonly ClassroomGroup[] = (
  Object.keys(PDE_CATALOG) as PdeId[]
).flatMap((equation) => INITIAL_CONDITION_IDS.map((initial) => ({ equation, initial })));

/**
 * How a group's seed follows from the base seed: 'as-built' is what the Data panel does (every
 * group of seed 0 is exactly what a student builds from the defaults); 'distinct' gives group k
 * seed 1000·seed + k, so that training groups share no random initial state with each other or
 * with any seed a student types.
 */
export type ClassroomSeeding = 'as-built' | 'distinct';

export interface ClassroomDataset extends ClassroomGroup {
  dataset: GeneratedDataset;
}

/** Builds every group in turn; `progress` gets (groups done, groups). */
export async function generateClassroomData(
  sizes: ClassroomSizes,
  seeding: ClassroomSeeding,
  groups: readonly ClassroomGroup[] = CLASSROOM_GROUPS,
  progress: (done: number, total: number, group: ClassroomGroup) => void = () => {},
): Promise<ClassroomDataset[]> {
  const out: ClassroomDataset[] = [];
  for (const [k, group] of groups.entries()) {
    progress(k, groups.length, group);
    const seed = seeding === 'distinct' ? 1000 * sizes.seed + k : sizes.seed;
    const dataset = await generateDataset(dataPanelRequest(group, { ...sizes, seed }));
    out.push({ ...group, dataset });
  }
  progress(groups.length, groups.length, groups[groups.length - 1]!);
  return out;
}

/** What the model trains on and is scored on: every group's first channel on the model's grid. */
export interface ClassroomCorpus {
  trajectories: TrajectoryArray;
  /** Group k holds trajectories groups[k].trajectories of the corpus. */
  groups: (ClassroomGroup & TrajectoryGroup)[];
}

/** All groups' trajectories, cut to channel 0 and Fourier-resampled to `size`², in one array. */
export function classroomCorpus(
  datasets: readonly ClassroomDataset[],
  size: number,
): ClassroomCorpus {
  const frames = datasets[0]?.dataset.shape[1] ?? 0;
  const parts = datasets.map(({ dataset }) => {
    if (dataset.shape[1] !== frames)
      throw new RangeError('Every group needs the same frame count.');
    return createWindowSource(dataset, { size, frames }, 1);
  });
  const total = parts.reduce((sum, part) => sum + part.trajectories, 0);
  const data = new Float32Array(total * frames * size * size);
  const groups: ClassroomCorpus['groups'] = [];
  let first = 0;
  parts.forEach((part, k) => {
    data.set(part.data, first * frames * size * size);
    const { equation, initial } = datasets[k]!;
    const trajectories = Array.from({ length: part.trajectories }, (_, i) => first + i);
    groups.push({ equation, initial, id: `${equation}/${initial}`, trajectories });
    first += part.trajectories;
  });
  return { trajectories: { data, shape: [total, frames, size, size, 1] }, groups };
}
