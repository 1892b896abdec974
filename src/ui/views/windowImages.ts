/**
 * Pictures of a window [T, X, Y, C] of a simulation: one frame of one channel as a field, the
 * hidden cells of a pixel mask in image layout, the masked input (hidden cells NaN, drawn grey)
 * and the colour scale of a channel shared across the window's frames.
 */
import type { WindowShape } from '../../data/masks';
import { fieldRange, type Field, type ValueRange } from './fieldImage';
import { channelImage } from './frameImage';

function checkSquare([, X, Y]: WindowShape): number {
  if (X !== Y) throw new RangeError(`Expected a square grid, got ${X} × ${Y}.`);
  return X;
}

/** One channel of frame `frame` as a picture (row 0 is the largest y). */
export function windowFrame(
  data: Float32Array,
  window: WindowShape,
  frame: number,
  channel: number,
): Field {
  const n = checkSquare(window);
  const C = window[3];
  const size = n * n * C;
  return channelImage(data.subarray(frame * size, (frame + 1) * size), n, C, channel);
}

/** The hidden cells of frame `frame` in the picture's layout: 1 hidden, 0 visible. */
export function hiddenCells(pixelMask: Uint8Array, window: WindowShape, frame: number): Uint8Array {
  const n = checkSquare(window);
  const out = new Uint8Array(n * n);
  const base = frame * n * n;
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) out[(n - 1 - y) * n + x] = pixelMask[base + x * n + y]!;
  }
  return out;
}

/** The field with its hidden cells set to NaN, which field views paint grey. */
export function maskedField(field: Field, hidden: Uint8Array): Field {
  const data = Float32Array.from(field.data, (v, i) => (hidden[i] ? Number.NaN : v));
  return { data, width: field.width, height: field.height };
}

/** The range of one channel over every frame of a window, for one scale across frames. */
export function channelRange(
  data: Float32Array,
  channels: number,
  channel: number,
  symmetric: boolean,
): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = channel; i < data.length; i += channels) {
    const v = data[i]!;
    if (v - v !== 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return fieldRange(min <= max ? [min, max] : [], symmetric);
}
