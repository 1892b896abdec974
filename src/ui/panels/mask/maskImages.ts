/**
 * The Mask panel's pictures of a window [T, X, Y, C]: one frame of one channel as a field, the
 * masked input (hidden cells NaN, drawn grey), the hidden cells in image layout, the outline of
 * the hidden region, the colour scales shared across the window's frames, and which patches a
 * brush touches on the picture.
 */
import type { WindowShape } from '../../../data/masks';
import { tokenIndex, type PatchGeometry } from '../../../data/masks/patches';
import { fieldRange, type Field, type ValueRange } from '../../views/fieldImage';
import { channelImage } from '../data/frameImage';

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

/** A cell edge in cell units: from (x0, y0) to (x1, y1), y downwards as on screen. */
export type Edge = readonly [x0: number, y0: number, x1: number, y1: number];

/**
 * The outline of the hidden region of an n × n picture: every cell edge between a hidden and a
 * visible cell, or between a hidden cell and the picture's border.
 */
export function hiddenOutline(hidden: Uint8Array, n: number): Edge[] {
  const edges: Edge[] = [];
  const at = (col: number, row: number) =>
    col >= 0 && col < n && row >= 0 && row < n ? hidden[row * n + col]! : 0;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!at(col, row)) continue;
      if (!at(col, row - 1)) edges.push([col, row, col + 1, row]);
      if (!at(col, row + 1)) edges.push([col, row + 1, col + 1, row + 1]);
      if (!at(col - 1, row)) edges.push([col, row, col, row + 1]);
      if (!at(col + 1, row)) edges.push([col + 1, row, col + 1, row + 1]);
    }
  }
  return edges;
}

/** Runs of hidden cells along each row, [col, row, length], to fill or clip with few rectangles. */
export function hiddenRuns(hidden: Uint8Array, n: number): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!hidden[row * n + col]) {
        col++;
        continue;
      }
      const first = col;
      while (col < n && hidden[row * n + col]) col++;
      runs.push([first, row, col - first]);
    }
  }
  return runs;
}

/**
 * The patches under picture cell (col, row) of frame `frame` (row 0 at the top, as hiddenCells):
 * the one of that frame's time block, or the same patch in every time block.
 */
export function tokensAtCell(
  g: PatchGeometry,
  frame: number,
  col: number,
  row: number,
  allFrames: boolean,
): number[] {
  const [T, X, Y] = g.window;
  const x = Math.min(X - 1, Math.max(0, col));
  const y = Math.min(Y - 1, Math.max(0, Y - 1 - row));
  const ix = Math.floor(x / g.px);
  const iy = Math.floor(y / g.py);
  const block = Math.floor(Math.min(T - 1, Math.max(0, frame)) / g.pt);
  const blocks = allFrames ? Array.from({ length: g.nt }, (_, it) => it) : [block];
  return blocks.map((it) => tokenIndex(g, it, ix, iy));
}
