/**
 * The grid baseline of DINo's claim (methods §3g): a small FNO that steps a whole frame forward,
 * trained on the same sparse observations zero-filled (the observation mask is the same for every
 * trajectory and frame, so a mask channel would carry nothing a sample does not already have),
 * with its loss on the observed points only, since nothing else is known. At test time it rolls
 * out from the zero-filled first frame, feeding back its own prediction on the observed points.
 * Being a grid model it has no answer off the grid; between observed points it answers whatever
 * its convolution-like layers produce.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrajectoryArray } from '../../data/trajectories';
import { createRng, seedFor } from '../../pde/random';
import { applyStepper, createStepper, type Stepper } from '../nn/fnoStepper';
import { createTraining, type TrainingHooks } from '../nn/training';

const BATCH_STREAM = 0xb45e;

export interface GridBaselineOptions {
  train: TrajectoryArray;
  /** 1 where a point of the X × Y grid is observed. */
  mask: Uint8Array;
  /** Frames of each training trajectory it learns from (DINo's training horizon). */
  trainFrames: number;
  steps: number;
  batchSize: number;
  lr: number;
  seed: number;
  width?: number;
  modes?: number;
  blocks?: number;
  /** The generic training's hooks: yieldStep to report progress and stop. */
  hooks?: TrainingHooks;
}

export interface GridBaseline {
  readonly stepper: Stepper;
  readonly mask: Uint8Array;
  /** Forecasts [N, T, X, Y, C] of every trajectory from its zero-filled first frame. */
  forecast(test: TrajectoryArray): Promise<Float32Array>;
  dispose(): void;
}

/** Frame t of trajectory n, zero off the mask: [X, Y, C] values. */
function maskedFrame(set: TrajectoryArray, n: number, t: number, mask: Uint8Array): Float32Array {
  const [, T, X, Y, C] = set.shape;
  const size = X * Y * C;
  const frame = set.data.slice((n * T + t) * size, (n * T + t + 1) * size);
  for (let p = 0; p < X * Y; p++) if (!mask[p]) frame.fill(0, p * C, (p + 1) * C);
  return frame;
}

export async function trainGridBaseline(options: GridBaselineOptions): Promise<GridBaseline> {
  const { train, mask, trainFrames, batchSize } = options;
  const [N, T, X, Y, C] = train.shape;
  if (X !== Y) throw new RangeError('The grid baseline needs a square grid.');
  if (trainFrames < 2 || trainFrames > T) {
    throw new RangeError(`The grid baseline needs 2…${T} training frames, not ${trainFrames}.`);
  }
  const stepper = createStepper(
    {
      frames: 1,
      channels: C,
      size: X,
      width: options.width ?? 24,
      modes: options.modes ?? 8,
      blocks: options.blocks ?? 4,
      embedDim: 1,
      conditionDim: 0,
    },
    options.seed,
  );
  const weights = tf.tensor(
    Float32Array.from({ length: X * Y * C }, (_, i) => mask[Math.floor(i / C)]!),
    [1, 1, X, Y, C],
  );
  const observed = mask.reduce((sum, m) => sum + m, 0) * C;
  const batch = (index: number) => {
    const rng = createRng(seedFor(options.seed, index, BATCH_STREAM));
    const inputs = new Float32Array(batchSize * X * Y * C);
    const targets = new Float32Array(batchSize * X * Y * C);
    for (let b = 0; b < batchSize; b++) {
      const n = rng.integer(0, N - 1);
      const t = rng.integer(0, trainFrames - 2);
      inputs.set(maskedFrame(train, n, t, mask), b * X * Y * C);
      targets.set(maskedFrame(train, n, t + 1, mask), b * X * Y * C);
    }
    return { inputs, targets };
  };
  const trainable = {
    modelId: 'dino-grid-baseline',
    modelVersion: 1,
    params: stepper.params,
    checkpointConfig: () => ({}),
    resumeProblem: () => 'The grid baseline is not resumed.',
    step: {
      kind: 'loss' as const,
      loss: (index: number) =>
        tf.tidy(() => {
          const { inputs, targets } = batch(index);
          const shape = [batchSize, 1, X, Y, C];
          const predicted = applyStepper(stepper, tf.tensor(inputs, shape));
          const error = predicted.sub(tf.tensor(targets, shape)).mul(weights);
          return error
            .square()
            .sum()
            .div(batchSize * observed) as tf.Scalar;
        }),
    },
    validate: () => ({}),
    dispose: () => {},
  };
  const training = createTraining(trainable, {
    steps: options.steps,
    batchSize,
    peakLr: options.lr,
    schedule: 'warmup-cosine',
    weightDecay: 0,
  });
  try {
    await training.run(options.hooks);
  } catch (error) {
    // Stopped or failed: nothing is returned to dispose the weights later.
    stepper.dispose();
    weights.dispose();
    throw error;
  } finally {
    training.dispose();
  }
  return {
    stepper,
    mask,
    async forecast(test) {
      const [n, frames, x, y, c] = test.shape;
      if (x !== X || y !== Y || c !== C) {
        throw new RangeError(`The grid baseline reads ${X}×${Y}×${C} frames, not ${x}×${y}×${c}.`);
      }
      const out = new Float32Array(test.data.length);
      const frameSize = X * Y * C;
      for (let k = 0; k < n; k++) {
        let input = maskedFrame(test, k, 0, mask);
        out.set(input, k * frames * frameSize);
        for (let t = 1; t < frames; t++) {
          const next = tf.tidy(() => applyStepper(stepper, tf.tensor(input, [1, 1, X, Y, C])));
          const values = (await next.data()) as Float32Array;
          next.dispose();
          out.set(values, (k * frames + t) * frameSize);
          input = values.slice();
          for (let p = 0; p < X * Y; p++) if (!mask[p]) input.fill(0, p * C, (p + 1) * C);
        }
      }
      return out;
    },
    dispose() {
      stepper.dispose();
      weights.dispose();
    },
  };
}
