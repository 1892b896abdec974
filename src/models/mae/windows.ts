/**
 * Training windows for the MAE: a dataset [N, T, X, Y, C] cut to the model's channels and
 * resampled to its grid once, then seeded draws of (trajectory, start) windows, and MAE-PDE's
 * augmentation, a random periodic sub-pixel translation of each window (Fourier shift theorem).
 */
import { IDENTITY, mapTrajectory } from '../../data/augment/gridMap';
import type { TrajectoryArray } from '../../data/trajectories';
import type { Rng } from '../../pde/random';
import type { MaeConfig } from './config';
import { fourierResample } from '../../data/resample';

export type { TrajectoryArray } from '../../data/trajectories';

/** The dataset on the model's grid: [trajectories, frames, size, size, channels]. */
export interface WindowSource {
  readonly data: Float32Array;
  readonly trajectories: number;
  /** Frames per trajectory. */
  readonly frames: number;
  readonly size: number;
  readonly channels: number;
  /** Frames per window (the config's). */
  readonly window: number;
}

/**
 * Keeps the first `channels` channels and resamples X × Y to config.size × config.size by
 * Fourier interpolation (the data are periodic) when the grids differ.
 */
export function createWindowSource(
  dataset: TrajectoryArray,
  config: Pick<MaeConfig, 'size' | 'frames'>,
  channels: number,
): WindowSource {
  const [count, frames, nx, ny, width] = dataset.shape;
  const expected = count * frames * nx * ny * width;
  if (dataset.data.length !== expected) {
    throw new RangeError(
      `The dataset holds ${dataset.data.length} values, its shape [${dataset.shape.join(', ')}] needs ${expected}.`,
    );
  }
  if (count < 1) throw new RangeError('The dataset has no trajectory.');
  if (nx !== ny) {
    throw new RangeError(`The MAE needs square frames; this dataset's are ${nx}×${ny}.`);
  }
  if (frames < config.frames) {
    throw new RangeError(
      `Windows of ${config.frames} frames do not fit in trajectories of ${frames} frames.`,
    );
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > width) {
    throw new RangeError(`The model reads ${channels} channels; the dataset has ${width}.`);
  }
  const cut = channels === width ? dataset.data : firstChannels(dataset.data, width, channels);
  const data = fourierResample(cut, count * frames, nx, config.size, channels);
  return {
    data,
    trajectories: count,
    frames,
    size: config.size,
    channels,
    window: config.frames,
  };
}

function firstChannels(data: Float32Array, width: number, channels: number): Float32Array {
  const points = data.length / width;
  const out = new Float32Array(points * channels);
  for (let p = 0; p < points; p++) {
    for (let c = 0; c < channels; c++) out[p * channels + c] = data[p * width + c]!;
  }
  return out;
}

function frameSize(source: WindowSource): number {
  return source.size * source.size * source.channels;
}

/** Values per window: window · size · size · channels. */
export function windowSize(source: WindowSource): number {
  return source.window * frameSize(source);
}

/** The window of `trajectory` starting at frame `start`, [window, size, size, channels]. */
export function windowAt(
  source: WindowSource,
  trajectory: number,
  start: number,
  stride = 1,
): Float32Array {
  if (!Number.isInteger(trajectory) || trajectory < 0 || trajectory >= source.trajectories) {
    throw new RangeError(`No trajectory ${trajectory} among ${source.trajectories}.`);
  }
  const last = start + (source.window - 1) * stride;
  if (!Number.isInteger(start) || !(stride >= 1) || start < 0 || last >= source.frames) {
    throw new RangeError(
      `A window of ${source.window} frames${stride > 1 ? `, ${stride} apart,` : ''} cannot start at frame ${start} of ${source.frames}.`,
    );
  }
  const frame = frameSize(source);
  if (stride === 1) {
    const at = (trajectory * source.frames + start) * frame;
    return source.data.slice(at, at + windowSize(source));
  }
  const out = new Float32Array(windowSize(source));
  for (let k = 0; k < source.window; k++) {
    const at = (trajectory * source.frames + start + k * stride) * frame;
    out.set(source.data.subarray(at, at + frame), k * frame);
  }
  return out;
}

/** The largest frame stride at which a window of `window` frames still fits in `frames`. */
export function spanningStride(frames: number, window: number): number {
  return window > 1 ? Math.max(1, Math.floor((frames - 1) / (window - 1))) : 1;
}

/** `count` windows [count, window, size, size, channels]: random trajectory, random start each. */
export function sampleWindows(source: WindowSource, rng: Rng, count: number): Float32Array {
  const size = windowSize(source);
  const out = new Float32Array(count * size);
  for (let b = 0; b < count; b++) {
    const trajectory = rng.integer(0, source.trajectories - 1);
    const start = rng.integer(0, source.frames - source.window);
    out.set(windowAt(source, trajectory, start), b * size);
  }
  return out;
}

/** MAE-PDE's max_shift 0.5: shifts ε ~ U(−¼, ¼) of the domain length along x and y. */
export const MAX_SHIFT_FRACTION = 0.25;

/**
 * Translates each window periodically by its own (εx, εy)·L, ε ~ U(−¼, ¼), the same for all
 * its frames; whole points by a roll, the rest by Fourier phases (augment/gridMap, Nyquist
 * kept as MAE-PDE does). Returns a new array.
 */
export function shiftWindows(
  windows: Float32Array,
  source: Pick<WindowSource, 'window' | 'size' | 'channels'>,
  rng: Rng,
  maxFraction = MAX_SHIFT_FRACTION,
): Float32Array {
  const { window: frames, size: n, channels } = source;
  const size = frames * n * n * channels;
  if (windows.length % size !== 0) {
    throw new RangeError(`${windows.length} values are not whole windows of ${size}.`);
  }
  const channelMatrix = Array.from({ length: channels * channels }, (_, i) =>
    i % (channels + 1) === 0 ? 1 : 0,
  );
  const out = new Float32Array(windows.length);
  for (let b = 0; b < windows.length / size; b++) {
    const dx = rng.uniformIn(-maxFraction, maxFraction) * n;
    const dy = rng.uniformIn(-maxFraction, maxFraction) * n;
    const shifted = mapTrajectory(
      windows.subarray(b * size, (b + 1) * size),
      { frames, n, channels },
      {
        gather: IDENTITY,
        // out[p] = in[p + d]: a shift of the field by −d points (the law of ε is symmetric).
        offset: () => [dx, dy],
        channelMatrix,
        channelOffset: new Array<number>(channels).fill(0),
        nyquist: 'keep',
      },
    );
    out.set(shifted, b * size);
  }
  return out;
}
