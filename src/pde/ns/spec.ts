/** Navier–Stokes: the info plus its solvers. */
import * as tf from '@tensorflow/tfjs';
import { createSpectral2D } from '../spectral';
import type { PdeSpec } from '../types';
import { navierStokesInfo, type navierStokesParams } from './info';
import { createNavierStokesSolver } from './solver';
import { energyAndEnstrophy, velocityFromVorticity } from './vorticity';

export const navierStokesSpec: PdeSpec<typeof navierStokesParams> = {
  ...navierStokesInfo,
  velocity: (state, setup) => {
    const spectral = createSpectral2D(setup.grid);
    try {
      return velocityFromVorticity(state, spectral);
    } finally {
      spectral.dispose();
    }
  },
  measure: (state, setup) => {
    const spectral = createSpectral2D(setup.grid);
    try {
      const { energy, enstrophy } = energyAndEnstrophy(state, spectral);
      const both = tf.stack([energy, enstrophy], 1) as tf.Tensor2D;
      tf.dispose([energy, enstrophy]);
      return both;
    } finally {
      spectral.dispose();
    }
  },
  createSolver: createNavierStokesSolver,
};
