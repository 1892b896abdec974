/** What the dataset preview says about one trajectory: split, coefficients and, in a mix, equation. */
import type { DatasetMeta, DatasetSplit } from '../../../data/io/meta';
import { PDE_CATALOG } from '../../../pde/catalog';
import { formatValue } from '../../format';

export type SplitName = keyof DatasetSplit;

export const SPLIT_LABELS: Record<SplitName, string> = {
  train: 'train',
  val: 'validation',
  test: 'test',
};

export interface TrajectoryInfo {
  index: number;
  split: SplitName;
  /** The coefficients this trajectory's equation uses, in meta order. */
  coefficients: { name: string; value: number }[];
  /** Only for mixed datasets: the trajectory's equation, by title when the lab knows it. */
  equation?: string;
}

/** Which split the trajectory belongs to: train, val and test are stored in that order along N. */
export function splitOf(index: number, split: DatasetSplit): SplitName {
  if (index < split.train) return 'train';
  if (index < split.train + split.val) return 'val';
  return 'test';
}

/** A PDE's title when the lab knows the id, else the id itself. */
export function equationTitle(id: string): string {
  return Object.hasOwn(PDE_CATALOG, id) ? PDE_CATALOG[id as keyof typeof PDE_CATALOG].title : id;
}

export function trajectoryInfo(meta: DatasetMeta, index: number): TrajectoryInfo {
  const coefficients: TrajectoryInfo['coefficients'] = [];
  for (const [name, values] of Object.entries(meta.coefficients)) {
    const value = values[index];
    // NaN marks a coefficient the trajectory's equation does not have.
    if (value !== undefined && !Number.isNaN(value)) coefficients.push({ name, value });
  }
  const info: TrajectoryInfo = { index, split: splitOf(index, meta.split), coefficients };
  const component = meta.mix?.index[index];
  const equation = component === undefined ? undefined : meta.mix?.components[component];
  if (equation) info.equation = equationTitle(equation.equation);
  return info;
}

/** `nu = 0.01, D = 2` */
export function formatCoefficients(coefficients: TrajectoryInfo['coefficients']): string {
  return coefficients.map(({ name, value }) => `${name} = ${formatValue(value)}`).join(', ');
}

/** The full sentence a screen reader hears for a thumbnail. */
export function describeTrajectory(info: TrajectoryInfo): string {
  const parts = [`Trajectory ${info.index}`, `${SPLIT_LABELS[info.split]} split`];
  if (info.equation) parts.push(info.equation);
  if (info.coefficients.length > 0) parts.push(formatCoefficients(info.coefficients));
  return parts.join(', ');
}
