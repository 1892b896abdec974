/**
 * DINo's configuration (Yin et al., ICLR 2023): a schema the Model panel's controls and the URL are
 * generated from, presets, the checks a config must pass, and its parameter count (from the config
 * alone, so the UI can show it without tfjs). Plain data: safe on the main thread.
 */
import { defaults, defineSchema, type SchemaValues } from '../../schema/params';

export const dinoSchema = defineSchema({
  codeDim: {
    kind: 'number',
    key: 'dino.code',
    label: 'Code size',
    unit: 'numbers per channel',
    min: 1,
    max: 512,
    default: 64,
    integer: true,
    help: 'Each frame of each state channel is summarised by this many numbers, the code the decoder reads and the dynamics evolve.',
  },
  decoderWidth: {
    kind: 'number',
    key: 'dino.w',
    label: 'Decoder width',
    min: 4,
    max: 512,
    default: 64,
    integer: true,
    help: 'Hidden features of the FourierNet decoder; half are sines, half cosines, so it must be even.',
  },
  decoderLayers: {
    kind: 'number',
    key: 'dino.l',
    label: 'Decoder layers',
    min: 1,
    max: 8,
    default: 3,
    integer: true,
    help: 'Code-shifted layers after the first filter (DINo: 3, so 4 sinusoidal filters).',
  },
  inputScale: {
    kind: 'number',
    key: 'dino.scale',
    label: 'Frequency scale',
    min: 1,
    max: 1024,
    default: 64,
    log: true,
    help: 'Sets the filters’ frequency range: frequencies start uniform in ±scale/√(2·(layers+1)) radians per unit, on coordinates spanning 0.5 (DINo: 64).',
  },
  dynamicsWidth: {
    kind: 'number',
    key: 'dino.dh',
    label: 'Dynamics width',
    min: 8,
    max: 2048,
    default: 256,
    integer: true,
    help: 'Hidden width of the MLP giving the codes’ time derivative (DINo: 512 for Navier–Stokes, 256 for wave).',
  },
  dt: {
    kind: 'number',
    key: 'dino.dt',
    label: 'Frame interval',
    unit: 'time units',
    min: 0.01,
    max: 10,
    default: 1,
    log: true,
    help: 'The time between frames the latent ODE integrates over, one RK4 step per frame (DINo: 1 for Navier–Stokes, 0.25 for wave).',
  },
  trainFrames: {
    kind: 'number',
    key: 'dino.tf',
    label: 'Training frames',
    unit: 'frames',
    min: 2,
    max: 64,
    default: 10,
    integer: true,
    help: 'Training sees only the first frames of each trajectory; later frames test extrapolation in time (Out-t).',
  },
  subsamplingRate: {
    kind: 'number',
    key: 'dino.s',
    label: 'Observed share of the grid',
    min: 0.05,
    max: 1,
    step: 0.05,
    default: 0.25,
    help: 'Each grid point is observed with this probability, the same points for every trajectory and time; the others test interpolation in space (Out-s).',
  },
  maskSeed: {
    kind: 'number',
    key: 'dino.ms',
    label: 'Observation seed',
    min: 0,
    max: 2147483647,
    default: 1,
    integer: true,
    help: 'Which points are observed. A different seed draws a new grid.',
  },
  trainingMode: {
    kind: 'choice',
    key: 'dino.mode',
    label: 'Update schedule',
    options: [
      { value: 'faithful', label: 'As DINo: networks step once per epoch' },
      { value: 'simple', label: 'Everything steps every batch' },
    ],
    default: 'faithful',
    help: 'DINo steps the codes every batch, but the decoder and the dynamics only once per epoch, on the gradients summed over the epoch.',
  },
  decayEvery: {
    kind: 'number',
    key: 'dino.tfd',
    label: 'Teacher-forcing decay interval',
    unit: 'iterations',
    min: 1,
    max: 10000,
    default: 10,
    integer: true,
    help: 'The chance of restarting the rollout from a fitted code starts at 0.99 and is multiplied by 0.99 every this many iterations; below 0.001 the rollout runs free (DINo: 100).',
  },
  codeLrRatio: {
    kind: 'number',
    key: 'dino.clr',
    label: 'Code learning rate',
    unit: '× decoder’s',
    min: 0.001,
    max: 10,
    default: 0.1,
    log: true,
    help: 'The codes’ Adam learning rate as a share of the decoder’s (DINo: 1e-3 against 1e-2).',
  },
  dynamicsLrRatio: {
    kind: 'number',
    key: 'dino.dlr',
    label: 'Dynamics learning rate',
    unit: '× decoder’s',
    min: 0.001,
    max: 10,
    default: 0.1,
    log: true,
    help: 'The dynamics’ Adam learning rate as a share of the decoder’s (DINo: 1e-3 against 1e-2).',
  },
  fitSteps: {
    kind: 'number',
    key: 'dino.fit',
    label: 'Code-fitting steps',
    min: 1,
    max: 5000,
    default: 300,
    integer: true,
    help: 'A new trajectory gets its first code by this many Adam steps on its first frame, decoder frozen (DINo: 300, 500 for wave).',
  },
  fitLr: {
    kind: 'number',
    key: 'dino.fitlr',
    label: 'Code-fitting learning rate',
    min: 0.0001,
    max: 1,
    default: 0.01,
    log: true,
  },
});

