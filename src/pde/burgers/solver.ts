/** Builds a batched Burgers solver for one grid and scheme. */
import type { Solver, SolverSetup } from '../types';
import { batchCoefficient } from '../coefficients';
import { createSpectralSolver } from './spectralScheme';
import { createUpwindSolver } from './upwindScheme';

export const BURGERS_SCHEMES = ['spectral', 'upwind'] as const;
export type BurgersScheme = (typeof BURGERS_SCHEMES)[number];

export function createBurgersSolver(setup: SolverSetup): Solver {
  const { scheme } = setup;
  if (scheme !== 'spectral' && scheme !== 'upwind') {
    throw new Error(
      `Unknown Burgers scheme "${scheme}"; expected one of ${BURGERS_SCHEMES.join(', ')}.`,
    );
  }
  const coefficient = (name: string) => batchCoefficient(setup, name, 'Burgers equation');
  const values = { nu: coefficient('nu'), cx: coefficient('cx'), cy: coefficient('cy') };
  return scheme === 'spectral'
    ? createSpectralSolver(setup.grid, values)
    : createUpwindSolver(setup.grid, values);
}
