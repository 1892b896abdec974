/**
 * MAE-PDE's masked autoencoder (Zhou & Barati Farimani 2024; lucidrains' MAE over a ViT3D), as
 * pure functions over named parameters: patch embedding LN → Linear → LN (the first LN optional),
 * positions, a pre-LN transformer encoder that sees only the visible tokens, and a narrow decoder
 * that fills the hidden ones with a learned mask token and predicts every token's patch values.
 */
import * as tf from '@tensorflow/tfjs';
import { patchGeometry, type PatchGeometry } from '../../data/masks/patches';
import { patchify, unpatchify } from '../../data/masks/patchesTf';
import type { TokenMask } from '../../data/masks/strategies';
import { initLayerNorm, layerNorm } from '../nn/layerNorm';
import { initLinear, linear } from '../nn/linear';
import { Params } from '../nn/params';
import { sinCosPositionalEmbedding3d } from '../nn/positionalEmbedding';
import { initVitBlock, vitBlock, vitBlockWithWeights, type VitBlockConfig } from '../nn/vitBlock';
import { maeConfigProblem, type MaeConfig } from './config';

export interface MaeModel {
  readonly params: Params;
  readonly config: MaeConfig;
  /** Field channels per grid point (the window's C). */
  readonly channels: number;
  /** Window [frames, size, size, channels] and its patches (token order of data/masks). */
  readonly geometry: PatchGeometry;
  /**
   * The fixed sin-cos tables when config.positions is 'sincos' (not parameters): encoder
   * [tokens + 1, width] whose row 0 (the CLS token's) is zero, decoder [tokens, decoderWidth].
   */
  readonly fixedPositions: { readonly encoder: tf.Tensor2D; readonly decoder: tf.Tensor2D } | null;
  dispose(): void;
}

export interface CreateMaeOptions {
  /** Seeds every parameter's initial values (default 0). */
  seed?: number;
  /** Field channels (default 1, as MAE-PDE's scalar fields). */
  channels?: number;
}

/** He et al.'s epsilon in the per-patch target normalisation. */
export const TARGET_NORM_EPS = 1e-6;

export function encoderBlockConfig(config: MaeConfig): VitBlockConfig {
  return { dim: config.width, heads: config.heads, dimHead: config.headDim, mlpDim: config.mlp };
}

export function decoderBlockConfig(config: MaeConfig): VitBlockConfig {
  return {
    dim: config.decoderWidth,
    heads: config.decoderHeads,
    dimHead: config.decoderHeadDim,
    mlpDim: config.decoderMlp,
  };
}

/** The geometry of a config's windows, without building a model. */
export function maeGeometry(config: MaeConfig, channels = 1): PatchGeometry {
  return patchGeometry([config.frames, config.size, config.size, channels], {
    pt: config.patchT,
    px: config.patchXY,
    py: config.patchXY,
  });
}

/**
 * Builds the parameters with PyTorch's initialisation: Linear U(±1/√fan_in), LayerNorm (1, 0),
 * learned positions, CLS and mask token N(0, 1) (torch.randn, as MAE-PDE).
 */
export function createMae(config: MaeConfig, options: CreateMaeOptions = {}): MaeModel {
  const problem = maeConfigProblem(config);
  if (problem) throw new RangeError(problem);
  const channels = options.channels ?? 1;
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`A model needs a whole number ≥ 1 of channels (got ${channels}).`);
  }
  const geometry = maeGeometry(config, channels);
  const { tokens, tokenSize } = geometry;
  const width = config.width;
  const decoderWidth = config.decoderWidth;
  const learned = config.positions === 'learned';
  const params = new Params(options.seed ?? 0);

  if (config.patchNorm) initLayerNorm(params, 'encoder.patch.norm0', tokenSize);
  initLinear(params, 'encoder.patch.linear', tokenSize, width);
  initLayerNorm(params, 'encoder.patch.norm1', width);
  // Row 0 is the CLS token's, patch token i uses row i + 1 (vit3d's pos_embedding).
  if (learned) params.normal('encoder.pos', [tokens + 1, width]);
  params.normal('encoder.cls', [1, width]);
  for (let i = 0; i < config.depth; i++) {
    initVitBlock(params, `encoder.block${i}`, encoderBlockConfig(config));
  }
  // lucidrains' MAE: an identity instead of the projection when the widths agree.
  if (width !== decoderWidth) initLinear(params, 'decoder.proj', width, decoderWidth);
  if (learned) params.normal('decoder.pos', [tokens, decoderWidth]);
  params.normal('decoder.maskToken', [decoderWidth]);
  for (let i = 0; i < config.decoderDepth; i++) {
    initVitBlock(params, `decoder.block${i}`, decoderBlockConfig(config));
  }
  if (config.decoderNorm) initLayerNorm(params, 'decoder.norm', decoderWidth);
  initLinear(params, 'decoder.out', decoderWidth, tokenSize);

  const grid = [geometry.nt, geometry.nx, geometry.ny] as const;
  const fixedPositions = learned
    ? null
    : {
        encoder: sinCosPositionalEmbedding3d(width, grid, { clsToken: true }),
        decoder: sinCosPositionalEmbedding3d(decoderWidth, grid),
      };
  return {
    params,
    config: { ...config },
    channels,
    geometry,
    fixedPositions,
    dispose() {
      params.dispose();
      if (fixedPositions) tf.dispose([fixedPositions.encoder, fixedPositions.decoder]);
    },
  };
}

