/**
 * DPOT's training step (methods §2c; official train_temporal.py, T_ar = T_bundle = 1): draw
 * windows from the (weighted) sets, add the denoising noise to the inputs, predict the next
 * frame, and take one Adam step on the relative L2 loss summed over the batch.
 *
 * Followed from the official code:
 * - loss: utils/criterion.py SimpleLpLoss(size_average=False), lines 52–59: per sample and
 *   channel ‖ŷ − y‖₂ / (‖y‖₂ + 1e-8) over space, averaged over channels, summed over the batch
 *   (train_temporal.py:176, 207); the mask is all ones in training (griddataset.py:157);
 * - noise before the forward pass, training only (train_temporal.py:205), here as σ_rel of each
 *   sample's RMS per channel (noise.ts), with a fresh seed every step;
 * - Adam with betas (beta1, beta2) = (0.9, 0.9) and coupled L2 weight decay 1e-6
 *   (train_temporal.py:74–75, 135; utils/optimizer.py:36–37);
 * - clip_grad_norm_ at grad_clip = 1e4 (train_temporal.py:77, 228);
 * - the reported loss is the per-sample mean, as the official log's loss / B (train_temporal.py:236).
 * The learning rate is the caller's, per step: `dpotSchedules` gives the official OneCycleLR
 * (train_temporal.py:140; configs/pretrain_tiny.yaml: lr 1e-3, warmup 200 of 1000 epochs). Its
 * default cycle_momentum also cycles Adam's β₁ between 0.95 and 0.85, overriding beta1 = 0.9:
 * pass that schedule's value as `update`'s third argument to reproduce it.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrajectoryArray } from '../../data/trajectories';
import { createRng, seedFor } from '../../pde/random';
import { AdamW } from '../nn/adamw';
import { clipByGlobalNorm, globalNorm } from '../nn/gradClip';
import { oneCycleMomentumSchedule, oneCycleSchedule, type Schedule } from '../nn/schedules';
import { dpotForward, type DpotModel } from './model';
import { relativeL2PerSample } from './loss';
import { addInputNoise } from './noise';
import { dpotStep, rolloutFrames } from './rollout';
import {
  asSources,
  drawDpotWindows,
  dpotWindowProblem,
  gatherDpotWindows,
  type DpotWindowSource,
} from './windows';

/** DPOT's optimiser defaults (train_temporal.py:74–75, 77, 135). */
export const DPOT_BETAS = { beta1: 0.9, beta2: 0.9 } as const;
export const DPOT_WEIGHT_DECAY = 1e-6;
export const DPOT_GRAD_CLIP = 1e4;

/**
 * DPOT's OneCycleLR over `totalSteps` (train_temporal.py:140): from maxLr/1e4 up to maxLr
 * (default 1e-3) over the first `pctStart` (default 0.2 = 200/1000 warm-up epochs), down to
 * maxLr/1e8; and PyTorch's matching β₁ cycle (0.95 → 0.85 → 0.95).
 */
export function dpotSchedules(
  totalSteps: number,
  { maxLr = 1e-3, pctStart = 0.2 }: { maxLr?: number; pctStart?: number } = {},
): { schedule: Schedule; momentumSchedule: Schedule } {
  const options = { maxLr, totalSteps, pctStart, divFactor: 1e4, finalDivFactor: 1e4 };
  return {
    schedule: oneCycleSchedule(options),
    momentumSchedule: oneCycleMomentumSchedule(options),
  };
}

export interface DpotTrainer {
  readonly model: DpotModel;
  readonly optimizer: AdamW;
  /**
   * One step at learning rate `lr` (and β₁, default the optimiser's): the per-sample mean loss
   * before it and the gradient's norm, both the caller's to dispose.
   */
  update(index: number, lr: number, beta1?: number): { loss: tf.Scalar; gradNorm: tf.Scalar };
  dispose(): void;
}

export interface DpotTrainerOptions {
  model: DpotModel;
  /** One set, or several with sampling weights (methods §2c.1). */
  train: TrajectoryArray | readonly DpotWindowSource[];
  seed: number;
  batchSize: number;
  /** σ_rel of the input noise (default: the model's config.noise; 0 turns it off). */
  noise?: number;
  /** Global-norm clipping (default DPOT's 1e4; 0: none). */
  clipNorm?: number;
  beta1?: number;
  beta2?: number;
  weightDecay?: number;
}

