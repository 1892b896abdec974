/** Burgers: the info plus its solvers. */
import type { PdeSpec } from '../types';
import { burgersInfo, type burgersParams } from './info';
import { createBurgersSolver } from './solver';

export const burgersSpec: PdeSpec<typeof burgersParams> = {
  ...burgersInfo,
  createSolver: createBurgersSolver,
};
