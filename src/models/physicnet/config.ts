/**
 * PhysicNet-style configuration (Wang et al., TKDE 2024, as methods §4 reconstructs it): a schema
 * the Model panel's controls and the URL are generated from, presets, the checks a config must
 * pass, and its parameter count from the config alone. Plain data: safe on the main thread.
 */
import { defaults, defineSchema, type SchemaValues } from '../../schema/params';

export const physicnetSchema = defineSchema({
  inputFrames: {
    kind: 'number',
    key: 'pn.tin',
    label: 'Input frames',
    unit: 'frames',
    min: 2,
    max: 16,
    default: 4,
    integer: true,
    help: 'Frames the model sees before it forecasts; the flow expert warms up on each consecutive pair (methods §4g: 10).',
  },
  outputFrames: {
    kind: 'number',
    key: 'pn.tout',
    label: 'Forecast frames',
    unit: 'frames',
    min: 1,
    max: 16,
    default: 6,
    integer: true,
    help: 'Frames forecast auto-regressively in latent space, each decoded to the field (methods §4g: 10).',
  },
  width: {
    kind: 'number',
    key: 'pn.w',
    label: 'Encoder width',
    min: 4,
    max: 256,
    default: 32,
    integer: true,
    help: 'Channels of the convolutional encoders, decoders and flow experts (PastNet: 64–128). Must be even: the encoder’s first layer has half as many.',
  },
  codeDim: {
    kind: 'number',
    key: 'pn.d',
    label: 'Code dimension',
    min: 2,
    max: 256,
    default: 32,
    integer: true,
    help: 'Length of each latent cell’s vector and of each codebook entry (PastNet: 64).',
  },
  codes: {
    kind: 'number',
    key: 'pn.k',
    label: 'Codebook size',
    unit: 'codes',
    min: 2,
    max: 1024,
    default: 128,
    integer: true,
    help: 'Entries of the prior bank every latent cell is snapped to (PastNet: 512; the browser: 128).',
  },
  flowIterations: {
    kind: 'number',
    key: 'pn.it',
    label: 'Flow refinements',
    unit: 'per step',
    min: 1,
    max: 8,
    default: 3,
    integer: true,
    help: 'ConvGRU updates of the estimated flow per frame (RAFT-lite; methods §4: 3–4).',
  },
  crops: {
    kind: 'number',
    key: 'pn.h',
    label: 'Local crops',
    min: 1,
    max: 9,
    default: 4,
    integer: true,
    help: 'Random crops of half the grid’s side (a quarter of its area) the local experts forecast, at new places every step; at test time a fixed tiling.',
  },
  local: {
    kind: 'boolean',
    key: 'pn.local',
    label: 'Local branch',
    default: true,
    help: 'The local experts on crops, fused into the global forecast by a learnt gate. Off: the “no local branch” ablation.',
  },
  flow: {
    kind: 'boolean',
    key: 'pn.flow',
    label: 'Optical-flow expert',
    default: true,
    help: 'The next latent is the current one warped by an estimated flow, plus a correction. Off: the “no flow” ablation, a convolutional predictor instead.',
  },
  quantize: {
    kind: 'boolean',
    key: 'pn.vq',
    label: 'Vector quantization',
    default: true,
    help: 'Latent cells are snapped to the nearest codebook entry (straight-through gradient, EMA codebook). Off: the “no VQ” ablation, continuous latents.',
  },
  residual: {
    kind: 'boolean',
    key: 'pn.res',
    label: 'Forecast the change',
    default: true,
    help: 'Each forecast frame is the last input frame plus the decoded change, D(ẑ) − D(z_last): the codebook’s rounding of what stays put cancels, and an untrained model starts as persistence. Ours, not the paper’s: without it the quantized model forecasts worse than copying the last frame here.',
  },
  localWeight: {
    kind: 'number',
    key: 'pn.lloc',
    label: 'Local loss weight',
    min: 0,
    max: 10,
    default: 0.5,
    step: 0.05,
    help: 'λ_loc: the weight of the local experts’ own error on their crops (methods §4c: 0.5).',
  },
  reconstructionWeight: {
    kind: 'number',
    key: 'pn.lrec',
    label: 'Reconstruction loss weight',
    min: 0,
    max: 10,
    default: 1,
    step: 0.05,
    help: 'Weight of decoding the quantized input frames back to themselves, which keeps the codebook meaningful (methods §4c’s optional term).',
  },
  beta: {
    kind: 'number',
    key: 'pn.beta',
    label: 'Commitment cost',
    min: 0,
    max: 2,
    default: 0.25,
    step: 0.05,
    help: 'β of the VQ commitment loss β‖z − sg(e)‖² (PastNet: 0.25).',
  },
  decay: {
    kind: 'number',
    key: 'pn.ema',
    label: 'Codebook EMA decay',
    min: 0.5,
    max: 0.9999,
    default: 0.99,
    help: 'How slowly each code follows the mean of the latents assigned to it (PastNet: 0.99).',
  },
});

