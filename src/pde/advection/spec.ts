/** Advection equation: the info plus its solvers. */
import { createAdvectionSpectralSolver } from './spectralSolver';
import { batchCoefficient } from '../coefficients';
import { halfMeanSquare } from '../measures';
import type { PdeSpec } from '../types';
import { advectionInfo, type advectionParams } from './info';

export const advectionSpec: PdeSpec<typeof advectionParams> = {
  ...advectionInfo,
  measure: halfMeanSquare,
  createSolver: (setup) => {
    if (setup.scheme !== 'spectral') {
      throw new Error(
        `Unknown advection-equation scheme "${setup.scheme}"; expected one of: spectral.`,
      );
    }
    return createAdvectionSpectralSolver(setup.grid, {
      ax: batchCoefficient(setup, 'ax', 'advection equation'),
      ay: batchCoefficient(setup, 'ay', 'advection equation'),
    });
  },
};
