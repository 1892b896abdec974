/** Helpers for DPOT's tests: a translating-pattern problem and float32-aware finite differences. */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../pde/random';

/**
 * `count` windows of a smooth periodic pattern (three random Fourier modes per channel) that
 * moves one point along x per frame: inputs [count, frames, size, size, channels] and the frame
 * after them, [count, size, size, channels].
 */
export function translatingWindows(
  count: number,
  frames: number,
  size: number,
  channels: number,
  seed: number,
): { x: tf.Tensor5D; y: tf.Tensor4D } {
  const rng = createRng(seed);
  const perFrame = size * size * channels;
  const all = new Float32Array(count * (frames + 1) * perFrame);
  for (let n = 0; n < count; n++) {
    const modes = Array.from({ length: 3 * channels }, () => ({
      kx: rng.integer(1, 2),
      ky: rng.integer(0, 2),
      amplitude: rng.uniformIn(0.3, 1),
      phase: rng.uniformIn(0, 2 * Math.PI),
    }));
    for (let f = 0; f <= frames; f++) {
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          for (let c = 0; c < channels; c++) {
            let v = 0;
            for (const m of modes.slice(3 * c, 3 * c + 3)) {
              const angle = (2 * Math.PI * (m.kx * (i - f) + m.ky * j)) / size + m.phase;
              v += m.amplitude * Math.cos(angle);
            }
            all[(((n * (frames + 1) + f) * size + i) * size + j) * channels + c] = v;
          }
        }
      }
    }
  }
  return tf.tidy(() => {
    const window = tf.tensor5d(all, [count, frames + 1, size, size, channels]);
    return {
      x: window.slice([0, 0, 0, 0, 0], [count, frames, size, size, channels]) as tf.Tensor5D,
      y: window
        .slice([0, frames, 0, 0, 0], [count, 1, size, size, channels])
        .reshape([count, size, size, channels]) as tf.Tensor4D,
    };
  });
}

/**
 * Central differences of a scalar loss for the chosen entries of a variable. The step is the one
 * float32 really takes, fround(p + h) − fround(p − h): for large entries (DPOT's time frequencies
 * reach 2¹⁰) it differs from 2h by up to a percent.
 */
export function finiteDifferences(
  variable: tf.Variable,
  loss: () => tf.Scalar,
  entries: readonly number[],
  h: number,
): number[] {
  const original = (variable.dataSync() as Float32Array).slice();
  const evaluate = (values: Float32Array) => {
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    return tf.tidy(() => loss().dataSync()[0]!);
  };
  const probe = original.slice();
  const out = entries.map((i) => {
    const [up, down] = [Math.fround(original[i]! + h), Math.fround(original[i]! - h)];
    probe[i] = up;
    const lossUp = evaluate(probe);
    probe[i] = down;
    const lossDown = evaluate(probe);
    probe[i] = original[i]!;
    return (lossUp - lossDown) / (up - down);
  });
  evaluate(original);
  return out;
}

/** Up to `count` entry indices: the largest-magnitude one of `gradient`, then seeded picks. */
export function probeEntries(gradient: Float32Array, count: number, seed: number): number[] {
  if (gradient.length <= count) return Array.from({ length: gradient.length }, (_, i) => i);
  let largest = 0;
  for (let i = 1; i < gradient.length; i++) {
    if (Math.abs(gradient[i]!) > Math.abs(gradient[largest]!)) largest = i;
  }
  const rng = createRng(seed);
  const picks = new Set([largest]);
  while (picks.size < count) picks.add(rng.integer(0, gradient.length - 1));
  return [...picks];
}

/**
 * `count` trajectories of `frames` frames of the translating pattern (one point along x per
 * frame), as a TrajectoryArray [count, frames, size, size, channels].
 */
export function translatingTrajectories(
  count: number,
  frames: number,
  size: number,
  channels: number,
  seed: number,
): { data: Float32Array; shape: [number, number, number, number, number] } {
  const { x, y } = translatingWindows(count, frames - 1, size, channels, seed);
  const data = tf.tidy(
    () => tf.concat([x, y.reshape([count, 1, size, size, channels])], 1).dataSync() as Float32Array,
  );
  tf.dispose([x, y]);
  return { data: Float32Array.from(data), shape: [count, frames, size, size, channels] };
}
