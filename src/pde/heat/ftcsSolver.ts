/**
 * Heat equation by FTCS: the 5-point Laplacian and forward Euler, the scheme of MAE-PDE's heat
 * data. First order in time, second in space; stable for νΔt/Δx² ≤ 1/4.
 */
import * as tf from '@tensorflow/tfjs';
import { gridSpacing, type Grid } from '../grid';
import { laplacian5 } from '../stencils';
import type { Solver } from '../types';

/** `nu` holds one diffusivity per trajectory. */
export function createHeatFtcsSolver(grid: Grid, nu: Float32Array): Solver {
  const h = gridSpacing(grid);
  const nuPerTrajectory = tf.keep(tf.tensor4d(nu, [nu.length, 1, 1, 1]));
  const nuMax = nu.reduce((a, b) => Math.max(a, b), 0);
  // The checkerboard mode has Δ_h-eigenvalue −8/h², so 1 − 8νΔt/h² ≥ −1 needs Δt ≤ h²/(4ν).
  const limit = nuMax > 0 ? (h * h) / (4 * nuMax) : Infinity;

  return {
    exact: false,
    stableDt: () => Promise.resolve(limit),
    advance: (state, dt) =>
      tf.tidy(() => state.add(laplacian5(state, h).mul(nuPerTrajectory.mul(dt)))),
    dispose: () => nuPerTrajectory.dispose(),
  };
}
