/**
 * The known flow of a swirl dataset's trajectory, rebuilt from its metadata: the coefficients
 * (speed, modes, flowSeed) stored per trajectory fix the velocity exactly (pde/swirl/flow.ts),
 * so a model's estimated flow can be compared with the truth.
 */
import { cellsPerFrame, swirlVelocityField, type VelocityField } from '../pde/swirl/flow';
import type { DatasetMeta } from './io/meta';

export type VelocityUnits =
  /** Length units per time unit (box sides per time unit on the swirl's unit square). */
  | 'physical'
  /** Grid cells per recorded frame: velocity × record interval × N / L, an optical flow's units. */
  | 'cells-per-frame';

/**
 * Trajectory `trajectory`'s true velocity on the dataset's grid: u along axis X (the first
 * spatial axis of [N, T, X, Y, C]) and v along Y, each X·Y values, x-major. Content moves
 * towards +(u, v): frame t+1 at x is about frame t at x − (u, v)·Δt. Throws when the trajectory
 * is not one of the swirl equation's.
 */
export function trueVelocity(
  meta: Pick<DatasetMeta, 'equation' | 'grid' | 'times' | 'coefficients' | 'mix'>,
  trajectory: number,
  units: VelocityUnits = 'physical',
): VelocityField {
  const equation = meta.mix
    ? meta.mix.components[meta.mix.index[trajectory] ?? -1]?.equation
    : meta.equation;
  if (equation !== 'swirl') {
    throw new RangeError(
      `Trajectory ${trajectory} is ${equation === undefined ? 'not in the dataset' : `of "${equation}"`}: only the swirl equation has a known flow.`,
    );
  }
  // The solver received the coefficients as float32: use exactly the numbers it used.
  const coefficient = (name: string) => {
    const value = meta.coefficients[name]?.[trajectory];
    if (value === undefined || Number.isNaN(value)) {
      throw new RangeError(`Trajectory ${trajectory} has no "${name}" coefficient.`);
    }
    return Math.fround(value);
  };
  const field = swirlVelocityField(
    { speed: coefficient('speed'), modes: coefficient('modes'), flowSeed: coefficient('flowSeed') },
    meta.grid,
  );
  if (units === 'physical') return field;
  if (meta.times.length < 2) {
    throw new RangeError('Cells per frame need at least two frames (a record interval).');
  }
  return cellsPerFrame(field, meta.grid, meta.times[1]! - meta.times[0]!);
}
