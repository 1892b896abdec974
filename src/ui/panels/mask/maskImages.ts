/**
 * The Mask panel's own pictures of a mask on a window: the outline of the hidden region, its
 * runs of cells to fill or clip, and which patches a brush touches on the picture. The frame,
 * masked input and colour scales it shares with the Train panel are in ui/views/windowImages.ts.
 */
import { tokenIndex, type PatchGeometry } from '../../../data/masks/patches';

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
