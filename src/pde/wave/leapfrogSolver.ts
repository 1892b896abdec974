/**
 * Damped wave equation by the 5-point Laplacian and Störmer–Verlet (leapfrog) in velocity form,
 * carrying (u, u_t). The damping is taken at the half step,
 *   v^{n+½} = (v^n + ½Δt·c²Δ_h u^n) / (1 + γΔt/2)
 *   u^{n+1} = u^n + Δt·v^{n+½}
 *   v^{n+1} = v^{n+½} + ½Δt·(c²Δ_h u^{n+1} − γv^{n+½}),
 * which makes u^n exactly the classic damped leapfrog
 *   (1 + γΔt/2)u^{n+1} = 2u^n − (1 − γΔt/2)u^{n−1} + Δt²c²Δ_h u^n:
 * second order, symplectic when γ = 0, stable for cΔt/Δx ≤ 1/√2.
 */
import * as tf from '@tensorflow/tfjs';
import { gridSpacing, type Grid } from '../grid';
import { laplacian5 } from '../stencils';
import type { Solver } from '../types';
import type { WaveCoefficients } from './propagatorSolver';

export function createWaveLeapfrogSolver(grid: Grid, { c, gamma }: WaveCoefficients): Solver {
  const { n } = grid;
  const h = gridSpacing(grid);
  const batch = c.length;
  const perTrajectory = (values: Float32Array) => tf.keep(tf.tensor4d(values, [batch, 1, 1, 1]));
  const cSquared = perTrajectory(c.map((value) => value * value));
  const damping = perTrajectory(gamma);
  const cMax = c.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
  // The checkerboard has ω_h = c·√8/h, and leapfrog needs ω_hΔt ≤ 2 (damping only helps).
  const limit = cMax > 0 ? h / (Math.SQRT2 * cMax) : Infinity;

  return {
    exact: false,
    stableDt: () => Promise.resolve(limit),
    advance: (state, dt) =>
      tf.tidy(() => {
        const u = state.slice([0, 0, 0, 0], [batch, n, n, 1]);
        const v = state.slice([0, 0, 0, 1], [batch, n, n, 1]);
        const acceleration = (field: tf.Tensor4D) => laplacian5(field, h).mul(cSquared);
        const vHalf = v.add(acceleration(u).mul(dt / 2)).div(damping.mul(dt / 2).add(1));
        const u1 = u.add(vHalf.mul(dt)) as tf.Tensor4D;
        const v1 = vHalf.add(
          acceleration(u1)
            .sub(vHalf.mul(damping))
            .mul(dt / 2),
        );
        return tf.concat([u1, v1], 3) as tf.Tensor4D;
      }),
    dispose: () => tf.dispose([cSquared, damping]),
  };
}
