/**
 * The numbers the MAE architecture diagram shows (tokens visible and hidden at the mask ratio, as
 * the training masks count them) and which of its picture cells stand for hidden tokens.
 */
import { maskedCount } from '../../../data/masks/strategies';
import { tokenGrid, type MaeConfig } from '../../../models/mae/config';

/** Cells in each little token picture (a 5 × 4 grid), each standing for count / 20 tokens. */
export const PICTURE_CELLS = 20;
export const PICTURE_COLUMNS = 5;

/** A fixed scattered order: the first k cells of it are the hidden ones, so masks look random. */
const HIDE_ORDER = [7, 13, 2, 18, 10, 4, 15, 0, 11, 17, 5, 9, 1, 14, 19, 6, 12, 3, 16, 8];

export interface MaeDiagramNumbers {
  tokens: number;
  visible: number;
  hidden: number;
  /** Values per patch. */
  dim: number;
  /** One flag per picture cell: true where the cell stands for hidden tokens. */
  hiddenCells: boolean[];
}

/** Undefined when the patches do not tile the window (the config problem says why). */
export function maeDiagramNumbers(config: MaeConfig): MaeDiagramNumbers | undefined {
  const grid = tokenGrid(config);
  if (![grid.t, grid.x, grid.y].every((n) => Number.isInteger(n) && n > 0)) return undefined;
  const hidden = maskedCount(
    { nt: grid.t, nx: grid.x, ny: grid.y },
    { strategy: 'random', ratio: config.maskRatio },
  );
  const visible = grid.count - hidden;
  // Round to the nearest cell, but never draw a share that exists as zero cells or all cells.
  let cells = Math.round((PICTURE_CELLS * hidden) / grid.count);
  if (hidden > 0) cells = Math.max(cells, 1);
  if (visible > 0) cells = Math.min(cells, PICTURE_CELLS - 1);
  const hiddenSet = new Set(HIDE_ORDER.slice(0, cells));
  return {
    tokens: grid.count,
    visible,
    hidden,
    dim: grid.dim,
    hiddenCells: Array.from({ length: PICTURE_CELLS }, (_, i) => hiddenSet.has(i)),
  };
}