/** Row offsets into a flattened [B·N, ·] tensor that implement per-sample masking. */
export interface BatchMaskIndices {
  /** Visible tokens per sample (the same for every sample). */
  visible: number;
  /** b·N + keep[b][k]: the visible tokens, in ascending token order per sample. */
  keepRows: Int32Array;
  /**
   * b·N + restore[b][j]: where token j of sample b sits in the sequence [visible, mask tokens]
   * of that sample (the un-shuffle).
   */
  restoreRows: Int32Array;
  /** [B·N]: 1 for a hidden token, 0 for a visible one. */
  hidden: Float32Array;
}

export function batchMaskIndices(masks: readonly TokenMask[], tokens: number): BatchMaskIndices {
  if (masks.length === 0) throw new RangeError('A batch needs at least one mask.');
  const visible = masks[0]!.keep.length;
  const keepRows = new Int32Array(masks.length * visible);
  const restoreRows = new Int32Array(masks.length * tokens);
  const hidden = new Float32Array(masks.length * tokens);
  masks.forEach((mask, b) => {
    if (mask.mask.length !== tokens) {
      throw new RangeError(`Mask ${b} covers ${mask.mask.length} tokens, the model has ${tokens}.`);
    }
    if (mask.keep.length !== visible) {
      throw new RangeError(
        `Every mask of a batch must leave the same number of tokens visible: mask 0 leaves ` +
          `${visible}, mask ${b} leaves ${mask.keep.length}.`,
      );
    }
    mask.keep.forEach((token, k) => (keepRows[b * visible + k] = b * tokens + token));
    mask.restore.forEach((position, j) => (restoreRows[b * tokens + j] = b * tokens + position));
    mask.mask.forEach((flag, j) => (hidden[b * tokens + j] = flag));
  });
  return { visible, keepRows, restoreRows, hidden };
}

function checkBatch(windows: tf.Tensor, masks: readonly TokenMask[]): number {
  const batch = windows.shape[0] ?? 0;
  if (masks.length !== batch) {
    throw new RangeError(`${batch} windows need ${batch} masks, got ${masks.length}.`);
  }
  return batch;
}

function encoderPositions(model: MaeModel): tf.Tensor2D {
  return model.fixedPositions?.encoder ?? (model.params.get('encoder.pos') as tf.Tensor2D);
}

function decoderPositions(model: MaeModel): tf.Tensor2D {
  return model.fixedPositions?.decoder ?? (model.params.get('decoder.pos') as tf.Tensor2D);
}

/** [B, N, D] patches → [B, N, width] tokens with their positions (rows 1…N). */
function embedPatches(model: MaeModel, patches: tf.Tensor3D): tf.Tensor3D {
  const { params, geometry } = model;
  const width = model.config.width;
  // Without the first LayerNorm the encoder sees each patch's absolute level and amplitude.
  let x = model.config.patchNorm ? layerNorm(params, 'encoder.patch.norm0', patches) : patches;
  x = linear(params, 'encoder.patch.linear', x);
  x = layerNorm(params, 'encoder.patch.norm1', x);
  return x.add(encoderPositions(model).slice([1, 0], [geometry.tokens, width])) as tf.Tensor3D;
}

