/** Builds a batched Navier–Stokes (vorticity form) solver for one grid, scheme and forcing. */
import * as tf from '@tensorflow/tfjs';
import { gridSpacing } from '../grid';
import { createSpectral2D, type Complex, type Spectral2D } from '../spectral';
import type { Solver, SolverSetup } from '../types';
import { batchCoefficient } from '../coefficients';
import { checkedDt } from './checkedDt';
import { coefficientTensor } from './coefficients';
import { createFnoStepper } from './fnoScheme';
import { forcingValues, isNsForcing, NS_FORCINGS, type NsForcing } from './forcing';
import { createIfrk4Stepper } from './ifrk4Scheme';
import type { NsOperators } from './operators';
import { speedStatistics } from './stability';
import { createVelocitySymbols, squeezeChannel } from './vorticity';

export const NS_SCHEMES = ['fno', 'ifrk4'] as const;
export type NsScheme = (typeof NS_SCHEMES)[number];

export interface NavierStokesSolverSetup extends SolverSetup {
  /**
   * A static forcing field [N, N] or [B, N, N] that replaces the named one (manufactured
   * solutions in tests). The solver keeps only its spectrum; the caller still owns the tensor.
   */
  forcingField?: tf.Tensor2D | tf.Tensor3D;
  /** −1 flips the sign of u·∇ω. Only for proving that a test would catch a sign error. */
  advectionSign?: 1 | -1;
}

export function createNavierStokesSolver(setup: NavierStokesSolverSetup): Solver {
  const scheme = setup.scheme;
  if (!(NS_SCHEMES as readonly string[]).includes(scheme)) {
    throw new Error(
      `Unknown Navier–Stokes scheme "${scheme}"; expected one of ${NS_SCHEMES.join(', ')}.`,
    );
  }
  const forcing = setup.options.forcing ?? 'fno';
  if (!isNsForcing(forcing)) {
    throw new Error(
      `Unknown Navier–Stokes forcing "${String(forcing)}"; expected one of ${NS_FORCINGS.join(', ')}.`,
    );
  }
  const nuValues = batchCoefficient(setup, 'nu', 'Navier–Stokes equation');
  const { grid } = setup;

  const spectral = createSpectral2D(grid);
  const ops: NsOperators = {
    spectral,
    velocity: createVelocitySymbols(spectral),
    nu: coefficientTensor(nuValues),
    forcingHat: setup.forcingField
      ? fieldSpectrum(spectral, setup.forcingField)
      : namedForcingSpectrum(spectral, forcing),
    advectionSign: setup.advectionSign ?? 1,
  };
  const stepper =
    scheme === 'fno' ? createFnoStepper(ops, nuValues, gridSpacing(grid)) : createIfrk4Stepper(ops);

  return {
    exact: false,
    async stableDt(state) {
      return stepper.stableDt(await speedStatistics(state, spectral, ops.velocity));
    },
    advance(state, dt) {
      checkedDt(dt);
      return tf.tidy(() => {
        const omegaHat = spectral.forward(squeezeChannel(state));
        return spectral.inverse(stepper.step(omegaHat, dt)).expandDims(3) as tf.Tensor4D;
      });
    },
    dispose() {
      tf.dispose([ops.velocity.u, ops.velocity.v, ops.nu]);
      if (ops.forcingHat) tf.dispose([ops.forcingHat.re, ops.forcingHat.im]);
      stepper.dispose();
      spectral.dispose();
    },
  };
}

function fieldSpectrum(spectral: Spectral2D, field: tf.Tensor2D | tf.Tensor3D): Complex {
  return tf.tidy(() => {
    const batched = field.rank === 2 ? field.expandDims(0) : field;
    const { re, im } = spectral.forward(batched as tf.Tensor3D);
    return { re, im };
  });
}

function namedForcingSpectrum(spectral: Spectral2D, forcing: NsForcing): Complex | null {
  const { grid } = spectral;
  const values = forcingValues(forcing, grid);
  if (!values) return null;
  return tf.tidy(() => {
    const { re, im } = spectral.forward(tf.tensor3d(values, [1, grid.n, grid.n]));
    return { re, im };
  });
}
