/** Drawing math for the dataset preview: which trajectories, one colour scale per channel, pixels. */
import { COLORMAPS } from '../../views/colormaps';
import type { ColormapName } from '../../views/colormaps';
import { fieldRange, paintField } from '../../views/fieldImage';
import type { ValueRange } from '../../views/fieldImage';
import { channelImage } from '../../views/frameImage';

/** At most this many trajectories are shown. */
export const MAX_THUMBNAILS = 16;

/**
 * Values count as signed (diverging map, range symmetric about 0) when the smaller of the
 * negative and positive extremes reaches at least this fraction of the larger one. A field that
 * only dips slightly below zero keeps the sequential map, which would otherwise waste half its
 * colours on values that hardly occur.
 */
export const SIGNED_FRACTION = 0.2;

/** The sizes of a stored [N, T, X, Y, C] array; the grid is square, X = Y = n. */
export interface DatasetDims {
  trajectories: number;
  frames: number;
  n: number;
  channels: number;
}

/** One colour scale shared by every shown thumbnail of a channel. */
export interface ChannelScale {
  range: ValueRange;
  colormap: ColormapName;
}

export function datasetDims(shape: readonly number[]): DatasetDims {
  const [trajectories, frames, x, y, channels] = shape;
  if (
    shape.length !== 5 ||
    trajectories === undefined ||
    frames === undefined ||
    x === undefined ||
    channels === undefined ||
    !shape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    throw new RangeError(`Expected an [N, T, X, Y, C] shape, got [${shape.join(', ')}]`);
  }
  if (x !== y) throw new RangeError(`Expected a square grid, got ${x} × ${y}`);
  return { trajectories, frames, n: x, channels };
}

/** Up to `max` trajectory indices spread evenly from the first to the last, in order. */
export function pickTrajectories(count: number, max = MAX_THUMBNAILS): number[] {
  const shown = Math.max(0, Math.min(count, Math.floor(max)));
  if (shown === count) return Array.from({ length: count }, (_, i) => i);
  if (shown <= 1) return shown === 1 ? [0] : [];
  // Steps of (count - 1) / (shown - 1) > 1 never round two picks onto the same index.
  const step = (count - 1) / (shown - 1);
  return Array.from({ length: shown }, (_, i) => Math.round(i * step));
}

/** Where frame `frame` of trajectory `trajectory` starts in the flat array. */
export function frameOffset(dims: DatasetDims, trajectory: number, frame: number): number {
  return (trajectory * dims.frames + frame) * dims.n * dims.n * dims.channels;
}

/**
 * The colour scale of one channel over every frame of the given trajectories, so that their
 * amplitudes compare: coolwarm over [-m, m] for signed values, else viridis over [min, max].
 * NaN and ±Infinity are ignored here (they are painted grey).
 */
export function channelScale(
  data: Float32Array,
  dims: DatasetDims,
  trajectories: readonly number[],
  channel: number,
): ChannelScale {
  const stride = dims.channels;
  const frameValues = dims.frames * dims.n * dims.n * stride;
  let min = Infinity;
  let max = -Infinity;
  for (const trajectory of trajectories) {
    const start = frameOffset(dims, trajectory, 0) + channel;
    const end = start + frameValues;
    for (let i = start; i < end; i += stride) {
      const v = data[i]!;
      if (v - v !== 0) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const signed = isSigned(min, max);
  // fieldRange of the two extremes widens a constant field and makes a signed range symmetric.
  const extremes = min <= max ? [min, max] : [];
  return { range: fieldRange(extremes, signed), colormap: signed ? 'coolwarm' : 'viridis' };
}

/** True when the values straddle zero with both sides of comparable size. */
export function isSigned(min: number, max: number): boolean {
  if (!(min < 0 && max > 0)) return false;
  return Math.min(-min, max) >= SIGNED_FRACTION * Math.max(-min, max);
}

/**
 * Paints one channel of one frame into `pixels` (packed RGBA, one per cell, rows top to bottom
 * with y up, as ImageData wants). `scratch` holds the reordered values; pass the returned buffer
 * back in to paint without allocating.
 */
export function paintThumbnail(
  data: Float32Array,
  dims: DatasetDims,
  trajectory: number,
  frame: number,
  channel: number,
  scale: ChannelScale,
  pixels: Uint32Array,
  scratch?: Float32Array,
): Float32Array {
  const { n, channels } = dims;
  const start = frameOffset(dims, trajectory, frame);
  const values = data.subarray(start, start + n * n * channels);
  const field = channelImage(values, n, channels, channel, scratch);
  paintField(field, scale.range, COLORMAPS[scale.colormap].lut, pixels);
  return field.data;
}