function runEncoder(model: MaeModel, x: tf.Tensor3D): tf.Tensor3D {
  const blockConfig = encoderBlockConfig(model.config);
  for (let i = 0; i < model.config.depth; i++) {
    x = vitBlock(model.params, `encoder.block${i}`, x, blockConfig);
  }
  return x;
}

/**
 * tf.gather(x, rows, 0) for distinct rows of x [R, W], whose gradient is again a gather: dx takes
 * row k of dy at rows[k] and zeros elsewhere. tfjs's own gather gradient, UnsortedSegmentSum,
 * costs O(R · size) on the CPU backend (one masked sum per row): it made a step of the small
 * preset at batch 8 take 85 s instead of 16 s.
 */
export function gatherDistinctRows(x: tf.Tensor2D, rows: Int32Array): tf.Tensor2D {
  const [count, width] = x.shape;
  const picked = rows.length;
  // Row r of dx reads row source[r] of [dy; 0]: its place among the picked rows, or the zero row.
  const source = new Int32Array(count).fill(picked);
  rows.forEach((row, k) => {
    if (row < 0 || row >= count || source[row] !== picked) {
      throw new RangeError(`Row ${row} is out of range or picked twice.`);
    }
    source[row] = k;
  });
  const gather = tf.customGrad((...inputs) => ({
    value: tf.gather(inputs[0] as tf.Tensor, tf.tensor1d(rows, 'int32'), 0),
    gradFunc: (dy: tf.Tensor) =>
      tf.gather(tf.concat([dy, tf.zeros([1, width])], 0), tf.tensor1d(source, 'int32'), 0),
  }));
  return gather(x) as tf.Tensor2D;
}

/** Rows `rows` of x [B, N, W] flattened to [B·N, W], as [B, rows / B, W]. */
function gatherRows(x: tf.Tensor3D, rows: Int32Array, batch: number): tf.Tensor3D {
  const [b, n, w] = x.shape;
  const picked = gatherDistinctRows(x.reshape([b * n, w]), rows);
  return picked.reshape([batch, rows.length / batch, w]) as tf.Tensor3D;
}

interface Decoded {
  /** [B, N, D] patch values of every token. */
  pred: tf.Tensor3D;
  /** Per decoder block [B, heads, N, N], when asked for. */
  weights: tf.Tensor4D[];
}

/** Encoded visible tokens [B, K, width] → every token's patch values. */
function decode(
  model: MaeModel,
  encoded: tf.Tensor3D,
  indices: BatchMaskIndices,
  withWeights: boolean,
): Decoded {
  const { params, config, geometry } = model;
  const [batch, visible] = encoded.shape;
  const tokens = geometry.tokens;
  const decoderWidth = config.decoderWidth;
  let x = (
    params.has('decoder.proj.weight') ? linear(params, 'decoder.proj', encoded) : encoded
  ) as tf.Tensor3D;
  const hiddenCount = tokens - visible;
  if (hiddenCount > 0) {
    const maskTokens = tf
      .zeros([batch, hiddenCount, decoderWidth])
      .add(params.get('decoder.maskToken'));
    x = tf.concat([x, maskTokens], 1) as tf.Tensor3D;
  }
  x = gatherRows(x, indices.restoreRows, batch).add(decoderPositions(model)) as tf.Tensor3D;
  const blockConfig = decoderBlockConfig(config);
  const weights: tf.Tensor4D[] = [];
  for (let i = 0; i < config.decoderDepth; i++) {
    if (withWeights) {
      const out = vitBlockWithWeights(params, `decoder.block${i}`, x, blockConfig);
      x = out.output;
      weights.push(out.weights);
    } else {
      x = vitBlock(params, `decoder.block${i}`, x, blockConfig);
    }
  }
  if (config.decoderNorm) x = layerNorm(params, 'decoder.norm', x) as tf.Tensor3D;
  return { pred: linear(params, 'decoder.out', x) as tf.Tensor3D, weights };
}

/** A window's shift and scale, [B, 1, 1] each: values are seen as (value − shift) / scale. */
export type WindowScaling = { shift: tf.Tensor3D; scale: tf.Tensor3D };

/**
 * Relative floor on a window's spread: a window that is constant where it is seen gets a scale of
 * 1 % of its level instead of dividing by zero.
 */
const SPREAD_FLOOR = 1e-4;

/**
 * The mean and spread of each window over the patches weighted 1 in `weights` [B, N, 1] (the
 * visible ones): statistics of data only, so no gradient flows through them.
 */
