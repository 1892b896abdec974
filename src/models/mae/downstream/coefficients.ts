/**
 * The regression targets of MAE-PDE's first downstream task: each trajectory's coefficients
 * (heat ν; advection a_x, a_y; Burgers ν, c_x, c_y), min-max scaled to [0, 1] by the range the
 * generator draws them from, so every coefficient weighs the same in the loss. A head predicts
 * one value per slot (the distinct coefficient names); a trajectory's equation sets which slots
 * it has, and ν is scaled by its own equation's range.
 */
import type { DatasetMeta } from '../../../data/io/meta';
import { PDE_CATALOG } from '../../../pde/catalog';
import type { PdeId } from '../../../pde/types';

/** One equation's coefficient, the unit a per-coefficient R² is reported for. */
export interface CoefficientColumn {
  equation: string;
  /** The coefficient's name in the dataset, e.g. 'nu'. */
  name: string;
  /** Index of its slot in the head's output. */
  slot: number;
  /** e.g. 'heat ν'. */
  label: string;
  /** What [0, 1] maps back to. */
  range: readonly [number, number];
}

export interface CoefficientTargets {
  /** The head's outputs: the distinct coefficient names in first-seen order. */
  slots: string[];
  /** [N, slots]: scaled values, 0 where the trajectory's equation lacks the coefficient. */
  values: Float32Array;
  /** [N, slots]: 1 where the trajectory has the coefficient, else 0. */
  present: Float32Array;
  columns: CoefficientColumn[];
  /** Each trajectory's equation id. */
  equations: string[];
}

/** What the targets read from a dataset's metadata. */
export type TargetMeta = Pick<DatasetMeta, 'equation' | 'coefficients' | 'mix'>;

const SYMBOLS: Record<string, string> = { nu: 'ν', ax: 'a_x', ay: 'a_y', cx: 'c_x', cy: 'c_y' };

/** Equation ids as a sentence names them ('Burgers' is a name). */
const equationTitle = (equation: string) => (equation === 'burgers' ? 'Burgers' : equation);

/**
 * The range that scales `name` of `equation`: the generator's dataset range when the equation is
 * the lab's and names one, else the parameter's bounds, else the values' own min and max.
 */
export function coefficientRange(
  equation: string,
  name: string,
  observed: readonly number[] = [],
): readonly [number, number] {
  if (Object.hasOwn(PDE_CATALOG, equation)) {
    const param = PDE_CATALOG[equation as PdeId].params[name];
    if (param?.kind === 'number') return param.datasetRange ?? [param.min, param.max];
  }
  const finite = observed.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  return [Math.min(...finite), Math.max(...finite)];
}

export function scaleCoefficient(value: number, range: readonly [number, number]): number {
  const [low, high] = range;
  return high > low ? (value - low) / (high - low) : 0;
}

export function unscaleCoefficient(scaled: number, range: readonly [number, number]): number {
  const [low, high] = range;
  return low + scaled * (high - low);
}

/** Every trajectory's equation: from the mix, or the dataset's one equation. */
export function trajectoryEquations(meta: TargetMeta, count: number): string[] {
  const mix = meta.mix;
  if (!mix) return Array.from({ length: count }, () => meta.equation);
  return mix.index.slice(0, count).map((c) => mix.components[c]!.equation);
}

/** The scaled targets of a dataset's N trajectories. Throws when it records no coefficient. */
export function coefficientTargets(meta: TargetMeta, count: number): CoefficientTargets {
  const equations = trajectoryEquations(meta, count);
  const names = Object.keys(meta.coefficients).filter((name) =>
    meta.coefficients[name]!.slice(0, count).some(Number.isFinite),
  );
  if (names.length === 0) {
    throw new RangeError('This dataset records no coefficient to regress.');
  }
  const columns: CoefficientColumn[] = [];
  const rangeOf = new Map<string, readonly [number, number]>();
  for (const equation of [...new Set(equations)]) {
    names.forEach((name, slot) => {
      const observed = meta.coefficients[name]!.filter((_, n) => equations[n] === equation);
      if (!observed.some(Number.isFinite)) return;
      const range = coefficientRange(equation, name, observed);
      rangeOf.set(`${equation}\u0000${name}`, range);
      columns.push({
        equation,
        name,
        slot,
        label: `${equationTitle(equation)} ${SYMBOLS[name] ?? name}`,
        range,
      });
    });
  }
  const values = new Float32Array(count * names.length);
  const present = new Float32Array(count * names.length);
  for (let n = 0; n < count; n++) {
    names.forEach((name, slot) => {
      const value = meta.coefficients[name]![n];
      const range = rangeOf.get(`${equations[n]}\u0000${name}`);
      if (value === undefined || !Number.isFinite(value) || !range) return;
      values[n * names.length + slot] = scaleCoefficient(value, range);
      present[n * names.length + slot] = 1;
    });
  }
  return { slots: names, values, present, columns, equations };
}
