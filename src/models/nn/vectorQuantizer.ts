/**
 * VQ-VAE vector quantiser (van den Oord et al. 2017), PhysicNet's prior bank, as in PastNet's
 * `VectorQuantizerEMA` and `VectorQuantizer` (methods.md §4): vectors z [..., D] are replaced by
 * their nearest of K codes, the gradient passes straight through to z, and a commitment loss
 * β‖z − sg(e)‖² pulls z towards its code.
 *
 * - EMA variant (default): the codebook is no trained parameter; `emaUpdate`, called after the
 *   gradient step and outside the tape, moves each code to the running mean of the vectors
 *   assigned to it. The running counts and sums are non-trainable parameters, so checkpoints
 *   carry them.
 * - Trained variant (`ema: false`): the codebook is trained by the codebook loss ‖sg(z) − e‖².
 *
 * The nearest code is looked up as oneHot(argMin)·codebook, not tf.gather: a gather with indices
 * computed from trained tensors has no usable gradient in tfjs 4.22 (tfjs-webgpu.md §1.2).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../pde/random';
import type { Params } from './params';
import { stopGradient, straightThrough } from './stopGradient';

export interface VectorQuantizerConfig {
  /** K, the number of codes (PastNet 512; the lab's browser model 128). */
  codes: number;
  /** D, the width of a code and of the vectors quantised. */
  dim: number;
  /** EMA codebook updates (default true) or a codebook trained by the codebook loss. */
  ema?: boolean;
  /** Commitment cost β (default 0.25). */
  beta?: number;
  /** EMA decay (default 0.99). */
  decay?: number;
  /** Laplace smoothing of the EMA cluster sizes (default 1e-5). */
  epsilon?: number;
}

export const VQ_DEFAULTS = { ema: true, beta: 0.25, decay: 0.99, epsilon: 1e-5 } as const;

function resolve(config: VectorQuantizerConfig): Required<VectorQuantizerConfig> {
  return { ...VQ_DEFAULTS, ...config };
}

/**
 * Creates `${name}.codebook` [K, D] and `${name}.clusterSize` [K] (non-trainable: the EMA count
 * of vectors per code, which `restartDeadCodes` reads in both variants), and for the EMA variant
 * `${name}.embedSum` [K, D] (non-trainable: the EMA sum of the vectors per code).
 *
 * EMA: codes N(0, 1) as PastNet, but with cluster sizes 1 and sums equal to the codes, so that
 * code = sum / size from the start. PastNet's zero sizes (and independent random sums) send every
 * code unused in the first update to ~sum/ε, i.e. ~1e5 × its value, where it stays dead.
 * Trained: codes U(±1/K), as PastNet.
 */
export function initVectorQuantizer(
  params: Params,
  name: string,
  config: VectorQuantizerConfig,
): void {
  const { codes, dim, ema } = resolve(config);
  const frozen = { trainable: false };
  const codebook = ema
    ? params.normal(`${name}.codebook`, [codes, dim], 0, 1, frozen)
    : params.uniform(`${name}.codebook`, [codes, dim], -1 / codes, 1 / codes);
  params.constant(`${name}.clusterSize`, [codes], 1, frozen);
  if (ema) params.constant(`${name}.embedSum`, [codes, dim], 0, frozen).assign(codebook);
}

// A type alias, not an interface: tf.tidy accepts it as a TensorContainer.
export type VqResult = {
  /** z's shape: forward the nearest codes, backward the gradient straight through to z. */
  quantized: tf.Tensor;
  /** β·mean‖z − sg(e)‖², plus mean‖sg(z) − e‖² when the codebook is trained (F.mse_loss means). */
  loss: tf.Scalar;
  /** The nearest code of each vector, int32, z's shape without its last axis. */
  indices: tf.Tensor;
  /** [K]: how many vectors picked each code. */
  counts: tf.Tensor1D;
  /** exp(−Σ p log p) of the codes' shares p: K' when K' codes are used equally. */
  perplexity: tf.Scalar;
  /** The share of codes no vector picked. */
  deadFraction: tf.Scalar;
};

/** The index of the nearest code to each vector of z [..., D], int32 [...]. */
export function nearestCodes(params: Params, name: string, z: tf.Tensor): tf.Tensor {
  const codebook = params.get(`${name}.codebook`);
  checkWidth(name, z, codebook.shape[1]!);
  return tf.tidy(() =>
    argNearest(z.reshape([-1, codebook.shape[1]!]), codebook).reshape(z.shape.slice(0, -1)),
  );
}

/** Quantises z [..., D]. Dispose the result with tf.dispose(result). */
export function vectorQuantize(
  params: Params,
  name: string,
  z: tf.Tensor,
  config: VectorQuantizerConfig,
): VqResult {
  const { codes, dim, ema, beta } = resolve(config);
  checkWidth(name, z, dim);
  return tf.tidy(() => {
    const codebook = params.get(`${name}.codebook`);
    const flat = z.reshape([-1, dim]);
    const indices = argNearest(flat, codebook);
    const onehot = tf.oneHot(indices, codes, 1, 0, 'float32');
    const nearest = tf.matMul(onehot, codebook);
    let loss = flat.sub(stopGradient(nearest)).square().mean().mul(beta);
    if (!ema) loss = loss.add(stopGradient(flat).sub(nearest).square().mean());
    const counts = onehot.sum(0) as tf.Tensor1D;
    const shares = counts.div(flat.shape[0]!);
    return {
      quantized: straightThrough(flat, nearest).reshape(z.shape),
      loss: loss as tf.Scalar,
      indices: indices.reshape(z.shape.slice(0, -1)),
      counts,
      perplexity: tf.exp(shares.mul(shares.add(1e-10).log()).sum().neg()) as tf.Scalar,
      deadFraction: tf.step(tf.scalar(0.5).sub(counts)).mean() as tf.Scalar,
    };
  });
}