export function windowScaling(patches: tf.Tensor3D, weights: tf.Tensor3D): WindowScaling {
  return tf.tidy(() => {
    const count = weights.sum([1, 2], true).mul(patches.shape[2]).maximum(1);
    const shift = patches.mul(weights).sum([1, 2], true).div(count);
    const meanSquare = patches.square().mul(weights).sum([1, 2], true).div(count);
    const variance = meanSquare.sub(shift.square()).relu();
    const scale = variance.add(meanSquare.mul(SPREAD_FLOOR)).add(1e-12).sqrt();
    return { shift: shift as tf.Tensor3D, scale: scale as tf.Tensor3D };
  });
}

/** Per-token mean and spread of patch values, as He et al.'s norm_pix_loss (unbiased variance). */
function patchStatistics(patches: tf.Tensor3D): { mean: tf.Tensor; std: tf.Tensor } {
  const size = patches.shape[2];
  const { mean, variance } = tf.moments(patches, -1, true);
  const unbiased = size > 1 ? variance.mul(size / (size - 1)) : variance;
  return { mean, std: unbiased.add(TARGET_NORM_EPS).sqrt() };
}

/** What the decoder is trained to output for each token: the patch, or its normalised form. */
export function patchTargets(patches: tf.Tensor3D, normalize: boolean): tf.Tensor3D {
  if (!normalize) return patches;
  return tf.tidy(() => {
    const { mean, std } = patchStatistics(patches);
    return patches.sub(mean).div(std) as tf.Tensor3D;
  });
}

/**
 * Mean squared error over the hidden tokens only (all their D values), as MAE-PDE's
 * F.mse_loss(pred[masked], patches[masked]); visible tokens contribute nothing.
 */
export function maskedPatchLoss(
  pred: tf.Tensor3D,
  patches: tf.Tensor3D,
  masks: readonly TokenMask[],
  normalize: boolean,
): tf.Scalar {
  return tf.tidy(() => {
    const [batch, tokens, size] = patches.shape;
    const { hidden } = batchMaskIndices(masks, tokens);
    const count = hidden.reduce((a, b) => a + b, 0);
    const weights = tf.tensor3d(hidden, [batch, tokens, 1]);
    const squares = pred.sub(patchTargets(patches, normalize)).square().mul(weights);
    return squares.sum().div(Math.max(1, count) * size) as tf.Scalar;
  });
}

// Type aliases, not interfaces: tf.tidy accepts them as TensorContainers.
export type MaeOutput = {
  /** [B, N, D]: the decoder's patch values for every token (normalised if the config says so). */
  pred: tf.Tensor3D;
  /** Masked-token MSE. */
  loss: tf.Scalar;
};

/**
 * The pretraining forward pass on windows [B, T, X, Y, C] with one mask per sample (all with
 * the same number of visible tokens). The CLS token is not used, as in MAE-PDE's pretraining.
 */
export function maeForward(
  model: MaeModel,
  windows: tf.Tensor,
  masks: readonly TokenMask[],
): MaeOutput {
  return tf.tidy(() => {
    const { pred, patches } = predictAll(model, windows, masks, false);
    return { pred, loss: maskedPatchLoss(pred, patches, masks, model.config.normalizeTargets) };
  });
}

/** The loss alone (what a training step differentiates). */
export function maeLoss(model: MaeModel, windows: tf.Tensor, masks: readonly TokenMask[]) {
  return tf.tidy(() => maeForward(model, windows, masks).loss);
}

function predictAll(
  model: MaeModel,
  windows: tf.Tensor,
  masks: readonly TokenMask[],
  withWeights: boolean,
): Decoded & { patches: tf.Tensor3D; scaling: WindowScaling | null } {
  const batch = checkBatch(windows, masks);
  const indices = batchMaskIndices(masks, model.geometry.tokens);
  if (indices.visible === 0) {
    throw new RangeError('The masks hide every token: the encoder sees nothing.');
  }
  let patches = patchify(windows, model.geometry);
  let scaling: WindowScaling | null = null;
  if (model.config.windowNorm === 'visible') {
    const visibleWeights = tf.tensor3d(indices.hidden, [batch, model.geometry.tokens, 1]);
    scaling = windowScaling(patches, tf.scalar(1).sub(visibleWeights) as tf.Tensor3D);
    patches = patches.sub(scaling.shift).div(scaling.scale) as tf.Tensor3D;
  }
  // Every patch is embedded (cheap, row-wise), then only the visible rows enter the encoder.
  const visible = gatherRows(embedPatches(model, patches), indices.keepRows, batch);
  const encoded = runEncoder(model, visible);
  return { ...decode(model, encoded, indices, withWeights), patches, scaling };
}

