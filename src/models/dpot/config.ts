/**
 * DPOT's configuration (Hao et al., ICML 2024; methods §2): a schema the Model panel's controls
 * and the URL will be generated from, presets, the checks a config must pass, and its parameter
 * count from the config alone. Plain data: safe on the main thread.
 */
import { defaults, defineSchema, type SchemaValues } from '../../schema/params';

export const dpotSchema = defineSchema({
  size: {
    kind: 'number',
    key: 'dpot.n',
    label: 'Grid',
    unit: 'points per side',
    min: 4,
    max: 256,
    default: 32,
    integer: true,
    help: 'The square grid the model reads: datasets must have it (DPOT: 128; methods §2g: 64; the classroom preset: 32).',
  },
  inputFrames: {
    kind: 'number',
    key: 'dpot.tin',
    label: 'Input frames',
    unit: 'frames',
    min: 1,
    max: 16,
    default: 10,
    integer: true,
    help: 'Past frames the model reads to predict the next one (DPOT: 10).',
  },
  patchSize: {
    kind: 'number',
    key: 'dpot.p',
    label: 'Patch side',
    unit: 'points',
    min: 1,
    max: 16,
    default: 4,
    integer: true,
    help: 'Each patch of p × p points becomes one token; the Fourier blocks work on the grid of patches (DPOT: 8 at 128², giving 16 × 16 tokens).',
  },
  width: {
    kind: 'number',
    key: 'dpot.w',
    label: 'Width',
    min: 8,
    max: 1024,
    default: 64,
    integer: true,
    help: 'Channels of every token (DPOT-Ti: 512). A multiple of 8 (the GroupNorm groups) and of the block count.',
  },
  depth: {
    kind: 'number',
    key: 'dpot.l',
    label: 'Fourier blocks',
    min: 1,
    max: 24,
    default: 4,
    integer: true,
    help: 'Fourier-attention blocks, each a spectral token mixer and a pointwise MLP (DPOT-Ti: 4).',
  },
  blocks: {
    kind: 'number',
    key: 'dpot.nb',
    label: 'Weight blocks',
    min: 1,
    max: 32,
    default: 4,
    integer: true,
    help: 'The Fourier mixer’s complex weights are block-diagonal: channels split into this many independent groups, like attention heads (DPOT-Ti: 4).',
  },
  modes: {
    kind: 'number',
    key: 'dpot.m',
    label: 'Fourier modes',
    min: 1,
    max: 64,
    default: 32,
    integer: true,
    help: 'The mixer acts on the first m frequency indices of each axis of the patch grid’s spectrum and zeroes the rest (DPOT: 32, which keeps all of a 16 × 16 grid).',
  },
  mlpRatio: {
    kind: 'number',
    key: 'dpot.mlp',
    label: 'MLP ratio',
    min: 1,
    max: 8,
    default: 1,
    integer: true,
    help: 'Hidden width of each block’s pointwise MLP, as a multiple of the width (DPOT-Ti: 1).',
  },
  timeAggregation: {
    kind: 'choice',
    key: 'dpot.ta',
    label: 'Time aggregation',
    options: [
      { value: 'exp_mlp', label: 'Fourier-weighted' },
      { value: 'mlp', label: 'Plain' },
    ],
    default: 'exp_mlp',
    help: 'How the input frames are folded into one latent grid: a learnt matrix per frame, applied after weighting each channel by cos(γ·t) with learnt frequencies γ (DPOT’s default), or without that weighting.',
  },
  outLayerDim: {
    kind: 'number',
    key: 'dpot.od',
    label: 'Output head width',
    min: 1,
    max: 256,
    default: 32,
    integer: true,
    help: 'Channels of the head that turns tokens back into a field: a transposed conv over each patch, then two 1 × 1 convs (DPOT: 32).',
  },
  softshrink: {
    kind: 'number',
    key: 'dpot.ss',
    label: 'Spectral soft-threshold',
    min: 0,
    max: 1,
    default: 0,
    step: 0.005,
    help: 'λ of a soft-shrink on the mixed spectrum, which pushes small modes to zero (AFNO’s sparsity). 0 is off, as in DPOT’s released code; AFNO’s value is 0.01.',
  },
  noise: {
    kind: 'number',
    key: 'dpot.noise',
    label: 'Input noise',
    min: 0,
    max: 1,
    default: 0.2,
    step: 0.01,
    help: 'Training only: Gaussian noise added to the input frames, as a fraction of each sample’s root-mean-square value per channel, so that the model learns to undo its own rollout errors. DPOT’s 5e-4 times the window’s norm is ≈ 0.2 of the RMS at 128² × 10.',
  },
  pushforward: {
    kind: 'number',
    key: 'dpot.pf',
    label: 'Pushforward steps',
    min: 0,
    max: 8,
    default: 0,
    integer: true,
    help: 'Training only: the model first rolls each window forward this many steps on its own predictions, without gradient, and learns the next frame from there (the pushforward trick of Brandstetter et al.), so it trains on inputs like a rollout’s. 0 is DPOT’s one-step training; the data need this many more frames.',
  },
});

export type DpotConfig = SchemaValues<typeof dpotSchema>;

/** Settings added after the first DPOT checkpoints, with the value those were trained with. */
export const DPOT_SETTINGS_ADDED_LATER: Partial<DpotConfig> = { pushforward: 0 };

/** Frames one training window spans: the inputs, the pushforward steps and the target. */
export function dpotTrainingFrames(
  config: Pick<DpotConfig, 'inputFrames' | 'pushforward'>,
): number {
  return config.inputFrames + config.pushforward + 1;
}

