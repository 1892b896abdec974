/** Wave equation: the info plus its solvers. */
import { laplacian5Symbol, roll } from '../stencils';
import { createWaveLeapfrogSolver } from './leapfrogSolver';
import { createWavePropagatorSolver, fourierLaplacianSymbol } from './propagatorSolver';
import * as tf from '@tensorflow/tfjs';
import { batchCoefficient } from '../coefficients';
import type { PdeSpec } from '../types';
import { waveInfo, type waveParams } from './info';

export const waveSpec: PdeSpec<typeof waveParams> = {
  ...waveInfo,
  measure: (state, setup) =>
    tf.tidy(() => {
      const h = setup.grid.length / setup.grid.n;
      const c = tf.tensor(batchCoefficient(setup, 'c', 'wave equation'), [setup.batch, 1, 1]);
      const [u, ut] = tf.split(state, 2, 3).map((t) => t.squeeze([3]));
      const ux = roll(u!, -1, 1)
        .sub(roll(u!, 1, 1))
        .div(2 * h);
      const uy = roll(u!, -1, 2)
        .sub(roll(u!, 1, 2))
        .div(2 * h);
      const density = ut!.square().add(c.square().mul(ux.square().add(uy.square())));
      return density.mean([1, 2]).mul(0.5).expandDims(1) as tf.Tensor2D;
    }),
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