/**
 * The reconstruction [B, T, X, Y, C]: hidden patches from the decoder, visible ones pasted from
 * the input (MAE.forward's features=True branch, then pasting), scaled back with the visible
 * patches' statistics when the config scales windows. With normalised targets the
 * hidden patches are mapped back with their true mean and spread, which the model does not
 * know: such a reconstruction leaks two numbers per hidden patch.
 */
export function maeReconstructTensor(
  model: MaeModel,
  windows: tf.Tensor,
  masks: readonly TokenMask[],
): tf.Tensor5D {
  return tf.tidy(() => reconstruct(model, windows, masks, false).reconstruction);
}

function reconstruct(
  model: MaeModel,
  windows: tf.Tensor,
  masks: readonly TokenMask[],
  withWeights: boolean,
): { reconstruction: tf.Tensor5D; weights: tf.Tensor4D[] } {
  const { pred, patches, scaling, weights } = predictAll(model, windows, masks, withWeights);
  let values: tf.Tensor = pred;
  if (model.config.normalizeTargets) {
    const { mean, std } = patchStatistics(patches);
    values = pred.mul(std).add(mean);
  }
  const [batch, tokens] = patches.shape;
  const hidden = tf.tensor3d(batchMaskIndices(masks, tokens).hidden, [batch, tokens, 1]);
  let pasted = values.mul(hidden).add(patches.mul(tf.scalar(1).sub(hidden)));
  if (scaling) pasted = pasted.mul(scaling.scale).add(scaling.shift);
  return { reconstruction: unpatchify(pasted, model.geometry), weights };
}

export interface MaeReconstruction {
  /** [B, T, X, Y, C], visible patches equal to the input. */
  reconstruction: Float32Array;
  /** Decoder attention per block, each [B, heads, N, N] (rows: queries), when asked for. */
  attention?: Float32Array[];
}

export async function maeReconstruct(
  model: MaeModel,
  windows: tf.Tensor,
  masks: readonly TokenMask[],
  options: { attention?: boolean } = {},
): Promise<MaeReconstruction> {
  const withWeights = options.attention ?? false;
  const { reconstruction, weights } = tf.tidy(() =>
    reconstruct(model, windows, masks, withWeights),
  );
  try {
    const values = await Promise.all([reconstruction, ...weights].map((t) => t.data<'float32'>()));
    const result: MaeReconstruction = { reconstruction: values[0]! };
    if (withWeights) result.attention = values.slice(1);
    return result;
  } finally {
    tf.dispose([reconstruction, ...weights]);
  }
}

export type MaeEncoding = {
  /** [B, width]: the CLS token's output, what downstream heads read. */
  cls: tf.Tensor2D;
  /** [B, N, width]: every patch token's output. */
  tokens: tf.Tensor3D;
};

/**
 * The downstream encoder (ViT3D.forward): every patch token plus the CLS token (position row
 * 0), no masking, through the same transformer.
 */
export function maeEncode(model: MaeModel, windows: tf.Tensor): MaeEncoding {
  return tf.tidy(() => {
    const { params, geometry } = model;
    const width = model.config.width;
    const batch = windows.shape[0] ?? 0;
    let raw = patchify(windows, geometry);
    if (model.config.windowNorm === 'visible') {
      // Nothing is hidden here: the whole window sets its scaling.
      const { shift, scale } = windowScaling(raw, tf.ones([batch, geometry.tokens, 1]));
      raw = raw.sub(shift).div(scale) as tf.Tensor3D;
    }
    const patches = embedPatches(model, raw);
    const cls = params.get('encoder.cls').add(encoderPositions(model).slice([0, 0], [1, width]));
    const clsTokens = tf.zeros([batch, 1, width]).add(cls);
    const out = runEncoder(model, tf.concat([clsTokens, patches], 1) as tf.Tensor3D);
    return {
      cls: out.slice([0, 0, 0], [batch, 1, width]).reshape([batch, width]) as tf.Tensor2D,
      tokens: out.slice([0, 1, 0], [batch, geometry.tokens, width]) as tf.Tensor3D,
    };
  });
}
