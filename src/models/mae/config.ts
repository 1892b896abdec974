/**
 * The masked autoencoder's configuration (MAE-PDE, Zhou & Barati Farimani 2024): a schema the
 * Model panel's controls and the URL are generated from, three presets, the checks a config must
 * pass, and its parameter count (computed from the config alone, so the UI can show it without
 * tfjs). Plain data: safe on the main thread.
 */
import { defaults, defineSchema, type SchemaValues } from '../../schema/params';

export const maeSchema = defineSchema({
  size: {
    kind: 'number',
    key: 'mae.n',
    label: 'Grid',
    unit: 'points per side',
    min: 8,
    max: 128,
    default: 32,
    integer: true,
    help: 'Windows are resampled to this grid (by Fourier interpolation when it differs).',
  },
  frames: {
    kind: 'number',
    key: 'mae.t',
    label: 'Window',
    unit: 'frames',
    min: 2,
    max: 32,
    default: 4,
    integer: true,
    help: 'Consecutive frames the model sees at once.',
  },
  patchT: {
    kind: 'number',
    key: 'mae.pt',
    label: 'Patch length in time',
    unit: 'frames',
    min: 1,
    max: 8,
    default: 2,
    integer: true,
  },
  patchXY: {
    kind: 'number',
    key: 'mae.px',
    label: 'Patch side',
    unit: 'points',
    min: 1,
    max: 16,
    default: 4,
    integer: true,
  },
  width: {
    kind: 'number',
    key: 'mae.w',
    label: 'Encoder width',
    min: 8,
    max: 512,
    default: 64,
    integer: true,
  },
  depth: {
    kind: 'number',
    key: 'mae.d',
    label: 'Encoder depth',
    unit: 'blocks',
    min: 1,
    max: 12,
    default: 2,
    integer: true,
  },
  heads: {
    kind: 'number',
    key: 'mae.h',
    label: 'Encoder heads',
    min: 1,
    max: 32,
    default: 4,
    integer: true,
  },
  headDim: {
    kind: 'number',
    key: 'mae.hd',
    label: 'Encoder head width',
    min: 4,
    max: 64,
    default: 16,
    integer: true,
  },
  mlp: {
    kind: 'number',
    key: 'mae.mlp',
    label: 'Encoder MLP width',
    min: 8,
    max: 2048,
    default: 128,
    integer: true,
  },
  decoderWidth: {
    kind: 'number',
    key: 'mae.dw',
    label: 'Decoder width',
    min: 8,
    max: 256,
    default: 32,
    integer: true,
  },
  decoderDepth: {
    kind: 'number',
    key: 'mae.dd',
    label: 'Decoder depth',
    unit: 'blocks',
    min: 1,
    max: 8,
    default: 1,
    integer: true,
  },
  decoderHeads: {
    kind: 'number',
    key: 'mae.dh',
    label: 'Decoder heads',
    min: 1,
    max: 32,
    default: 2,
    integer: true,
  },
  decoderHeadDim: {
    kind: 'number',
    key: 'mae.dhd',
    label: 'Decoder head width',
    min: 4,
    max: 64,
    default: 16,
    integer: true,
  },
  decoderMlp: {
    kind: 'number',
    key: 'mae.dmlp',
    label: 'Decoder MLP width',
    min: 8,
    max: 1024,
    default: 64,
    integer: true,
  },
  maskRatio: {
    kind: 'number',
    key: 'mae.mask',
    label: 'Training mask ratio',
    min: 0.05,
    max: 0.95,
    step: 0.05,
    default: 0.75,
    help: 'The share of patches hidden from the model at every training step. It is part of the model once trained; to hide more or less of one view, use “Hidden share (this view)” in the Mask panel.',
  },
  positions: {
    kind: 'choice',
    key: 'mae.pos',
    label: 'Positional embedding',
    options: [
      { value: 'learned', label: 'Learned (as MAE-PDE)' },
      { value: 'sincos', label: 'Fixed sin-cos (as the original MAE)' },
    ],
    default: 'sincos',
    help: 'Learned positions start random and must first learn where each patch is; fixed sin-cos ones say it from the first step (the lab’s default, README “Masked autoencoder”).',
  },
  normalizeTargets: {
    kind: 'boolean',
    key: 'mae.norm',
    label: 'Per-patch normalized targets',
    default: false,
    help: 'Predict each hidden patch after removing its mean and scaling by its spread (He et al.); MAE-PDE does not.',
  },
  windowNorm: {
    kind: 'choice',
    key: 'mae.wn',
    label: 'Window scaling',
    options: [
      { value: 'visible', label: 'By the visible patches' },
      { value: 'none', label: 'None (as MAE-PDE)' },
    ],
    default: 'none',
    help: 'Each window is shifted and scaled by the mean and spread of its visible patches before the encoder sees it, and the reconstruction is scaled back with the same two numbers: every equation and initial condition reaches the model at one scale, and “predict the mean” is where training starts instead of a plateau. Only what the model sees is used (README, “The training recipe”).',
  },
  decoderNorm: {
    kind: 'boolean',
    key: 'mae.dn',
    label: 'LayerNorm at the decoder’s end',
    default: true,
    help: 'As MAE-PDE’s decoder (lucidrains’ Transformer ends with a LayerNorm).',
  },
  patchNorm: {
    kind: 'boolean',
    key: 'mae.pn',
    label: 'Normalize each patch before embedding',
    default: false,
    help: 'On (as MAE-PDE), the encoder sees each visible patch rescaled to zero mean and unit spread, blind to the level and amplitude the decoder must predict for hidden patches. Off by default here: at the lab’s scales it reconstructs better (README, “Masked autoencoder”).',
  },
  augment: {
    kind: 'boolean',
    key: 'mae.aug',
    label: 'Shift augmentation',
    default: true,
    help:
      'Half of the training batches are slid sideways by a random amount. A shifted simulation ' +
      'is still a valid simulation, so the model sees more varied data for free.\n\n' +
      'A random sub-grid translation (Fourier shift): a Lie point symmetry of these equations.',
  },
});

