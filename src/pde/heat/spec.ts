/** Heat equation: the info plus its solvers. */
import { createHeatFtcsSolver } from './ftcsSolver';
import { createHeatSpectralSolver } from './spectralSolver';
import { batchCoefficient } from '../coefficients';
import { halfMeanSquare } from '../measures';
import type { PdeSpec } from '../types';
import { heatInfo, type heatParams } from './info';

export const heatSpec: PdeSpec<typeof heatParams> = {
  ...heatInfo,
  measure: halfMeanSquare,
  createSolver: (setup) => {
    const nu = batchCoefficient(setup, 'nu', 'heat equation');
    switch (setup.scheme) {
      case 'spectral':
        return createHeatSpectralSolver(setup.grid, nu);
      case 'ftcs':
        return createHeatFtcsSolver(setup.grid, nu);
      default:
        throw new Error(
          `Unknown heat-equation scheme "${setup.scheme}"; expected one of: spectral, ftcs.`,
        );
    }
  },
};
