/**
 * MAE-PDE's finite-difference Burgers scheme: first-order upwind advection, 5-point diffusion,
 * explicit Euler. (MAE's released script picks the difference direction from the signs of cx, cy
 * only, so where u or v < 0 it differences downwind and relies on diffusion for stability; here
 * the direction follows the local velocity, which is what "upwind" means.)
 */
import * as tf from '@tensorflow/tfjs';
import { gridSpacing, type Grid } from '../grid';
import type { Solver } from '../types';
import {
  advectingVelocity,
  createAdvectionWeights,
  maxAdvectionSpeed,
  type AdvectionWeights,
} from './advectionSpeed';
import { checkedDt } from '../ns/checkedDt';
import {
  createPeriodicShifts,
  disposeShifts,
  laplacian5,
  upwindAdvection,
  type PeriodicShifts,
} from './stencils';

/** One explicit Euler step of the state [B, N, N, 2] = (u, v); ν is [B, 1, 1, 1]. */
export function upwindStep(
  state: tf.Tensor4D,
  dt: number,
  nu: tf.Tensor4D,
  weights: AdvectionWeights,
  shifts: PeriodicShifts,
  h: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [a, b] = advectingVelocity(state, weights);
    const advection = upwindAdvection(state, a, b, shifts, h);
    return state.add(
      nu
        .mul(laplacian5(state, shifts, h))
        .sub(advection)
        .mul(dt),
    );
  });
}

/**
 * The update is a positive combination of neighbouring values (hence a max principle, hence
 * stability) when Δt·((|cx u| + |cy v|)/h + 4ν/h²) ≤ 1.
 */
export function upwindStableDt(maxSpeed: Float32Array, nu: Float32Array, h: number): number {
  let rate = 0;
  for (let b = 0; b < nu.length; b++) {
    rate = Math.max(rate, maxSpeed[b]! / h + (4 * nu[b]!) / (h * h));
  }
  return 1 / rate;
}

export function createUpwindSolver(
  grid: Grid,
  values: { nu: Float32Array; cx: Float32Array; cy: Float32Array },
): Solver {
  const h = gridSpacing(grid);
  const nu = tf.tensor4d(values.nu, [values.nu.length, 1, 1, 1]);
  const weights = createAdvectionWeights(values.cx, values.cy);
  const shifts = createPeriodicShifts(grid.n);
  return {
    exact: false,
    stableDt: async (state) =>
      upwindStableDt(await maxAdvectionSpeed(state, weights), values.nu, h),
    advance: (state, dt) => upwindStep(state, checkedDt(dt), nu, weights, shifts, h),
    dispose() {
      tf.dispose([nu, weights.x, weights.y]);
      disposeShifts(shifts);
    },
  };
}
