/**
 * Navier–Stokes solver steps per second: the FNO scheme (Crank–Nicolson diffusion, explicit
 * advection, 2/3 dealiasing) on a batch of Gaussian-random-field vorticities, built as the dataset
 * builder builds it, with ν = 1e-3 and Δt = 1e-3 as bench/python/navier_stokes.py takes them. Two
 * untimed steps, then as many as fit in the cap, read back once at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { initialConditionTensor } from '../../../src/pde/initial/tensor';
import { pdeSpec } from '../../../src/pde/registry';
import { now, repetitions, round } from './timing';

export interface NsFigure {
  n: number;
  batch: number;
  scheme: 'fno';
  steps: number;
  stepsPerSecond: number;
  msPerStep: number;
}

export async function measureNsSteps(
  n: number,
  batch: number,
  capSeconds: number,
  maxSteps = 50,
): Promise<NsFigure> {
  const spec = pdeSpec('ns');
  const grid = { n, ...spec.domain };
  const solver = spec.createSolver({
    grid,
    scheme: 'fno',
    batch,
    coefficients: { nu: new Float32Array(batch).fill(1e-3) },
    options: {},
  });
  let state = initialConditionTensor(spec.defaultInitialCondition, {
    grid,
    seeds: Array.from({ length: batch }, (_, i) => i + 1),
  });
  const advance = (steps: number) => {
    for (let i = 0; i < steps; i++) {
      const next = solver.advance(state, 1e-3);
      state.dispose();
      state = next;
    }
  };
  const sync = async () => {
    const one = tf.tidy(() => state.slice([0, 0, 0, 0], [1, 1, 1, 1]));
    await one.data();
    one.dispose();
  };
  try {
    advance(1);
    await sync();
    let started = now();
    advance(1);
    await sync();
    const steps = repetitions(now() - started, capSeconds, maxSteps);
    started = now();
    advance(steps);
    await sync();
    const ms = (now() - started) / steps;
    return {
      n,
      batch,
      scheme: 'fno',
      steps,
      stepsPerSecond: round(1000 / ms),
      msPerStep: round(ms, 4),
    };
  } finally {
    state.dispose();
    solver.dispose();
  }
}
