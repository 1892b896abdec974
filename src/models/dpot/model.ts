/**
 * DPOT, the auto-regressive denoising operator transformer (Hao et al., ICML 2024; official
 * models/dpot.py, DPOTNet), predicting the next frame from T_in past ones:
 *
 *   frames + (x, y, t) grid channels ─ patch embedding (conv p×p/p → GELU → 1×1) + positions
 *   ─ time aggregation over the T_in frames ─ depth × [GroupNorm → AFNO mixer → GroupNorm → MLP,
 *   plus a skip] ─ head (transposed conv p×p/p → GELU → 1×1 → GELU → 1×1) ─ next frame
 *
 * Left out, as methods §2b says: the reversible instance normalisation (off in every official
 * config) and the dataset-classification head (its loss is never added to the training loss).
 * Tensors are NHWC: frames [B, T, H, W, C] in, the next frame [B, H, W, C] out.
 */
import * as tf from '@tensorflow/tfjs';
import {
  conv2d,
  convTranspose2d,
  groupNorm,
  initConv2d,
  initConvTranspose2d,
  initGroupNorm,
} from '../nn/conv';
import type { Dft2dTables } from '../nn/dft';
import { gelu } from '../nn/gelu';
import { initLinear, linear } from '../nn/linear';
import { initMlp, mlp } from '../nn/mlp';
import { Params } from '../nn/params';
import type { MixerSpectrum } from '../snapshot';
import { afno, afnoModeEnergy, createAfnoTables, initAfno } from './afno';
import {
  DPOT_NORM_GROUPS,
  dpotConfigProblem,
  dpotKeptModes,
  dpotLatentSize,
  type DpotConfig,
} from './config';

export interface DpotModel {
  readonly params: Params;
  readonly config: DpotConfig;
  readonly channels: number;
  /** Constants built once: DFT tables of the patch grid, grid coordinates, frame times. */
  readonly constants: DpotConstants;
  dispose(): void;
}

interface DpotConstants {
  tables: Dft2dTables;
  /** (x, y, t) ∈ [0, 1]³ of every point of a window, [1, T, H, W, 3]. */
  coordinates: tf.Tensor5D;
  /** linspace(0, 1, T) as [T, 1]. */
  times: tf.Tensor2D;
}

/** torch.linspace(0, 1, n): a single point sits at 0. */
function linspace01(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? 0 : i / (n - 1)));
}

function buildConstants(config: DpotConfig): DpotConstants {
  const { inputFrames: t, size: s } = config;
  const [ts, xs] = [linspace01(t), linspace01(s)];
  const coordinates = new Float32Array(t * s * s * 3);
  let k = 0;
  for (let f = 0; f < t; f++) {
    for (let i = 0; i < s; i++) {
      for (let j = 0; j < s; j++) {
        coordinates[k++] = xs[i]!;
        coordinates[k++] = xs[j]!;
        coordinates[k++] = ts[f]!;
      }
    }
  }
  return {
    tables: createAfnoTables(dpotLatentSize(config)),
    coordinates: tf.tensor5d(coordinates, [1, t, s, s, 3]),
    times: tf.tensor2d(ts, [t, 1]),
  };
}

export function createDpot(
  config: DpotConfig,
  { seed = 0, channels }: { seed?: number; channels: number },
): DpotModel {
  const problem = dpotConfigProblem(config);
  if (problem) throw new RangeError(problem);
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`DPOT needs a whole number of channels ≥ 1 (got ${channels}).`);
  }
  const { width: d, patchSize: p, inputFrames: t } = config;
  const side = dpotLatentSize(config);
  const params = new Params(seed);
  try {
    // DPOT's PatchEmbed hidden width is out_channels·p + 3 (not p²).
    initConv2d(params, 'embed.conv', channels + 3, channels * p + 3, p);
    initLinear(params, 'embed.proj', channels * p + 3, d);
    // trunc_normal_(std=0.02) truncates at ±2, i.e. 100σ: a plain normal.
    params.normal('pos', [side, side, d], 0, 0.02);
    params.normal('time.weight', [t, d, d], 0, 1 / (t * Math.sqrt(d)));
    if (config.timeAggregation === 'exp_mlp') {
      const gamma = Float32Array.from(
        { length: d },
        (_, i) => 2 ** (d === 1 ? -10 : -10 + (20 * i) / (d - 1)),
      );
      params.fromData('time.gamma', [d], gamma);
    }
    for (let b = 0; b < config.depth; b++) {
      initGroupNorm(params, `block${b}.norm1`, d);
      initAfno(params, `block${b}.afno`, { width: d, blocks: config.blocks });
      initGroupNorm(params, `block${b}.norm2`, d);
      initMlp(params, `block${b}.mlp`, [d, d * config.mlpRatio, d]);
    }
    initConvTranspose2d(params, 'head.deconv', d, config.outLayerDim, p);
    initMlp(params, 'head.mlp', [config.outLayerDim, config.outLayerDim, channels]);
  } catch (error) {
    params.dispose();
    throw error;
  }
  const constants = buildConstants(config);
  return {
    params,
    config,
    channels,
    constants,
    dispose() {
      params.dispose();
      constants.tables.dispose();
      tf.dispose([constants.coordinates, constants.times]);
    },
  };
}