/**
 * One EMA step from vectors z [..., D] and their codes `indices` (vectorQuantize's), as PastNet:
 *   n ← decay·n + (1 − decay)·counts;  n ← (n + ε) / (Σn + K·ε) · Σn   (Laplace smoothing)
 *   m ← decay·m + (1 − decay)·Σ_{z → k} z;  e ← m / n
 * The trained variant only updates the counts n. Call it outside any gradient tape, after the
 * optimizer step, with the same z the loss saw.
 */
export function emaUpdate(
  params: Params,
  name: string,
  z: tf.Tensor,
  indices: tf.Tensor,
  config: VectorQuantizerConfig,
): void {
  const { codes, dim, ema, decay, epsilon } = resolve(config);
  checkWidth(name, z, dim);
  tf.tidy(() => {
    const flat = z.reshape([-1, dim]);
    const onehot = tf.oneHot(indices.reshape([-1]), codes, 1, 0, 'float32');
    const clusterSize = params.get(`${name}.clusterSize`);
    const decayed = clusterSize.mul(decay).add(onehot.sum(0).mul(1 - decay));
    const total = decayed.sum();
    const smoothed = decayed
      .add(epsilon)
      .div(total.add(codes * epsilon))
      .mul(total);
    clusterSize.assign(smoothed);
    if (!ema) return;
    const embedSum = params.get(`${name}.embedSum`);
    const sums = embedSum.mul(decay).add(tf.matMul(onehot, flat, true, false).mul(1 - decay));
    embedSum.assign(sums);
    params.get(`${name}.codebook`).assign(sums.div(smoothed.expandDims(1)));
  });
}

export interface RestartOptions {
  /** Codes whose EMA cluster size is below this are dead (default 1, as Jukebox). */
  threshold?: number;
  /** Seeds the choice of vectors that replace the dead codes. */
  seed: number;
}

/**
 * Replaces every dead code by a vector of z [..., D] (distinct vectors when z has at least K),
 * chosen by a seeded JS generator, and sets its cluster size to the threshold (and its EMA sum
 * to the code times that), so it counts as alive until it again goes unused. Runs on the device
 * without a readback; returns the number of codes restarted (int32 scalar).
 */
export function restartDeadCodes(
  params: Params,
  name: string,
  z: tf.Tensor,
  config: VectorQuantizerConfig,
  { threshold = 1, seed }: RestartOptions,
): tf.Scalar {
  const { codes, dim, ema } = resolve(config);
  checkWidth(name, z, dim);
  const rows = drawRows(z.size / dim, codes, seed);
  return tf.tidy(() => {
    const clusterSize = params.get(`${name}.clusterSize`);
    const dead = clusterSize.less(threshold);
    const deadRows = dead.expandDims(1);
    const fresh = tf.gather(z.reshape([-1, dim]), tf.tensor1d(rows, 'int32'));
    const codebook = params.get(`${name}.codebook`);
    codebook.assign(tf.where(deadRows, fresh, codebook));
    clusterSize.assign(tf.where(dead, tf.fill([codes], threshold), clusterSize));
    if (ema) {
      const embedSum = params.get(`${name}.embedSum`);
      embedSum.assign(tf.where(deadRows, fresh.mul(threshold), embedSum));
    }
    return dead.sum() as tf.Scalar;
  });
}

/** `count` row indices in [0, n): distinct (partial Fisher–Yates) when n ≥ count. */
function drawRows(n: number, count: number, seed: number): Int32Array {
  const rng = createRng(seed);
  if (n < count) return Int32Array.from({ length: count }, () => rng.integer(0, n - 1));
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = rng.integer(i, n - 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** argMin over codes of ‖z‖² + ‖e‖² − 2 z·eᵀ, for flat [N, D] vectors: int32 [N]. */
function argNearest(flat: tf.Tensor, codebook: tf.Tensor): tf.Tensor1D {
  const distances = flat
    .square()
    .sum(1, true)
    .add(codebook.square().sum(1))
    .sub(tf.matMul(flat, codebook, false, true).mul(2));
  return tf.argMin(distances, 1) as tf.Tensor1D;
}

function checkWidth(name: string, z: tf.Tensor, dim: number): void {
  if (z.shape[z.rank - 1] !== dim) {
    throw new Error(`${name}: input has last dimension ${z.shape[z.rank - 1]}, codes have ${dim}.`);
  }
}

/**
 * Data-dependent initialisation: every code becomes a distinct vector of z [..., D] (as a restart
 * of all codes), so no code starts far from the encoder's outputs, where a codebook drawn from
 * N(0, 1) would leave all but one code unused from the first step on.
 */
export function initCodebookFromData(
  params: Params,
  name: string,
  z: tf.Tensor,
  config: VectorQuantizerConfig,
  seed: number,
): void {
  const clusterSize = params.get(`${name}.clusterSize`);
  tf.tidy(() => clusterSize.assign(tf.zerosLike(clusterSize)));
  restartDeadCodes(params, name, z, config, { threshold: 1, seed }).dispose();
}
