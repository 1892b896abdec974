/**
 * PhysicNet-style training (methods §4c [R]): one Adam step on
 *   MSE(fused, Y) + λ_loc·MSE(local, Y on the crops) + VQ commitment + λ_rec·reconstruction,
 * with the local crops at new seeded places every step; then the codebook's EMA update from the
 * latents the step saw, and every few steps the restart of dead codes.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrajectoryArray } from '../../data/trajectories';
import { createRng, seedFor, type Rng } from '../../pde/random';
import { AdamW } from '../nn/adamw';
import { clipByGlobalNorm, globalNorm } from '../nn/gradClip';
import { emaUpdate, initCodebookFromData, restartDeadCodes } from '../nn/vectorQuantizer';
import {
  CODEBOOK,
  cropSize,
  cutCrops,
  inputLatents,
  normalize,
  physicnetForward,
  type CropPlacement,
  type PhysicNetModel,
} from './model';
import { channelStatistics, drawWindows, gatherWindows, windowProblem } from './windows';

/** Dead codes are looked for this often (steps); a code is dead below this EMA count. */
export const RESTART_EVERY = 25;
export const DEAD_CODE_THRESHOLD = 1;

export interface PhysicNetTrainer {
  readonly model: PhysicNetModel;
  readonly optimizer: AdamW;
  /** One step at learning rate `lr`: the loss before it and the gradient's global norm. */
  update(index: number, lr: number): { loss: tf.Scalar; gradNorm: tf.Scalar };
  /** Codes restarted so far. */
  readonly restarted: number;
  dispose(): void;
}

/** `count` crops at seeded places (whole cells, inside the grid). */
export function randomPlacements(side: number, count: number, rng: Rng): CropPlacement[] {
  const room = side - cropSize(side);
  return Array.from({ length: count }, () => ({
    row: rng.integer(0, room),
    col: rng.integer(0, room),
  }));
}

/** Sets the model's normalization to the training set's per-channel mean and spread. */
export function fitNormalization(model: PhysicNetModel, train: TrajectoryArray): void {
  const { mean, std } = channelStatistics(train);
  const channels = model.channels;
  tf.tidy(() => {
    model.params.get('norm.mean').assign(tf.tensor1d(mean.slice(0, channels)));
    model.params.get('norm.std').assign(tf.tensor1d(std.slice(0, channels)));
  });
}

/** The loss of a batch and the latents and codes its quantizer saw (kept for the EMA step). */
export function physicnetLoss(
  model: PhysicNetModel,
  input: tf.Tensor5D,
  target: tf.Tensor5D,
  placements: readonly CropPlacement[],
): { loss: tf.Scalar; latents: tf.Tensor2D; indices?: tf.Tensor } {
  const { config } = model;
  const x = normalize(model, input) as tf.Tensor5D;
  const y = normalize(model, target) as tf.Tensor5D;
  const out = physicnetForward(model, x, placements);
  let loss = tf.losses.meanSquaredError(y, out.forecast) as tf.Scalar;
  loss = loss.add(out.global.vqLoss);
  loss = loss.add(
    tf.losses.meanSquaredError(x, out.global.reconstruction).mul(config.reconstructionWeight),
  );
  const latents = [out.global.latents];
  const indices = out.global.indices ? [out.global.indices.reshape([-1])] : [];
  if (out.local) {
    const crops = cutCrops(y, placements);
    loss = loss.add(tf.losses.meanSquaredError(crops, out.local.forecast).mul(config.localWeight));
    loss = loss.add(out.local.vqLoss);
    loss = loss.add(
      tf.losses
        .meanSquaredError(cutCrops(x, placements), out.local.reconstruction)
        .mul(config.reconstructionWeight),
    );
    latents.push(out.local.latents);
    if (out.local.indices) indices.push(out.local.indices.reshape([-1]));
  }
  return {
    loss,
    latents: tf.concat(latents, 0) as tf.Tensor2D,
    ...(indices.length ? { indices: tf.concat(indices, 0) } : {}),
  };
}

export interface PhysicNetTrainerOptions {
  model: PhysicNetModel;
  train: TrajectoryArray;
  seed: number;
  batchSize: number;
  /** Global-norm gradient clipping (0: none). */
  clipNorm?: number;
  /** Set the normalization from the training set (default true; false when resuming). */
  fitStatistics?: boolean;
}

export function createPhysicNetTrainer(options: PhysicNetTrainerOptions): PhysicNetTrainer {
  const { model, train, seed, batchSize } = options;
  const { config } = model;
  const problem = windowProblem(train.shape[1], config);
  if (problem) throw new RangeError(problem);
  if (options.fitStatistics ?? true) fitNormalization(model, train);
  const [, , X, Y, C] = train.shape;
  const optimizer = new AdamW(model.params, { weightDecay: 0 });
  const trainable = model.params.trainable();
  const variables = trainable.map(([, v]) => v);
  const nameOf = new Map(trainable.map(([name, v]) => [v.name, name]));
  let restarted = 0;
  const shape = (frames: number): [number, number, number, number, number] => [
    batchSize,
    frames,
    X,
    Y,
    C,
  ];

  /** The codebook from the first batch's latents, before the first step. */
  const initCodebook = (input: tf.Tensor5D, placements: readonly CropPlacement[]) => {
    const latents = inputLatents(model, input, placements);
    initCodebookFromData(model.params, CODEBOOK, latents, model.vq, seedFor(seed, 0, 9));
    latents.dispose();
  };

  return {
    model,
    optimizer,
    get restarted() {
      return restarted;
    },
    update(index, lr) {
      const rng = createRng(seedFor(seed, index, 7));
      const starts = drawWindows(train, config, batchSize, rng);
      const placements = randomPlacements(X, config.crops, rng);
      const batch = gatherWindows(train, config, starts);
      const input = tf.tensor5d(batch.input, shape(config.inputFrames));
      const target = tf.tensor5d(batch.target, shape(config.outputFrames));
      let seen: { latents: tf.Tensor2D; indices?: tf.Tensor } | undefined;
      try {
        if (index === 0 && config.quantize) initCodebook(input, placements);
        const { value, grads: byVariable } = tf.variableGrads(() => {
          const step = physicnetLoss(model, input, target, placements);
          seen = {
            latents: tf.keep(step.latents),
            ...(step.indices ? { indices: tf.keep(step.indices) } : {}),
          };
          return step.loss;
        }, variables);
        const grads: Record<string, tf.Tensor> = {};
        for (const [tfName, grad] of Object.entries(byVariable)) grads[nameOf.get(tfName)!] = grad;
        const clipNorm = options.clipNorm ?? 0;
        const clipped = clipNorm > 0 ? clipByGlobalNorm(grads, clipNorm) : undefined;
        const gradNorm = clipped ? clipped.norm : globalNorm(grads);
        optimizer.apply(clipped ? clipped.grads : grads, lr);
        tf.dispose([grads, clipped?.grads ?? {}]);
        if (config.quantize && seen?.indices) {
          emaUpdate(model.params, CODEBOOK, seen.latents, seen.indices, model.vq);
          if ((index + 1) % RESTART_EVERY === 0) {
            const count = restartDeadCodes(model.params, CODEBOOK, seen.latents, model.vq, {
              threshold: DEAD_CODE_THRESHOLD,
              seed: seedFor(seed, index, 8),
            });
            restarted += count.dataSync()[0]!;
            count.dispose();
          }
        }
        return { loss: value as tf.Scalar, gradNorm };
      } finally {
        tf.dispose([input, target, seen?.latents, seen?.indices]);
      }
    },
    dispose() {
      optimizer.dispose();
    },
  };
}
