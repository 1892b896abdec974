/** Heat equation by the exact per-mode propagator û ← e^{−ν|k|²Δt} û: exact for any Δt. */
import * as tf from '@tensorflow/tfjs';
import type { Grid } from '../grid';
import { createSpectral2D, scaleSpectrum } from '../spectral';
import type { Solver } from '../types';

/** `nu` holds one diffusivity per trajectory. */
export function createHeatSpectralSolver(grid: Grid, nu: Float32Array): Solver {
  const { n } = grid;
  const batch = nu.length;
  const spectral = createSpectral2D(grid);
  const nuK2 = tf.keep(tf.tidy(() => tf.tensor3d(nu, [batch, 1, 1]).mul(spectral.k2)));

  return {
    exact: true,
    stableDt: () => Promise.resolve(Infinity),
    advance: (state, dt) =>
      tf.tidy(() => {
        const decay = tf.exp(nuK2.mul(-dt));
        const spectrum = spectral.forward(state.reshape([batch, n, n]));
        return spectral.inverse(scaleSpectrum(spectrum, decay)).reshape([batch, n, n, 1]);
      }),
    dispose: () => {
      nuK2.dispose();
      spectral.dispose();
    },
  };
}
