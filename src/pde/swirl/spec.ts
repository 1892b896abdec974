/** Advection by a swirling flow: the info plus its solver, measures and true velocity. */
import * as tf from '@tensorflow/tfjs';
import { batchCoefficient } from '../coefficients';
import type { PdeSpec, SolverSetup } from '../types';
import { swirlVelocityField, type VelocityField } from './flow';
import { swirlInfo, type swirlParams } from './info';
import { createTransportSolver } from './solver';

const EQUATION = 'swirl equation';

/** Each trajectory's velocity from its coefficients, concatenated: u and v each [B, N, N]. */
export function batchVelocity(setup: SolverSetup): VelocityField {
  const speed = batchCoefficient(setup, 'speed', EQUATION);
  const modes = batchCoefficient(setup, 'modes', EQUATION);
  const flowSeed = batchCoefficient(setup, 'flowSeed', EQUATION);
  const cells = setup.grid.n * setup.grid.n;
  const u = new Float32Array(setup.batch * cells);
  const v = new Float32Array(setup.batch * cells);
  for (let b = 0; b < setup.batch; b++) {
    const field = swirlVelocityField(
      { speed: speed[b]!, modes: modes[b]!, flowSeed: flowSeed[b]! },
      setup.grid,
    );
    u.set(field.u, b * cells);
    v.set(field.v, b * cells);
  }
  return { u, v };
}

/** The live view asks for the velocity every frame: keep the last one, it rarely changes. */
let lastVelocity: { key: string; data: Float32Array } | undefined;

/** batchVelocity as [B, N, N, 2] (a_x, a_y) values. */
function interleavedVelocity(setup: SolverSetup): Float32Array {
  const { grid, batch, coefficients } = setup;
  const key = JSON.stringify([
    grid,
    batch,
    ...['speed', 'modes', 'flowSeed'].map((name) => Array.from(coefficients[name] ?? [])),
  ]);
  if (lastVelocity?.key !== key) {
    const { u, v } = batchVelocity(setup);
    const data = new Float32Array(2 * u.length);
    for (let p = 0; p < u.length; p++) {
      data[2 * p] = u[p]!;
      data[2 * p + 1] = v[p]!;
    }
    lastVelocity = { key, data };
  }
  return lastVelocity.data;
}

export const swirlSpec: PdeSpec<typeof swirlParams> = {
  ...swirlInfo,
  createSolver: (setup) => {
    if (setup.scheme !== 'spectral') {
      throw new Error(
        `Unknown swirl-equation scheme "${setup.scheme}"; expected one of: spectral.`,
      );
    }
    return createTransportSolver(setup.grid, batchVelocity(setup));
  },
  /** [mean ⟨u⟩, ½⟨u²⟩] per trajectory: both conserved by the flow. */
  measure: (state) =>
    tf.tidy(() => {
      const u = state.sum(3);
      return tf.stack([u.mean([1, 2]), u.square().mean([1, 2]).mul(0.5)], 1) as tf.Tensor2D;
    }),
  velocity: (state, setup) => {
    const batch = state.shape[0];
    const { n } = setup.grid;
    // A copy: a backend may keep the array, and a worker may transfer the frame's buffer.
    return tf.tensor4d(interleavedVelocity({ ...setup, batch }).slice(), [batch, n, n, 2]);
  },
};
