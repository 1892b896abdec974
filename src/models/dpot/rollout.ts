/**
 * DPOT's inference (methods §2d; official train_temporal.py:259–272): feed the first T_in true
 * frames, predict the next, drop the oldest frame, append the prediction, repeat. No noise.
 * Errors are relative L2 (the training loss's SimpleLpLoss, utils/criterion.py:52–59): per
 * rollout step, over the whole horizon (the official "l2 full", train_temporal.py:277), and the
 * horizon at which the per-step error first exceeds a threshold (methods §2g, Claim A).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrajectoryArray } from '../../data/trajectories';
import { dpotForward, type DpotModel } from './model';
import { relativeL2PerSample } from './loss';

/** One autoregressive step: the last T_in frames [B, T_in, H, W, C] → the next [B, H, W, C]. */
export type DpotStep = (window: tf.Tensor5D) => tf.Tensor4D;

export function dpotStep(model: DpotModel): DpotStep {
  return (window) => dpotForward(model, window);
}

/**
 * `steps` predicted frames [B, steps, H, W, C] from the initial window [B, T_in, H, W, C], each
 * step reading the last T_in frames, predictions included.
 */
export function rolloutFrames(step: DpotStep, initial: tf.Tensor5D, steps: number): tf.Tensor5D {
  if (!(Number.isInteger(steps) && steps >= 1)) {
    throw new RangeError(`A rollout needs a whole number of steps ≥ 1 (got ${steps}).`);
  }
  const [b, t, h, w, c] = initial.shape;
  const frames: tf.Tensor[] = [];
  let window = initial;
  try {
    for (let k = 0; k < steps; k++) {
      const next = tf.tidy(() => step(window).reshape([b, 1, h, w, c]));
      frames.push(next);
      const slid = tf.tidy(
        () =>
          tf.concat([window.slice([0, 1, 0, 0, 0], [b, t - 1, h, w, c]), next], 1) as tf.Tensor5D,
      );
      if (window !== initial) window.dispose();
      window = slid;
    }
    return tf.concat(frames, 1) as tf.Tensor5D;
  } finally {
    if (window !== initial) window.dispose();
    tf.dispose(frames);
  }
}

/** Per-step relative L2, [K]: the mean over samples of each step's error, as numbers. */
export function relativeL2PerStep(prediction: tf.Tensor5D, truth: tf.Tensor5D): number[] {
  const [b, k, h, w, c] = truth.shape;
  // Steps into the batch: [B·K, H, W, C], then back to [B, K].
  const flat = (x: tf.Tensor5D) => x.reshape([b * k, h, w, c]);
  const errors = tf.tidy(() =>
    relativeL2PerSample(flat(prediction), flat(truth)).reshape([b, k]).mean(0),
  );
  const values = Array.from(errors.dataSync());
  errors.dispose();
  return values;
}

/** The first step (1-based) whose error exceeds `threshold` (default 0.5), or null. */
export function errorHorizon(errors: readonly number[], threshold = 0.5): number | null {
  const at = errors.findIndex((e) => e > threshold || Number.isNaN(e));
  return at < 0 ? null : at + 1;
}

export interface DpotRolloutEvaluation {
  /** Mean relative L2 of each predicted step (step 1 first). */
  perStep: number[];
  /** Mean relative L2 over the whole horizon: norms over (T, H, W) per channel (official "full"). */
  full: number;
  /** First step whose error exceeds the threshold, or null. */
  horizon: number | null;
  /** Trajectories evaluated. */
  count: number;
}

/** Why these trajectories cannot be rolled out `steps` steps, in words; undefined when they can. */
export function rolloutProblem(
  set: TrajectoryArray,
  spec: { inputFrames: number; size: number; channels: number },
  steps: number,
): string | undefined {
  const [N, T, X, Y, C] = set.shape;
  if (N < 1) return 'There is no trajectory to roll out.';
  if (X !== spec.size || Y !== spec.size || C > spec.channels) {
    return `DPOT reads ${spec.size} × ${spec.size} × ${spec.channels} frames; these are ${X} × ${Y} × ${C}.`;
  }
  if (T < spec.inputFrames + steps) {
    return `A ${steps}-step rollout from ${spec.inputFrames} frames needs trajectories of ${spec.inputFrames + steps} frames; these have ${T}.`;
  }
  return undefined;
}