/** Frames [B, T, H, W, C] → tokens [B, T, h, w, D]. */
function embedPatches(model: DpotModel, x: tf.Tensor5D): tf.Tensor5D {
  const { params, config, constants } = model;
  const [b, t, s, , c] = x.shape;
  const withGrid = tf.concat([x, constants.coordinates.tile([b, 1, 1, 1, 1])], 4);
  const frames = withGrid.reshape([b * t, s, s, c + 3]) as tf.Tensor4D;
  const patches = conv2d(params, 'embed.conv', frames, {
    stride: config.patchSize,
    padding: 'valid',
  });
  const tokens = linear(params, 'embed.proj', gelu(patches)).add(params.get('pos'));
  const side = dpotLatentSize(config);
  return tokens.reshape([b, t, side, side, config.width]) as tf.Tensor5D;
}

/**
 * DPOT's TimeAggregator: out_j = Σ_t Σ_i W[t,i,j]·x_t,i·cos(τ_t·γ_i) ('exp_mlp'; 'mlp' drops the
 * cosine), as one matMul over the flattened (t, i) axis. Tokens [B, T, h, w, D] → [B, h, w, D].
 */
export function aggregateTime(model: DpotModel, tokens: tf.Tensor5D): tf.Tensor4D {
  const { params, config, constants } = model;
  const [b, t, h, w, d] = tokens.shape;
  let z: tf.Tensor = tokens.transpose([0, 2, 3, 1, 4]);
  if (config.timeAggregation === 'exp_mlp') {
    z = z.mul(tf.cos(constants.times.matMul(params.get('time.gamma').reshape([1, d]))));
  }
  const weight = params.get('time.weight').reshape([t * d, d]);
  return tf.matMul(z.reshape([b * h * w, t * d]), weight).reshape([b, h, w, d]) as tf.Tensor4D;
}

/** One block (DPOT's Block with double_skip False): h + MLP(GN(AFNO(GN(h)))). */
function fourierBlock(model: DpotModel, index: number, h: tf.Tensor4D): tf.Tensor4D {
  const { params, config, constants } = model;
  const name = `block${index}`;
  const { rows, columns } = dpotKeptModes(config);
  const mixed = afno(
    params,
    `${name}.afno`,
    groupNorm(params, `${name}.norm1`, h, DPOT_NORM_GROUPS),
    constants.tables,
    config.blocks,
    { keptRows: rows, keptColumns: columns, softshrink: config.softshrink },
  );
  const normed = groupNorm(params, `${name}.norm2`, mixed, DPOT_NORM_GROUPS);
  return h.add(mlp(params, `${name}.mlp`, normed, 'gelu'));
}

/** Tokens [B, h, w, D] → field [B, H, W, C]. */
function decode(model: DpotModel, h: tf.Tensor4D): tf.Tensor4D {
  const { params, config } = model;
  const up = gelu(convTranspose2d(params, 'head.deconv', h, { stride: config.patchSize }));
  return mlp(params, 'head.mlp', up, 'gelu') as tf.Tensor4D;
}

/** The next frame [B, H, W, C] from the last T_in frames [B, T_in, H, W, C]. */
export function dpotForward(model: DpotModel, x: tf.Tensor5D): tf.Tensor4D {
  const { config, channels } = model;
  const [, t, sx, sy, c] = x.shape;
  if (t !== config.inputFrames || sx !== config.size || sy !== config.size || c !== channels) {
    throw new Error(
      `DPOT reads windows [B, ${config.inputFrames}, ${config.size}, ${config.size}, ${channels}], got [${x.shape.join(', ')}].`,
    );
  }
  return tf.tidy(() => {
    let h = aggregateTime(model, embedPatches(model, x));
    for (let b = 0; b < config.depth; b++) h = fourierBlock(model, b, h);
    return decode(model, h);
  });
}

/**
 * Each block's mixer seen through its spectrum for windows x [B, T_in, H, W, C]: the energy of
 * every kept mode entering and leaving the block's Fourier MLP (afnoModeEnergy).
 */
export async function dpotMixerSpectra(model: DpotModel, x: tf.Tensor5D): Promise<MixerSpectrum[]> {
  const { params, config, constants } = model;
  const { rows, columns } = dpotKeptModes(config);
  const energies = tf.tidy(() => {
    let h = aggregateTime(model, embedPatches(model, x));
    const out: tf.Tensor2D[] = [];
    for (let b = 0; b < config.depth; b++) {
      const normed = groupNorm(params, `block${b}.norm1`, h, DPOT_NORM_GROUPS);
      const { input, output } = afnoModeEnergy(
        params,
        `block${b}.afno`,
        normed,
        constants.tables,
        config.blocks,
        { keptRows: rows, keptColumns: columns },
      );
      out.push(input, output);
      h = fourierBlock(model, b, h);
    }
    return out;
  });
  try {
    const values = await Promise.all(energies.map((e) => e.data<'float32'>()));
    return Array.from({ length: config.depth }, (_, b) => ({
      rows,
      columns,
      input: values[2 * b]!,
      output: values[2 * b + 1]!,
    }));
  } finally {
    tf.dispose(energies);
  }
}