export type PhysicNetConfig = SchemaValues<typeof physicnetSchema>;

export type PhysicNetPresetId = 'tiny' | 'small' | 'paper';

export const PHYSICNET_PRESETS: Record<
  PhysicNetPresetId,
  { label: string; explanation: string; config: PhysicNetConfig }
> = {
  tiny: {
    label: 'Tiny',
    explanation:
      'Width 8, 8-number codes, a 16-entry codebook, one flow refinement, 2 input and 2 forecast frames: for tests and a first look on any machine.',
    config: {
      ...defaults(physicnetSchema),
      inputFrames: 2,
      outputFrames: 2,
      width: 8,
      codeDim: 8,
      codes: 16,
      flowIterations: 1,
      crops: 2,
    },
  },
  small: {
    label: 'Small',
    explanation:
      'The browser configuration of methods §4g, scaled to train on a laptop: width 32, 32-number codes, 128 codes, 3 flow refinements, 4 crops, 4 input and 6 forecast frames.',
    config: defaults(physicnetSchema),
  },
  paper: {
    label: 'Paper-shaped',
    explanation:
      'PastNet’s sizes (width 128, 64-number codes, 512 codes), 4 flow refinements, 10 input and 10 forecast frames: for a GPU.',
    config: {
      ...defaults(physicnetSchema),
      inputFrames: 10,
      outputFrames: 10,
      width: 128,
      codeDim: 64,
      codes: 512,
      flowIterations: 4,
    },
  },
};

/** Each encoder halves the grid twice. */
export const PHYSICNET_DOWNSAMPLING = 4;

/** A crop's side as a share of the grid's: a quarter of its area (methods §4b: < 50 %). */
export const CROP_FRACTION = 0.5;

/** Why a config cannot be built, in words; undefined when it can. */
export function physicnetConfigProblem(config: PhysicNetConfig): string | undefined {
  if (config.width % 2 !== 0) {
    return `The encoder width (${config.width}) must be even: the encoder’s first layer has half as many channels.`;
  }
  return undefined;
}

/** Why a grid cannot be read, in words: each crop must encode to at least 2 × 2 latent cells. */
export function physicnetGridProblem(x: number, y: number): string | undefined {
  const least = (2 * PHYSICNET_DOWNSAMPLING) / CROP_FRACTION;
  if (x !== y || x % least !== 0) {
    return `PhysicNet-style reads square grids whose side is a multiple of ${least} (the encoders halve it twice and a crop is half of it); this one is ${x} × ${y}.`;
  }
  return undefined;
}

const conv = (i: number, o: number, k: number) => k * k * i * o + o;

function encoderCount(c: number, w: number, d: number): number {
  const half = w / 2;
  const residual = conv(w, half, 3) + conv(half, w, 1);
  return conv(c, half, 4) + conv(half, w, 4) + conv(w, w, 3) + 2 * residual + conv(w, d, 1);
}

function decoderCount(c: number, w: number, d: number): number {
  const half = w / 2;
  const residual = conv(w, half, 3) + conv(half, w, 1);
  return conv(d, w, 3) + 2 * residual + conv(w, half, 4) + conv(half, c, 4);
}

/** The flow expert (ConvGRU, flow head, correction) or, without flow, a conv predictor. */
function expertCount(config: PhysicNetConfig): number {
  const { width: f, codeDim: d } = config;
  if (!config.flow) return conv(2 * d, f, 3) + conv(f, f, 3) + conv(f, d, 3);
  const context = conv(d, 2 * f, 3);
  const motion = conv(2 * d + 2, f, 3);
  const gru = 3 * conv(3 * f, f, 3);
  const head = conv(f, f, 3) + conv(f, 2, 3);
  return context + motion + gru + head + conv(f, d, 1);
}

/**
 * Trainable parameters: per level (global, and local when on) an encoder, an expert and a
 * decoder, plus the fusion gate. The EMA codebook learns without gradients and is not counted.
 * Must equal the built model's own count (tested).
 */
export function physicnetParameterCount(config: PhysicNetConfig, channels = 1): number {
  const { width: w, codeDim: d } = config;
  const level = encoderCount(channels, w, d) + expertCount(config) + decoderCount(channels, w, d);
  const gate = conv(2 * channels + 1, channels, 3);
  return config.local ? 2 * level + gate : level;
}

/** Settings added after checkpoints were first written, as those checkpoints were trained. */
export const PHYSICNET_SETTINGS_ADDED_LATER: Readonly<Partial<PhysicNetConfig>> = {
  residual: false,
};