export type MaeConfig = SchemaValues<typeof maeSchema>;

export type MaePresetId = 'tiny' | 'classroom' | 'small' | 'paper';

export const MAE_PRESETS: Record<
  MaePresetId,
  { label: string; explanation: string; config: MaeConfig }
> = {
  tiny: {
    label: 'Tiny',
    explanation:
      'A few thousand parameters on 16² windows of 4 frames: for tests and a first look.',
    config: {
      ...defaults(maeSchema),
      size: 16,
      frames: 4,
      patchT: 2,
      patchXY: 4,
      width: 32,
      depth: 1,
      heads: 2,
      headDim: 16,
      mlp: 64,
      decoderWidth: 16,
      decoderDepth: 1,
      decoderHeads: 2,
      decoderHeadDim: 8,
      decoderMlp: 32,
    },
  },
  classroom: {
    label: 'Classroom',
    explanation:
      'About 80 k parameters on 32² windows of 4 frames, 128 tokens: the shipped pretrained model; trains on a laptop without a GPU.',
    config: defaults(maeSchema),
  },
  small: {
    label: 'Small',
    explanation:
      'About 0.64 M parameters on 32² windows of 8 frames, 256 tokens: minutes on a laptop GPU.',
    config: {
      ...defaults(maeSchema),
      frames: 8,
      width: 128,
      depth: 4,
      headDim: 32,
      mlp: 256,
      decoderWidth: 64,
      decoderDepth: 2,
      decoderHeads: 4,
      decoderMlp: 256,
    },
  },
  paper: {
    label: 'Paper',
    explanation:
      'MAE-PDE’s official 2-D model: 64² windows of 16 frames, 1024 tokens, 11 M parameters, mask 0.9.',
    config: {
      ...defaults(maeSchema),
      size: 64,
      frames: 16,
      patchT: 4,
      patchXY: 4,
      width: 256,
      depth: 8,
      heads: 32,
      headDim: 32,
      mlp: 512,
      decoderWidth: 32,
      decoderDepth: 4,
      decoderHeads: 16,
      decoderHeadDim: 16,
      decoderMlp: 128,
      maskRatio: 0.9,
      positions: 'learned',
      patchNorm: true,
    },
  },
};

