/**
 * What each arm of the time-stepping experiment conditions the stepper on: nothing, the frozen
 * MAE encoder's CLS output for the current window (re-encoded at every step), or the
 * trajectory's true scaled coefficients with a mask of which ones it has (the oracle).
 */
import * as tf from '@tensorflow/tfjs';
import { maeEncode, type MaeModel } from '../model';
import type { CoefficientTargets } from './coefficients';

export const STEPPER_ARMS = ['none', 'mae', 'coefficients'] as const;
export type StepperArm = (typeof STEPPER_ARMS)[number];

export interface Conditioner {
  /** Features per window (0: unconditioned). */
  readonly dim: number;
  /** Features [B, dim] of windows [B, T, S, S, C] cut from `trajectories`; undefined for none. */
  features(windows: tf.Tensor, trajectories: readonly number[]): tf.Tensor2D | undefined;
}

export const noCondition: Conditioner = { dim: 0, features: () => undefined };

/**
 * The frozen encoder's CLS output. Frozen because the training loop differentiates only the
 * stepper's variables, and the encoder's input (a data window) does not depend on them.
 */
export function maeCondition(model: MaeModel): Conditioner {
  return {
    dim: model.config.width,
    features: (windows) => tf.tidy(() => maeEncode(model, windows).cls),
  };
}

/** Each trajectory's scaled coefficient values followed by its presence flags, [N, 2·slots]. */
export function coefficientFeatures(
  targets: Pick<CoefficientTargets, 'values' | 'present' | 'slots'>,
) {
  const slots = targets.slots.length;
  const count = targets.values.length / slots;
  const data = new Float32Array(count * 2 * slots);
  for (let n = 0; n < count; n++) {
    data.set(targets.values.subarray(n * slots, (n + 1) * slots), n * 2 * slots);
    data.set(targets.present.subarray(n * slots, (n + 1) * slots), n * 2 * slots + slots);
  }
  return { data, dim: 2 * slots };
}

/** The oracle: a trajectory's features, whatever the window. */
export function coefficientCondition(features: { data: Float32Array; dim: number }): Conditioner {
  const { data, dim } = features;
  return {
    dim,
    features: (_windows, trajectories) => {
      const rows = new Float32Array(trajectories.length * dim);
      trajectories.forEach((n, i) => rows.set(data.subarray(n * dim, (n + 1) * dim), i * dim));
      return tf.tensor2d(rows, [trajectories.length, dim]);
    },
  };
}
