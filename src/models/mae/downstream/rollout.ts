/**
 * Autoregressive rollout of a time-stepper: from each trajectory's true first window, predict
 * the next window, feed it back (re-conditioning on it), and so on to the end of the trajectory;
 * then the relative L2 error of each chunk of T frames, averaged over trajectories.
 */
import * as tf from '@tensorflow/tfjs';
import { windowAt, type WindowSource } from '../windows';
import { applyStepper, type Stepper } from '../../nn/fnoStepper';
import type { Conditioner } from './stepperConditioning';

/** Frames [start, end) predicted by one step of the rollout. */
export interface RolloutChunk {
  start: number;
  end: number;
}

/** The chunks after the first window; the last one is cut short where the trajectory ends. */
export function rolloutChunks(frames: number, window: number): RolloutChunk[] {
  const chunks: RolloutChunk[] = [];
  for (let start = window; start < frames; start += window) {
    chunks.push({ start, end: Math.min(start + window, frames) });
  }
  return chunks;
}

export interface RolloutOptions {
  /** Trajectories rolled out together (default 16). */
  batchSize?: number;
  /** Awaited between steps (the job's ctx.step, so Stop works). */
  yieldStep?: () => Promise<void>;
}

/**
 * Predicted frames T…end of each trajectory, [trajectories, frames − T, S, S, C] in the order
 * given. Each window is conditioned on itself, as MAE-PDE re-encodes at every step.
 */
export async function rollout(
  model: Stepper,
  conditioner: Conditioner,
  source: WindowSource,
  trajectories: readonly number[],
  options: RolloutOptions = {},
): Promise<Float32Array> {
  const { window, frames, size, channels } = source;
  const frameValues = size * size * channels;
  const horizon = frames - window;
  const out = new Float32Array(trajectories.length * horizon * frameValues);
  const chunks = rolloutChunks(frames, window);
  const batchSize = options.batchSize ?? 16;
  for (let first = 0; first < trajectories.length; first += batchSize) {
    const group = trajectories.slice(first, first + batchSize);
    const start = new Float32Array(group.length * window * frameValues);
    group.forEach((n, i) => start.set(windowAt(source, n, 0), i * window * frameValues));
    let current: tf.Tensor = tf.tensor(start, [group.length, window, size, size, channels]);
    try {
      for (const chunk of chunks) {
        await options.yieldStep?.();
        const input = current;
        const next = tf.tidy(() => applyStepper(model, input, conditioner.features(input, group)));
        current = next;
        input.dispose();
        const values = await next.data<'float32'>();
        const kept = (chunk.end - chunk.start) * frameValues;
        group.forEach((_, i) => {
          const at = ((first + i) * horizon + chunk.start - window) * frameValues;
          out.set(values.subarray(i * window * frameValues, i * window * frameValues + kept), at);
        });
      }
    } finally {
      current.dispose();
    }
  }
  return out;
}

/**
 * Relative L2 ‖pred − truth‖ / ‖truth‖ over each chunk's frames (all points and channels), for
 * every trajectory: errors[trajectory][chunk].
 */
export function chunkErrorsByTrajectory(
  source: WindowSource,
  trajectories: readonly number[],
  predictions: Float32Array,
): number[][] {
  const { window, frames, size, channels } = source;
  const frameValues = size * size * channels;
  const horizon = frames - window;
  if (predictions.length !== trajectories.length * horizon * frameValues) {
    throw new RangeError(
      `${predictions.length} predicted values do not cover ${trajectories.length} trajectories × ${horizon} frames.`,
    );
  }
  const chunks = rolloutChunks(frames, window);
  return trajectories.map((n, i) =>
    chunks.map((chunk) => {
      let diff = 0;
      let norm = 0;
      const truthAt = (n * frames + chunk.start) * frameValues;
      const predAt = (i * horizon + chunk.start - window) * frameValues;
      const count = (chunk.end - chunk.start) * frameValues;
      for (let k = 0; k < count; k++) {
        const t = source.data[truthAt + k]!;
        const d = predictions[predAt + k]! - t;
        diff += d * d;
        norm += t * t;
      }
      return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
    }),
  );
}

/** The mean over trajectories of each chunk's relative L2 error. */
export function meanChunkErrors(errors: readonly (readonly number[])[]): number[] {
  if (errors.length === 0) return [];
  return errors[0]!.map((_, k) => errors.reduce((sum, row) => sum + row[k]!, 0) / errors.length);
}
