/**
 * A small FNO time-stepper, optionally conditioned (MAE-PDE's downstream stepper; DINo's grid
 * baseline uses it plain): a window of T frames (frames × channels as the
 * network's channels) → the next T frames, through a lift, Fourier blocks and a projection. When
 * conditioned, a Linear maps the condition features (the MAE's CLS output, or the true
 * coefficients) to an embedding that enters every block twice: added before its GELU, and as
 * per-mode complex multipliers (1 + FreqLinear(embedding)) on the kept Fourier modes.
 */
import * as tf from '@tensorflow/tfjs';
import {
  createDft2dTables,
  initSpectralWeights,
  irdft2,
  rdft2,
  spectralMul,
  type ComplexTensor,
  type Dft2dTables,
} from './dft';
import { gelu } from './gelu';
import { initLinear, linear } from './linear';
import { Params } from './params';

export interface StepperConfig {
  /** Frames per window (T): the input and the output. */
  frames: number;
  /** Field channels per frame. */
  channels: number;
  /** Square grid side. */
  size: number;
  width: number;
  /** Fourier modes asked for per axis; clipped to what the grid holds (stepperModes). */
  modes: number;
  blocks: number;
  embedDim: number;
  /** Condition features per window; 0 for the plain, unconditioned FNO. */
  conditionDim: number;
}

export const STEPPER_DEFAULTS = { width: 24, modes: 8, blocks: 4, embedDim: 16 } as const;

export interface Stepper {
  readonly params: Params;
  readonly config: StepperConfig;
  readonly tables: Dft2dTables;
  dispose(): void;
}

/** Kept rows (each sign) and half-spectrum columns for `modes` on a size × size grid. */
export function stepperModes(size: number, modes: number): { modesH: number; modesW: number } {
  if (!Number.isInteger(modes) || modes < 1) {
    throw new RangeError(`Fourier modes must be a whole number ≥ 1 (got ${modes}).`);
  }
  return {
    modesH: Math.min(modes, Math.floor(size / 2)),
    modesW: Math.min(modes, Math.floor(size / 2) + 1),
  };
}

function checkConfig(config: StepperConfig): void {
  const whole = ['frames', 'channels', 'size', 'width', 'blocks', 'embedDim'] as const;
  for (const key of whole) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`The stepper's ${key} must be a whole number ≥ 1 (got ${value}).`);
    }
  }
  if (!Number.isInteger(config.conditionDim) || config.conditionDim < 0) {
    throw new RangeError(`conditionDim must be a whole number ≥ 0 (got ${config.conditionDim}).`);
  }
  if (config.size < 2) throw new RangeError('The stepper needs a grid of at least 2 × 2.');
}

/** Builds the parameters (PyTorch-like init, seeded by name). */
export function createStepper(config: StepperConfig, seed = 0): Stepper {
  checkConfig(config);
  const { modesH, modesW } = stepperModes(config.size, config.modes);
  const tables = createDft2dTables(config.size, config.size, modesH, modesW);
  const params = new Params(seed);
  const { width, embedDim } = config;
  const io = config.frames * config.channels;
  const conditioned = config.conditionDim > 0;
  const kept = tables.rows.length * tables.modesW;
  try {
    if (conditioned) initLinear(params, 'embed', config.conditionDim, embedDim);
    initLinear(params, 'lift0', io, width);
    initLinear(params, 'lift1', width, width);
    for (let b = 0; b < config.blocks; b++) {
      initSpectralWeights(params, `block${b}.spectral`, tables, width, width);
      initLinear(params, `block${b}.pointwise`, width, width);
      if (conditioned) {
        initLinear(params, `block${b}.cond`, embedDim, width);
        // MAE-PDE's FreqLinear init: N(0, 1)/(in + out), zero bias, so the multipliers start ≈ 1.
        const outputs = 2 * kept;
        params.normal(`block${b}.freq.weight`, [embedDim, outputs], 0, 1 / (embedDim + outputs));
        params.constant(`block${b}.freq.bias`, [outputs], 0);
      }
    }
    initLinear(params, 'project0', width, width);
    initLinear(params, 'project1', width, io);
  } catch (error) {
    params.dispose();
    tables.dispose();
    throw error;
  }
  return {
    params,
    config,
    tables,
    dispose() {
      params.dispose();
      tables.dispose();
    },
  };
}

