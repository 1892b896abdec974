/**
 * Advection u_t + a·∇u = 0 by the exact Fourier phase shift û ← e^{−i(k·a)Δt} û, i.e.
 * u(x, t + Δt) = u(x − aΔt, t): exact for band-limited fields and any Δt.
 */
import * as tf from '@tensorflow/tfjs';
import { integerWavenumbers, type Grid } from '../grid';
import { complexMul, createSpectral2D, type Complex } from '../spectral';
import type { Solver } from '../types';

export interface AdvectionVelocity {
  /** Velocity components per trajectory. */
  ax: Float32Array;
  ay: Float32Array;
}

export function createAdvectionSpectralSolver(grid: Grid, { ax, ay }: AdvectionVelocity): Solver {
  const { n } = grid;
  const batch = ax.length;
  const spectral = createSpectral2D(grid);
  const m = integerWavenumbers(n);

  /**
   * e^{−i k_m a_b Δt} per trajectory b and integer wavenumber m. The phase is reduced modulo 2π
   * in float64 (it counts the periods crossed, m·aΔt/L), so long jumps stay exact in float32.
   */
  const axisPhases = (velocity: Float32Array, dt: number) => {
    const re = new Float32Array(batch * n);
    const im = new Float32Array(batch * n);
    for (let b = 0; b < batch; b++) {
      const cycles = (velocity[b]! * dt) / grid.length;
      for (let i = 0; i < n; i++) {
        const turns = m[i]! * cycles;
        const angle = -2 * Math.PI * (turns - Math.round(turns));
        re[b * n + i] = Math.cos(angle);
        im[b * n + i] = Math.sin(angle);
      }
    }
    return { re, im };
  };

  return {
    exact: true,
    stableDt: () => Promise.resolve(Infinity),
    advance: (state, dt) => {
      const px = axisPhases(ax, dt);
      const py = axisPhases(ay, dt);
      return tf.tidy(() => {
        // The 2-D phase factor is separable: [B, N, 1] (along x) times [B, 1, N] (along y).
        const alongX: Complex = {
          re: tf.tensor3d(px.re, [batch, n, 1]),
          im: tf.tensor3d(px.im, [batch, n, 1]),
        };
        const alongY: Complex = {
          re: tf.tensor3d(py.re, [batch, 1, n]),
          im: tf.tensor3d(py.im, [batch, 1, n]),
        };
        const spectrum = spectral.forward(state.reshape([batch, n, n]));
        // The inverse keeps only the real part: a Nyquist mode, which cannot carry a sub-cell
        // shift, keeps the cosine of its phase.
        const shifted = complexMul(complexMul(spectrum, alongX), alongY);
        return spectral.inverse(shifted).reshape([batch, n, n, 1]) as tf.Tensor4D;
      });
    },
    dispose: () => spectral.dispose(),
  };
}