export type DinoConfig = SchemaValues<typeof dinoSchema>;

export type DinoPresetId = 'tiny' | 'classroom' | 'small' | 'paper' | 'paperWave';

/** The decoder's learning rate in DINo (Adam); codes and dynamics use a tenth of it. */
export const DINO_DECODER_LR = 1e-2;

export const DINO_PRESETS: Record<
  DinoPresetId,
  { label: string; explanation: string; config: DinoConfig }
> = {
  tiny: {
    label: 'Tiny',
    explanation:
      'About 3.7 k parameters: 8-number codes, a 16-wide decoder with 2 layers; for tests and a first look.',
    config: {
      ...defaults(dinoSchema),
      codeDim: 8,
      decoderWidth: 16,
      decoderLayers: 2,
      dynamicsWidth: 32,
      subsamplingRate: 0.5,
      fitSteps: 50,
    },
  },
  classroom: {
    label: 'Classroom',
    explanation:
      'About 52 k parameters for the wave’s two channels: 16 numbers per channel, a 48-wide decoder, dynamics 128 wide; trained on a quarter of the grid with per-batch steps, so it learns on a laptop without a GPU (the shipped wave model).',
    config: {
      ...defaults(dinoSchema),
      codeDim: 16,
      decoderWidth: 48,
      dynamicsWidth: 128,
      trainingMode: 'simple',
      decayEvery: 5,
    },
  },
  small: {
    label: 'Small',
    explanation:
      'The browser configuration, 0.19 M parameters: 64-number codes, DINo’s decoder (width 64, 3 layers), dynamics 256 wide; 25 % of the grid observed, teacher forcing fading 10× faster than DINo’s.',
    config: defaults(dinoSchema),
  },
  paper: {
    label: 'Paper (Navier–Stokes)',
    explanation:
      'DINo’s Navier–Stokes model: 100-number codes, decoder width 64 with 3 layers, dynamics 512 wide, 0.67 M parameters, full grid.',
    config: {
      ...defaults(dinoSchema),
      codeDim: 100,
      dynamicsWidth: 512,
      subsamplingRate: 1,
      decayEvery: 100,
    },
  },
  paperWave: {
    label: 'Paper (wave)',
    explanation:
      'DINo’s wave model, for two state channels (u and ∂u/∂t): 50 numbers per channel, dynamics 256 wide, frames 0.25 apart, 500 code-fitting steps.',
    config: {
      ...defaults(dinoSchema),
      codeDim: 50,
      dynamicsWidth: 256,
      dt: 0.25,
      subsamplingRate: 1,
      decayEvery: 100,
      fitSteps: 500,
    },
  },
};