/** [B, T, S, S, C] → [B, S, S, T·C]: frames become channels. */
function framesToChannels(windows: tf.Tensor, config: StepperConfig): tf.Tensor4D {
  const [b, t, x, y, c] = windows.shape as number[];
  if (
    windows.rank !== 5 ||
    t !== config.frames ||
    x !== config.size ||
    y !== config.size ||
    c !== config.channels
  ) {
    throw new Error(
      `The stepper reads windows [B, ${config.frames}, ${config.size}, ${config.size}, ${config.channels}], got [${windows.shape.join(', ')}].`,
    );
  }
  return windows.transpose([0, 2, 3, 1, 4]).reshape([b!, x!, y!, t! * c!]) as tf.Tensor4D;
}

function channelsToFrames(h: tf.Tensor4D, config: StepperConfig): tf.Tensor5D {
  const [b, x, y] = h.shape;
  return h
    .reshape([b, x, y, config.frames, config.channels])
    .transpose([0, 3, 1, 2, 4]) as tf.Tensor5D;
}

/** Element-wise complex product of a spectrum [B, kH, mW, C] with multipliers [B, kH, mW, 1]. */
function multiplyModes(x: ComplexTensor, m: ComplexTensor): ComplexTensor {
  return {
    re: x.re.mul(m.re).sub(x.im.mul(m.im)),
    im: x.re.mul(m.im).add(x.im.mul(m.re)),
  };
}

/** The per-mode multipliers 1 + FreqLinear(embedding), as [B, kH, mW, 1] real and imaginary parts. */
function modeMultipliers(model: Stepper, block: number, embedding: tf.Tensor2D): ComplexTensor {
  const { rows, modesW } = model.tables;
  const kept = rows.length * modesW;
  const b = embedding.shape[0];
  const out = linear(model.params, `block${block}.freq`, embedding);
  const part = (begin: number) =>
    out.slice([0, begin], [b, kept]).reshape([b, rows.length, modesW, 1]);
  return { re: part(0).add(1), im: part(kept) };
}

/**
 * The next window [B, T, S, S, C] from the current one. `condition` [B, conditionDim] is read
 * only by a conditioned stepper (required there); the plain one ignores it.
 */
export function applyStepper(
  model: Stepper,
  windows: tf.Tensor,
  condition?: tf.Tensor2D,
): tf.Tensor5D {
  return tf.tidy(() => {
    const { config, params, tables } = model;
    let embedding: tf.Tensor2D | undefined;
    if (config.conditionDim > 0) {
      if (!condition || condition.rank !== 2 || condition.shape[1] !== config.conditionDim) {
        throw new Error(
          `This stepper is conditioned on ${config.conditionDim} features per window; got ${condition ? `[${condition.shape.join(', ')}]` : 'none'}.`,
        );
      }
      embedding = linear(params, 'embed', condition) as tf.Tensor2D;
    }
    let h = gelu(linear(params, 'lift0', framesToChannels(windows, config)));
    h = gelu(linear(params, 'lift1', h));
    for (let b = 0; b < config.blocks; b++) {
      let spectrum = rdft2(h as tf.Tensor4D, tables);
      if (embedding) spectrum = multiplyModes(spectrum, modeMultipliers(model, b, embedding));
      let z = irdft2(spectralMul(params, `block${b}.spectral`, spectrum), tables).add(
        linear(params, `block${b}.pointwise`, h),
      );
      if (embedding) {
        const shift = linear(params, `block${b}.cond`, embedding);
        z = z.add(shift.reshape([shift.shape[0]!, 1, 1, config.width]));
      }
      h = gelu(z);
    }
    const out = linear(params, 'project1', gelu(linear(params, 'project0', h)));
    return channelsToFrames(out as tf.Tensor4D, config);
  });
}
