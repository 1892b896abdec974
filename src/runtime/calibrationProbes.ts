/**
 * The two small workloads the automatic backend choice times: one training step of a tiny
 * attention + MLP block with Adam (matmul-heavy, forward and backward), and one Navier–Stokes step
 * of the lab's own solver on a small batch. Each probe lives on the backend active when it was
 * created and must be disposed on it.
 */
import * as tf from '@tensorflow/tfjs';
import { pdeSpec } from '../pde/registry';
import type { Solver } from '../pde/types';

export interface CalibrationProbe {
  /** One step; resolves once its result has been read back, so the time is the real cost. */
  run(): Promise<void>;
  dispose(): void;
}

const TOKENS = 32;
const SEQUENCES = 4;
const WIDTH = 32;

/** One Adam step of single-head attention + a residual MLP on [4, 32, 32] tokens. */
export function createTrainingProbe(): CalibrationProbe {
  const rows = SEQUENCES * TOKENS;
  const init = (shape: [number, number], seed: number) =>
    tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 1 / Math.sqrt(shape[0]), 'float32', seed)));
  const weights = [
    init([WIDTH, 3 * WIDTH], 1),
    init([WIDTH, WIDTH], 2),
    init([WIDTH, 4 * WIDTH], 3),
    init([4 * WIDTH, WIDTH], 4),
  ];
  const [wQkv, wOut, wUp, wDown] = weights as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const input = tf.randomNormal([rows, WIDTH], 0, 1, 'float32', 5);
  const target = tf.randomNormal([rows, WIDTH], 0, 1, 'float32', 6);
  const optimizer = tf.train.adam(1e-3);

  const loss = (): tf.Scalar => {
    const [q, k, v] = tf
      .split(tf.matMul(input, wQkv), 3, 1)
      .map((t) => t.reshape([SEQUENCES, TOKENS, WIDTH])) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    const scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(WIDTH));
    const attended = tf.matMul(tf.softmax(scores), v).reshape([rows, WIDTH]);
    const mixed = tf.add(input, tf.matMul(attended, wOut));
    const out = tf.add(mixed, tf.matMul(tf.relu(tf.matMul(mixed, wUp)), wDown));
    return tf.losses.meanSquaredError(target, out) as tf.Scalar;
  };

  return {
    async run() {
      const cost = optimizer.minimize(loss, true, weights);
      try {
        await cost?.data();
      } finally {
        cost?.dispose();
      }
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([...weights, input, target]);
    },
  };
}

const SOLVER_GRID = 32;
const SOLVER_BATCH = 4;

/** One step of the Navier–Stokes solver (its default scheme) on 4 fields of 32², as datasets use it. */
export function createSolverProbe(): CalibrationProbe {
  const spec = pdeSpec('ns');
  const coefficients: Record<string, Float32Array> = {};
  const options: Record<string, string | boolean> = {};
  for (const [name, param] of Object.entries(spec.params)) {
    if (param.kind === 'number')
      coefficients[name] = new Float32Array(SOLVER_BATCH).fill(param.default);
    else options[name] = param.default;
  }
  const solver: Solver = spec.createSolver({
    grid: { n: SOLVER_GRID, length: spec.domain.length, origin: spec.domain.origin },
    scheme: spec.defaultScheme,
    batch: SOLVER_BATCH,
    coefficients,
    options,
  });
  const state = tf.randomNormal(
    [SOLVER_BATCH, SOLVER_GRID, SOLVER_GRID, spec.channels.length],
    0,
    1,
    'float32',
    7,
  ) as tf.Tensor4D;
  return {
    async run() {
      const next = solver.advance(state, spec.defaultDt);
      try {
        await next.data();
      } finally {
        next.dispose();
      }
    },
    dispose() {
      solver.dispose();
      state.dispose();
    },
  };
}