/** Coordinates the decoder reads: (x, y). */
export const DINO_COORDINATE_DIM = 2;

/** ω = weight × input_scale/√(layers + 1), as FourierNet's weight_scale. */
export function filterWeightScale(config: Pick<DinoConfig, 'inputScale' | 'decoderLayers'>) {
  return config.inputScale / Math.sqrt(config.decoderLayers + 1);
}

/** Why a config cannot be built, in words; undefined when it can. */
export function dinoConfigProblem(config: DinoConfig): string | undefined {
  if (config.decoderWidth % 2 !== 0) {
    return `The decoder width (${config.decoderWidth}) must be even: half its features are sines, half cosines.`;
  }
  return undefined;
}

/**
 * Trainable parameters of the decoder and the dynamics (the per-frame training codes are data,
 * not model, and are not counted). Must equal the built model's own count (tested).
 */
export function dinoParameterCount(config: DinoConfig, channels = 1): number {
  return decoderParameterCount(config) + dynamicsParameterCount(config, channels);
}

/**
 * - Filters: (layers + 1) × coordinates × width/2 frequencies.
 * - Layer 0: code → width map A and a bias. DINo's layer 0 also holds a width × 2 matrix B that
 *   multiplies x·0 and so never gets a gradient; it is left out (2·width fewer than DINo's count).
 * - Layers 1…L: A (code → width), B (width → width), bias.
 * - Output: width → 1 with bias (one decoder shared by every channel).
 */
export function decoderParameterCount(config: DinoConfig): number {
  const { codeDim: d, decoderWidth: w, decoderLayers: layers } = config;
  const filters = (layers + 1) * DINO_COORDINATE_DIM * (w / 2);
  const first = d * w + w;
  const later = layers * (d * w + w * w + w);
  return filters + first + later + w + 1;
}

/** D → h → h → h → D Linear layers (D = channels × code) and a Swish β after each of the first three. */
export function dynamicsParameterCount(config: DinoConfig, channels = 1): number {
  const { codeDim, dynamicsWidth: h } = config;
  const D = channels * codeDim;
  const linear = (i: number, o: number) => i * o + o;
  return linear(D, h) + 2 * linear(h, h) + linear(h, D) + 3;
}

/** Iterations until teacher forcing ends: ε = 0.99^(k+1) first falls below 1e-3 at k = 687 decays. */
export function freeRolloutFrom(config: Pick<DinoConfig, 'decayEvery'>): number {
  return TEACHER_FORCING_DECAYS * config.decayEvery;
}

export const TEACHER_FORCING_START = 0.99;
export const TEACHER_FORCING_FACTOR = 0.99;
export const TEACHER_FORCING_FLOOR = 1e-3;
const TEACHER_FORCING_DECAYS = Math.ceil(
  Math.log(TEACHER_FORCING_FLOOR / TEACHER_FORCING_START) / Math.log(TEACHER_FORCING_FACTOR),
);

/**
 * DINo's teacher-forcing probability at iteration `index` (utils.scheduling): 0.99, multiplied by
 * 0.99 after every `decayEvery` iterations, and 0 once below 1e-3.
 */
export function teacherForcingEpsilon(index: number, decayEvery: number): number {
  const decays = Math.floor(index / decayEvery);
  const epsilon = TEACHER_FORCING_START * TEACHER_FORCING_FACTOR ** decays;
  return epsilon < TEACHER_FORCING_FLOOR ? 0 : epsilon;
}

/**
 * Settings added after checkpoints were first written, with the value every model saved before
 * then was built with: a checkpoint that lacks one loads with this value. None yet.
 */
export const DINO_SETTINGS_ADDED_LATER: Readonly<Partial<DinoConfig>> = {};
