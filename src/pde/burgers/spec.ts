/** Burgers: the info plus its solvers. */
import { halfMeanSquare } from '../measures';
import type { PdeSpec } from '../types';
import { burgersInfo, type burgersParams } from './info';
import { createBurgersSolver } from './solver';

export const burgersSpec: PdeSpec<typeof burgersParams> = {
  ...burgersInfo,
  measure: halfMeanSquare,
  // The state is the velocity itself.
  velocity: (state) => state.clone(),
  createSolver: createBurgersSolver,
};
