/**
 * Transport u_t + a·∇u = 0 by a given time-independent, divergence-free velocity a(x) per
 * trajectory: pseudo-spectral derivatives, products formed on the grid, classical RK4 in time.
 *
 * The transport term is written in skew-symmetric form, a·∇u = ½[a·∇u + ∇·(a u)] (equal when
 * ∇·a = 0). With the real spectral derivative D (its Nyquist row is zero, so D is skew-symmetric)
 * the discrete operator is skew-adjoint whatever the aliasing of the products: Σu² is conserved
 * by the space discretisation exactly, and Σu as far as the sampled a is divergence-free (to
 * round-off for a band-limited a). RK4 then loses only O((|λ|Δt)⁶) of Σu² per step.
 */
import * as tf from '@tensorflow/tfjs';
import type { Grid } from '../grid';
import { inverseMany } from '../ns/batchedTransforms';
import { checkedDt } from '../ns/checkedDt';
import { RK4_IMAGINARY_LIMIT } from '../ns/ifrk4Scheme';
import {
  addSpectra,
  createSpectral2D,
  derivative,
  type Complex,
  type Spectral2D,
} from '../spectral';
import type { Solver } from '../types';
import type { VelocityField } from './flow';

/** Velocity tensors [B, N, N] per component (a_x along axis 1, a_y along axis 2). */
export interface VelocityTensors {
  u: tf.Tensor3D;
  v: tf.Tensor3D;
}

/** −½[a·∇w + ∇·(a w)] for fields w [B, N, N]. Call inside tf.tidy. */
export function transportTendency(
  w: tf.Tensor3D,
  a: VelocityTensors,
  spectral: Spectral2D,
): tf.Tensor3D {
  // One forward transform of (w; a_x w; a_y w) stacked along the batch axis, one inverse of
  // (∂x w; ∂y w; ∂x(a_x w) + ∂y(a_y w)).
  const stacked = spectral.forward(tf.concat([w, a.u.mul(w), a.v.mul(w)], 0) as tf.Tensor3D);
  const re = tf.split(stacked.re, 3, 0) as tf.Tensor3D[];
  const im = tf.split(stacked.im, 3, 0) as tf.Tensor3D[];
  const part = (k: number): Complex => ({ re: re[k]!, im: im[k]! });
  const [dx, dy, divergence] = inverseMany(spectral, [
    derivative(part(0), spectral.kx),
    derivative(part(0), spectral.ky),
    addSpectra(derivative(part(1), spectral.kx), derivative(part(2), spectral.ky)),
  ]);
  return a.u.mul(dx!).add(a.v.mul(dy!)).add(divergence!).mul(-0.5) as tf.Tensor3D;
}

/** One classical RK4 step of w [B, N, N]. Call inside tf.tidy. */
export function transportRk4Step(
  w: tf.Tensor3D,
  dt: number,
  a: VelocityTensors,
  spectral: Spectral2D,
): tf.Tensor3D {
  const f = (x: tf.Tensor3D) => transportTendency(x, a, spectral);
  const k1 = f(w);
  const k2 = f(w.add(k1.mul(dt / 2)));
  const k3 = f(w.add(k2.mul(dt / 2)));
  const k4 = f(w.add(k3.mul(dt)));
  return w.add(
    k1
      .add(k2.mul(2))
      .add(k3.mul(2))
      .add(k4)
      .mul(dt / 6),
  ) as tf.Tensor3D;
}

/**
 * The largest stable Δt: the operator's norm is at most k_max·(max|a_x| + max|a_y|) with
 * k_max = πN/L, and RK4 is stable on the imaginary axis up to 2√2. Infinity for a = 0.
 */
export function transportStableDt(
  grid: Grid,
  velocity: VelocityField<ArrayLike<number>>,
  batch: number,
): number {
  const cells = grid.n * grid.n;
  let fastest = 0;
  for (let b = 0; b < batch; b++) {
    let maxU = 0;
    let maxV = 0;
    for (let p = b * cells; p < (b + 1) * cells; p++) {
      maxU = Math.max(maxU, Math.abs(velocity.u[p]!));
      maxV = Math.max(maxV, Math.abs(velocity.v[p]!));
    }
    fastest = Math.max(fastest, maxU + maxV);
  }
  const kMax = (Math.PI * grid.n) / grid.length;
  return fastest > 0 ? RK4_IMAGINARY_LIMIT / (kMax * fastest) : Infinity;
}

/**
 * A solver for states [B, N, N, 1] moved by the velocity `velocity` (u and v each [B, N, N],
 * x-major per trajectory, length units per time unit).
 */
export function createTransportSolver(grid: Grid, velocity: VelocityField): Solver {
  const { n } = grid;
  const cells = n * n;
  if (velocity.u.length % cells !== 0 || velocity.u.length !== velocity.v.length) {
    throw new RangeError(`The velocity must hold B·${n}·${n} values per component.`);
  }
  const batch = velocity.u.length / cells;
  const stableDt = transportStableDt(grid, velocity, batch);
  const spectral = createSpectral2D(grid);
  const a: VelocityTensors = {
    u: tf.tensor3d(velocity.u, [batch, n, n]),
    v: tf.tensor3d(velocity.v, [batch, n, n]),
  };
  return {
    exact: false,
    stableDt: () => Promise.resolve(stableDt),
    advance(state, dt) {
      checkedDt(dt);
      if (state.shape[0] !== batch || state.shape[3] !== 1) {
        throw new RangeError(
          `This solver moves ${batch} one-channel trajectories; the state is [${state.shape.join(', ')}].`,
        );
      }
      return tf.tidy(() => {
        const w = state.reshape([batch, n, n]) as tf.Tensor3D;
        return transportRk4Step(w, dt, a, spectral).reshape([batch, n, n, 1]) as tf.Tensor4D;
      });
    },
    dispose() {
      tf.dispose([a.u, a.v]);
      spectral.dispose();
    },
  };
}