/**
 * Rolls out the first `count` trajectories (default all) `steps` steps from their first T_in
 * frames, `batchSize` at a time, and scores them against the true frames. A set with fewer
 * channels than the model is read padded with ones (DPOT's pad_data) and scored on its own
 * channels only: a padded channel is trivially predicted and would halve the error.
 */
export function evaluateDpotRollout(
  model: DpotModel,
  set: TrajectoryArray,
  options: { steps: number; count?: number; batchSize?: number; threshold?: number },
  step: DpotStep = dpotStep(model),
): DpotRolloutEvaluation {
  const { inputFrames: tIn, size } = model.config;
  const { steps } = options;
  const problem = rolloutProblem(set, { inputFrames: tIn, size, channels: model.channels }, steps);
  if (problem) throw new RangeError(problem);
  const [N, T, X, Y, C] = set.shape;
  const count = Math.min(options.count ?? N, N);
  const batchSize = Math.max(1, options.batchSize ?? 8);
  const frame = X * Y * C;
  const perStep = new Float64Array(steps);
  let full = 0;
  for (let first = 0; first < count; first += batchSize) {
    const b = Math.min(batchSize, count - first);
    const take = (from: number, frames: number) => {
      const out = new Float32Array(b * frames * frame);
      for (let i = 0; i < b; i++) {
        const at = ((first + i) * T + from) * frame;
        out.set(set.data.subarray(at, at + frames * frame), i * frames * frame);
      }
      return tf.tensor5d(out, [b, frames, X, Y, C]);
    };
    const initial = padWithOnes(take(0, tIn), model.channels);
    const truth = take(tIn, steps);
    const rolled = rolloutFrames(step, initial, steps);
    const predicted = rolled.slice([0, 0, 0, 0, 0], [b, steps, X, Y, C]);
    rolled.dispose();
    relativeL2PerStep(predicted, truth).forEach((e, k) => (perStep[k] = perStep[k]! + e * b));
    full += tf.tidy(() => relativeL2PerSample(predicted, truth).sum().dataSync()[0]!);
    tf.dispose([initial, truth, predicted]);
  }
  const errors = Array.from(perStep, (e) => e / count);
  return {
    perStep: errors,
    full: full / count,
    horizon: errorHorizon(errors, options.threshold),
    count,
  };
}

/** x [..., C] with ones appended up to `channels` channels; x itself when it has them all. */
function padWithOnes(x: tf.Tensor5D, channels: number): tf.Tensor5D {
  const [b, t, h, w, c] = x.shape;
  if (c === channels) return x;
  const padded = tf.tidy(
    () => tf.concat([x, tf.ones([b, t, h, w, channels - c])], 4) as tf.Tensor5D,
  );
  x.dispose();
  return padded;
}

/**
 * Rollout errors of several sets (a mix's equations, each on its own channels), up to
 * `countPerSet` trajectories of each (default all), averaged over all trajectories scored.
 */
export function evaluateDpotRollouts(
  model: DpotModel,
  sets: readonly TrajectoryArray[],
  options: { steps: number; countPerSet?: number; batchSize?: number },
): { perStep: number[]; full: number; count: number } {
  const perStep = new Array<number>(options.steps).fill(0);
  let full = 0;
  let count = 0;
  for (const set of sets) {
    const evaluation = evaluateDpotRollout(model, set, {
      steps: options.steps,
      ...(options.countPerSet !== undefined ? { count: options.countPerSet } : {}),
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    });
    evaluation.perStep.forEach((e, k) => (perStep[k] = perStep[k]! + e * evaluation.count));
    full += evaluation.full * evaluation.count;
    count += evaluation.count;
  }
  return { perStep: perStep.map((e) => e / count), full: full / count, count };
}