/** Tokens along time, x and y, and each token's values (pt · px · py · channels). */
export function tokenGrid(config: MaeConfig, channels = 1) {
  const { size, frames, patchT, patchXY } = config;
  const grid = { t: frames / patchT, x: size / patchXY, y: size / patchXY };
  return { ...grid, count: grid.t * grid.x * grid.y, dim: patchT * patchXY * patchXY * channels };
}

/** Why a config cannot be built, in words; undefined when it can. */
export function maeConfigProblem(config: MaeConfig): string | undefined {
  if (config.frames % config.patchT !== 0) {
    return `The window (${config.frames} frames) must be a whole number of patch lengths (${config.patchT}).`;
  }
  if (config.size % config.patchXY !== 0) {
    return `The grid (${config.size}) must be a whole number of patch sides (${config.patchXY}).`;
  }
  const { count } = tokenGrid(config);
  const visible = count - Math.floor(config.maskRatio * count);
  if (visible < 1) return 'At this mask ratio no patch stays visible: lower the ratio.';
  if (config.positions === 'sincos') {
    // The factorized (t, x, y) table gives each axis an even share of the width (nn's
    // defaultSplit), which any even width allows.
    for (const [label, width] of [
      ['encoder', config.width],
      ['decoder', config.decoderWidth],
    ] as const) {
      if (width % 2 !== 0) {
        return `Sin-cos positions need an even ${label} width, not ${width}.`;
      }
    }
  }
  return undefined;
}

/**
 * Trainable parameters, counted from the architecture (methods.md §1b): patch embedding
 * [LN →] Linear → LN, positions (+ CLS), encoder blocks, decoder projection, decoder positions,
 * mask token, decoder blocks, output projection. Must equal the model's own count (tested).
 */
export function maeParameterCount(config: MaeConfig, channels = 1): number {
  const { count: tokens, dim } = tokenGrid(config, channels);
  const layerNorm = (d: number) => 2 * d;
  const linear = (i: number, o: number, bias = true) => i * o + (bias ? o : 0);
  const block = (width: number, heads: number, headDim: number, mlp: number) => {
    const inner = heads * headDim;
    // As lucidrains' Attention (nn/attention.ts): no output projection for one full-width head.
    const projectsOut = !(heads === 1 && headDim === width);
    return (
      layerNorm(width) +
      linear(width, 3 * inner, false) +
      (projectsOut ? linear(inner, width) : 0) +
      layerNorm(width) +
      linear(width, mlp) +
      linear(mlp, width)
    );
  };
  const learned = config.positions === 'learned';
  const encoder =
    (config.patchNorm ? layerNorm(dim) : 0) +
    linear(dim, config.width) +
    layerNorm(config.width) +
    (learned ? (tokens + 1) * config.width : 0) +
    config.width + // CLS token
    config.depth * block(config.width, config.heads, config.headDim, config.mlp);
  const decoder =
    // lucidrains' MAE projects to the decoder only when the widths differ (else an identity).
    (config.width !== config.decoderWidth ? linear(config.width, config.decoderWidth) : 0) +
    // MAE-PDE's nn.Embedding has tokens + 1 rows but only rows 0…tokens−1 are ever read; the
    // unused row is left out here.
    (learned ? tokens * config.decoderWidth : 0) +
    config.decoderWidth + // mask token
    config.decoderDepth *
      block(config.decoderWidth, config.decoderHeads, config.decoderHeadDim, config.decoderMlp) +
    (config.decoderNorm ? layerNorm(config.decoderWidth) : 0) +
    linear(config.decoderWidth, dim);
  return encoder + decoder;
}

/**
 * Settings added after checkpoints and pretrained manifests were first written, with the value every model saved before
 * then was built with: a checkpoint or manifest that lacks one loads with this value.
 */
export const MAE_SETTINGS_ADDED_LATER: Readonly<Partial<MaeConfig>> = {
  patchNorm: true,
  windowNorm: 'none',
  decoderNorm: false,
  augment: true,
};
