/** Wave equation: the info plus its solvers. */
import { laplacian5Symbol } from '../stencils';
import { createWaveLeapfrogSolver } from './leapfrogSolver';
import { createWavePropagatorSolver, fourierLaplacianSymbol } from './propagatorSolver';
import { batchCoefficient } from '../coefficients';
import type { PdeSpec } from '../types';
import { waveInfo, type waveParams } from './info';

export const waveSpec: PdeSpec<typeof waveParams> = {
  ...waveInfo,
  createSolver: (setup) => {
    const coefficients = {
      c: batchCoefficient(setup, 'c', 'wave equation'),
      gamma: batchCoefficient(setup, 'gamma', 'wave equation'),
    };
    switch (setup.scheme) {
      case 'spectral':
        return createWavePropagatorSolver(
          setup.grid,
          coefficients,
          fourierLaplacianSymbol(setup.grid),
        );
      case 'leapfrog':
        return createWaveLeapfrogSolver(setup.grid, coefficients);
      case 'fd-exact':
        return createWavePropagatorSolver(setup.grid, coefficients, laplacian5Symbol(setup.grid));
      default:
        throw new Error(
          `Unknown wave-equation scheme "${setup.scheme}"; expected one of: spectral, leapfrog, fd-exact.`,
        );
    }
  },
};