/**
 * Step `index`'s batch: clean windows, and the inputs the model sees. With pushforward steps the
 * windows are longer and the model first rolls their first T_in frames forward that many steps
 * on its own predictions, outside any gradient; the inputs are then noisy when σ_rel > 0.
 */
export function dpotTrainingBatch(
  model: DpotModel,
  sources: readonly DpotWindowSource[],
  options: { seed: number; batchSize: number; noise: number },
  index: number,
): { clean: tf.Tensor5D; input: tf.Tensor5D; target: tf.Tensor4D } {
  const { inputFrames: tIn, size, pushforward } = model.config;
  const C = model.channels;
  const frames = tIn + pushforward;
  const starts = drawDpotWindows(
    sources,
    frames,
    options.batchSize,
    createRng(seedFor(options.seed, index, 1)),
  );
  const batch = gatherDpotWindows(sources, frames, starts, C);
  const B = options.batchSize;
  const target = tf.tensor4d(batch.target, [B, size, size, C]);
  const window = tf.tensor5d(batch.input, [B, frames, size, size, C]);
  let clean = window;
  if (pushforward > 0) {
    const first = window.slice([0, 0, 0, 0, 0], [B, tIn, size, size, C]);
    const rolled = rolloutFrames(dpotStep(model), first, pushforward);
    clean = tf.tidy(
      () =>
        tf
          .concat([first, rolled], 1)
          .slice([0, pushforward, 0, 0, 0], [B, tIn, size, size, C]) as tf.Tensor5D,
    );
    tf.dispose([window, first, rolled]);
  }
  const input = addInputNoise(clean, options.noise, seedFor(options.seed, index, 2));
  return { clean, input, target };
}

export function createDpotTrainer(options: DpotTrainerOptions): DpotTrainer {
  const { model, seed, batchSize } = options;
  const sources = asSources(options.train);
  const problem = dpotWindowProblem(sources, {
    inputFrames: model.config.inputFrames + model.config.pushforward,
    size: model.config.size,
    channels: model.channels,
  });
  if (problem) throw new RangeError(problem);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new RangeError(`The batch size must be a whole number ≥ 1 (got ${batchSize}).`);
  }
  const noise = options.noise ?? model.config.noise;
  const clipNorm = options.clipNorm ?? DPOT_GRAD_CLIP;
  const optimizer = new AdamW(model.params, {
    beta1: options.beta1 ?? DPOT_BETAS.beta1,
    beta2: options.beta2 ?? DPOT_BETAS.beta2,
    weightDecay: options.weightDecay ?? DPOT_WEIGHT_DECAY,
    weightDecayMode: 'l2',
  });
  const variables = model.params.trainable().map(([, v]) => v);
  const nameOf = new Map(model.params.trainable().map(([name, v]) => [v.name, name]));

  return {
    model,
    optimizer,
    update(index, lr, beta1) {
      const batch = dpotTrainingBatch(model, sources, { seed, batchSize, noise }, index);
      try {
        const { value, grads: byVariable } = tf.variableGrads(
          () => relativeL2PerSample(dpotForward(model, batch.input), batch.target).sum(),
          variables,
        );
        const grads: Record<string, tf.Tensor> = {};
        for (const [tfName, grad] of Object.entries(byVariable)) grads[nameOf.get(tfName)!] = grad;
        const clipped = clipNorm > 0 ? clipByGlobalNorm(grads, clipNorm) : undefined;
        const gradNorm = clipped ? clipped.norm : globalNorm(grads);
        optimizer.apply(clipped ? clipped.grads : grads, lr, beta1 === undefined ? {} : { beta1 });
        tf.dispose([grads, clipped?.grads ?? {}]);
        const loss = tf.tidy(() => value.div(batchSize)) as tf.Scalar;
        value.dispose();
        return { loss, gradNorm };
      } finally {
        tf.dispose([batch.clean, batch.input, batch.target]);
      }
    },
    dispose() {
      optimizer.dispose();
    },
  };
}
