/**
 * Values that are not finite numbers (NaN, +Infinity, −Infinity) in a [N, T, X, Y, C] dataset:
 * found once on import, kept with the saved dataset, and the reason no model trains on it.
 */
import type { Float32NdArray } from './ndarray';
import { formatCount } from './text';

export interface NonFiniteReport {
  nan: number;
  positiveInfinity: number;
  negativeInfinity: number;
  /** The trajectories (indices along N, from 0 as in the preview) holding at least one. */
  trajectories: number[];
}

/** Scans the whole array; undefined when every value is a finite number. */
export function findNonFinite({ data, shape }: Float32NdArray): NonFiniteReport | undefined {
  const perTrajectory = shape.slice(1).reduce((a, b) => a * b, 1);
  let nan = 0;
  let positiveInfinity = 0;
  let negativeInfinity = 0;
  const trajectories: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value - value === 0) continue; // finite (NaN and ±Infinity give NaN)
    if (Number.isNaN(value)) nan += 1;
    else if (value > 0) positiveInfinity += 1;
    else negativeInfinity += 1;
    const trajectory = perTrajectory > 0 ? Math.floor(i / perTrajectory) : 0;
    if (trajectories.at(-1) !== trajectory) trajectories.push(trajectory);
  }
  return trajectories.length === 0
    ? undefined
    : { nan, positiveInfinity, negativeInfinity, trajectories };
}

export function nonFiniteCount(report: NonFiniteReport): number {
  return report.nan + report.positiveInfinity + report.negativeInfinity;
}

/** Trajectories named in a message, at most this many; the rest are counted. */
const NAMED_TRAJECTORIES = 8;

/**
 * "12 values are not finite numbers (10 NaN, 2 +Infinity), in trajectories 3 and 7 (of 20,
 * numbered from 0)": how many, of which kind, and where, for a person deciding what to fix.
 */
export function describeNonFinite(report: NonFiniteReport, trajectoryCount: number): string {
  const count = nonFiniteCount(report);
  const kinds = [
    report.nan > 0 ? `${formatCount(report.nan)} NaN` : '',
    report.positiveInfinity > 0 ? `${formatCount(report.positiveInfinity)} +Infinity` : '',
    report.negativeInfinity > 0 ? `${formatCount(report.negativeInfinity)} −Infinity` : '',
  ].filter((kind) => kind !== '');
  const { trajectories } = report;
  const named = trajectories.slice(0, NAMED_TRAJECTORIES).map(formatCount);
  const more = trajectories.length - named.length;
  const where =
    trajectories.length === 1
      ? `trajectory ${named[0]}`
      : more > 0
        ? `${formatCount(trajectories.length)} trajectories: ${named.join(', ')} and ${formatCount(more)} more`
        : `trajectories ${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  const what =
    count === 1
      ? '1 value is not a finite number'
      : `${formatCount(count)} values are not finite numbers`;
  return `${what} (${kinds.join(', ')}), in ${where} (of ${formatCount(trajectoryCount)}, numbered from 0)`;
}

/** What to do about it, for the import message and the Train panel. */
export const NON_FINITE_ADVICE =
  'Replace them in the file (in Python: np.nan_to_num(u), or drop those trajectories) and ' +
  'import it again.';

/** Why a dataset with such values cannot be trained on; undefined when it can. */
export function nonFiniteTrainingProblem(meta: {
  nonFinite?: NonFiniteReport;
  split: { train: number; val: number; test: number };
}): string | undefined {
  if (!meta.nonFinite) return undefined;
  const { train, val, test } = meta.split;
  return (
    `This dataset cannot be trained on: ${describeNonFinite(meta.nonFinite, train + val + test)}, ` +
    `and a model learns nothing from them. ${NON_FINITE_ADVICE}`
  );
}

/** Throws, in words, when no model may train on the dataset (it holds NaN or ±Infinity). */
export function checkTrainable(meta: Parameters<typeof nonFiniteTrainingProblem>[0]): void {
  const problem = nonFiniteTrainingProblem(meta);
  if (problem) throw new Error(problem);
}

/** Checks a stored report (from IndexedDB) and returns a clean copy; throws when it is malformed. */
export function parseNonFiniteReport(value: unknown): NonFiniteReport {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  const { nan, positiveInfinity, negativeInfinity, trajectories } = record;
  if (
    !count(nan) ||
    !count(positiveInfinity) ||
    !count(negativeInfinity) ||
    !Array.isArray(trajectories) ||
    !trajectories.every(count)
  ) {
    throw new Error('the dataset’s record of non-finite values is malformed');
  }
  return { nan, positiveInfinity, negativeInfinity, trajectories: trajectories.slice() };
}
