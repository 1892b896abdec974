/**
 * Noisy observations: additive Gaussian noise on a dataset's stored frames, as a sensor would add
 * it. σ is relative to each channel's standard deviation over the clean dataset (all
 * trajectories, frames and points), so σ = 0.05 is "5% noise" whatever the field's scale. The
 * noise has its own seed, apart from the simulation's: the same clean data can be observed with
 * several noise draws, and the same noise seed gives the same noise. Trajectory i draws from its
 * own stream seedFor(noise seed, i, NOISE_STREAM), in [T, X, Y, C] order, so the noise of a
 * trajectory does not depend on how many trajectories the dataset has.
 */
import { createRng, seedFor } from '../pde/random';

/** Random stream of the noise, apart from every stream the simulation draws from. */
const NOISE_STREAM = 3000;

export interface ObservationNoise {
  /** Noise standard deviation as a fraction of each channel's standard deviation (≥ 0). */
  sigma: number;
  /** The noise's own seed (a whole number). */
  seed: number;
}

/** What was added, as recorded in the dataset's metadata. */
export interface AppliedNoise extends ObservationNoise {
  /** σ is relative to each channel's standard deviation over the clean dataset. */
  relativeTo: 'channel-std';
  /** The absolute noise standard deviation per channel: σ × the clean channel's std. */
  absolute: number[];
}

export interface NoiseTarget {
  /** [N, T, X, Y, C], changed in place. */
  data: Float32Array;
  shape: readonly [number, number, number, number, number];
  /**
   * Whether channel c of trajectory i is observed (default: all). A mixed dataset's zero padding
   * is not: it is left clean and out of the channel's standard deviation.
   */
  observed?: (trajectory: number, channel: number) => boolean;
}

/**
 * Adds the noise to `target.data` in place and returns what was added, or undefined for σ = 0
 * (the data are left untouched). Throws on a negative σ or a seed that is not a whole number.
 */
export function addObservationNoise(
  target: NoiseTarget,
  noise: ObservationNoise,
): AppliedNoise | undefined {
  const { sigma, seed } = noise;
  if (!(sigma >= 0 && Number.isFinite(sigma))) {
    throw new RangeError(`The noise level must be a number ≥ 0 (got ${sigma}).`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`The noise seed must be a whole number ≥ 0 (got ${seed}).`);
  }
  if (sigma === 0) return undefined;
  const { data, shape } = target;
  const [count, frames, nx, ny, channels] = shape;
  const perTrajectory = frames * nx * ny * channels;
  if (data.length !== count * perTrajectory) {
    throw new RangeError(`The data hold ${data.length} values, not [${shape.join(', ')}].`);
  }
  const observed = target.observed ?? (() => true);
  const absolute = channelStd(target, observed).map((std) => sigma * std);
  for (let i = 0; i < count; i++) {
    const rng = createRng(seedFor(seed, i, NOISE_STREAM));
    const scale = absolute.map((a, c) => (observed(i, c) ? a : 0));
    const base = i * perTrajectory;
    for (let p = 0; p < perTrajectory; p++) {
      const a = scale[p % channels]!;
      if (a !== 0) data[base + p]! += a * rng.normal();
    }
  }
  return { sigma, seed, relativeTo: 'channel-std', absolute };
}

/** Each channel's population standard deviation over the observed values (float64, two passes). */
export function channelStd(
  { data, shape }: NoiseTarget,
  observed: (trajectory: number, channel: number) => boolean = () => true,
): number[] {
  const [count, frames, nx, ny, channels] = shape;
  const perTrajectory = frames * nx * ny * channels;
  const sum = new Float64Array(channels);
  const number = new Float64Array(channels);
  for (let i = 0; i < count; i++)
    for (let c = 0; c < channels; c++) {
      if (!observed(i, c)) continue;
      for (let p = i * perTrajectory + c; p < (i + 1) * perTrajectory; p += channels)
        sum[c]! += data[p]!;
      number[c]! += perTrajectory / channels;
    }
  const mean = Array.from(sum, (s, c) => (number[c]! > 0 ? s / number[c]! : 0));
  const squares = new Float64Array(channels);
  for (let i = 0; i < count; i++)
    for (let c = 0; c < channels; c++) {
      if (!observed(i, c)) continue;
      for (let p = i * perTrajectory + c; p < (i + 1) * perTrajectory; p += channels) {
        squares[c]! += (data[p]! - mean[c]!) ** 2;
      }
    }
  return Array.from(squares, (s, c) => (number[c]! > 0 ? Math.sqrt(s / number[c]!) : 0));
}
