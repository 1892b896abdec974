import type { SolverSetup } from './types';

/** The per-trajectory values of one coefficient, checked against the batch size. */
export function batchCoefficient(setup: SolverSetup, name: string, equation: string): Float32Array {
  const values = setup.coefficients[name];
  if (!values || values.length !== setup.batch) {
    throw new Error(
      `The ${equation} needs ${setup.batch} values of "${name}" (one per trajectory), got ${values?.length ?? 'none'}.`,
    );
  }
  return values;
}