export type DpotPresetId = 'tiny' | 'classroom' | 'small' | 'paper-tiny';

/** DPOT's noise_scale ε for Ti, S and M (configs/pretrain_*.yaml). */
export const OFFICIAL_NOISE_SCALE = 5e-4;

/** σ_rel = ε·√(T·H·W): DPOT multiplies ε by the window's norm, not by its RMS (methods §2c). */
export function relativeNoise(epsilon: number, frames: number, size: number): number {
  return epsilon * Math.sqrt(frames * size * size);
}

export const DPOT_PRESETS: Record<
  DpotPresetId,
  { label: string; explanation: string; config: DpotConfig }
> = {
  tiny: {
    label: 'Tiny',
    explanation:
      'Width 16, one Fourier block on a 4 × 4 patch grid, 3 input frames on a 16² grid: for tests and a first look.',
    config: {
      ...defaults(dpotSchema),
      size: 16,
      inputFrames: 3,
      patchSize: 4,
      width: 16,
      depth: 1,
      blocks: 2,
      outLayerDim: 8,
    },
  },
  classroom: {
    label: 'Classroom',
    explanation:
      'Methods §2g’s model at half the grid and width: 10 frames on a 32² grid, patch 4 (8 × 8 tokens, all modes kept), width 64, 4 Fourier blocks; about 0.13 M parameters, ten times quicker a step than Small on a CPU. The shipped model.',
    config: defaults(dpotSchema),
  },
  small: {
    label: 'Small',
    explanation:
      'The browser configuration of methods §2g: 10 frames on a 64² grid, patch 4 (16 × 16 tokens, all modes kept), width 128, 4 blocks of 4 weight blocks; about 0.47 M parameters.',
    config: { ...defaults(dpotSchema), size: 64, width: 128 },
  },
  'paper-tiny': {
    label: 'Paper (DPOT-Ti)',
    explanation:
      'DPOT-Ti as pretrained (configs/pretrain_tiny.yaml): 10 frames on a 128² grid, patch 8, width 512, 4 blocks, noise 5e-4; 7.0 M parameters with 4 channels. For a GPU.',
    config: {
      ...defaults(dpotSchema),
      size: 128,
      patchSize: 8,
      width: 512,
      noise: relativeNoise(OFFICIAL_NOISE_SCALE, 10, 128),
    },
  },
};

/** DPOT's GroupNorm(8, width) in every block (models/dpot.py). */
export const DPOT_NORM_GROUPS = 8;

/** Side of the patch grid the Fourier blocks work on. */
export function dpotLatentSize(config: DpotConfig): number {
  return config.size / config.patchSize;
}

/**
 * The kept block of the patch grid's half spectrum, as DPOT's `x[:, :modes, :modes]`: the first
 * `modes` row indices (so negative row frequencies go first when modes < side) and columns.
 */
export function dpotKeptModes(config: DpotConfig): { rows: number; columns: number } {
  const side = dpotLatentSize(config);
  return { rows: Math.min(config.modes, side), columns: Math.min(config.modes, side / 2 + 1) };
}

/** Why a config cannot be built, in words; undefined when it can. */
export function dpotConfigProblem(config: DpotConfig): string | undefined {
  const { size, patchSize, width, blocks } = config;
  if (size % patchSize !== 0) {
    return `The grid (${size}) must be a whole number of patch sides (${patchSize}).`;
  }
  const side = size / patchSize;
  // The shared dense DFT splits the rows into positive and negative halves of equal length.
  if (side < 2 || side % 2 !== 0) {
    return `The patch grid (${size} / ${patchSize} = ${side} per side) must be even and at least 2.`;
  }
  if (width % blocks !== 0) {
    return `The width (${width}) must be a multiple of the weight blocks (${blocks}).`;
  }
  if (width % DPOT_NORM_GROUPS !== 0) {
    return `The width (${width}) must be a multiple of ${DPOT_NORM_GROUPS}, the GroupNorm groups.`;
  }
  return undefined;
}

const linear = (i: number, o: number) => i * o + o;
const conv = (i: number, o: number, k: number) => k * k * i * o + o;

/**
 * Trainable parameters: patch embedding, positions, time aggregation, blocks (two GroupNorms,
 * the AFNO mixer's complex block-diagonal 2-layer MLP, the pointwise MLP), output head. DPOT's
 * dataset-classification head is left out (its loss is never trained, methods §2b.10), so
 * DPOT-Ti counts 7.00 M here against 7.53 M with it. Must equal the built model's count (tested).
 */
export function dpotParameterCount(config: DpotConfig, channels = 1): number {
  const { width: d, patchSize: p, inputFrames: t, blocks, outLayerDim: od } = config;
  const side = dpotLatentSize(config);
  const embedHidden = channels * p + 3;
  const patchEmbed = conv(channels + 3, embedHidden, p) + linear(embedHidden, d);
  const positions = side * side * d;
  const timeAggregation = t * d * d + (config.timeAggregation === 'exp_mlp' ? d : 0);
  const blockSize = d / blocks;
  const afno = 2 * (2 * blocks * blockSize * blockSize + 2 * blocks * blockSize);
  const hidden = d * config.mlpRatio;
  const block = 2 * 2 * d + afno + linear(d, hidden) + linear(hidden, d);
  const head = p * p * d * od + od + linear(od, od) + linear(od, channels);
  return patchEmbed + positions + timeAggregation + config.depth * block + head;
}
