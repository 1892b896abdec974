/** Navier–Stokes: the info plus its solvers. */
import type { PdeSpec } from '../types';
import { navierStokesInfo, type navierStokesParams } from './info';
import { createNavierStokesSolver } from './solver';

export const navierStokesSpec: PdeSpec<typeof navierStokesParams> = {
  ...navierStokesInfo,
  createSolver: createNavierStokesSolver,
};
