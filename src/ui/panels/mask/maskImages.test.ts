import { describe, expect, it } from 'vitest';
import { patchGeometry, tokenMaskToPixels } from '../../../data/masks/patches';
import { hiddenCells } from '../../views/windowImages';
import { hiddenOutline, hiddenRuns, tokensAtCell } from './maskImages';

describe('hiddenOutline', () => {
  it('outlines a lone cell with four edges and merges neighbours into one region', () => {
    const lone = Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(hiddenOutline(lone, 3)).toHaveLength(4);
    const pair = Uint8Array.from([0, 0, 0, 1, 1, 0, 0, 0, 0]);
    const edges = hiddenOutline(pair, 3);
    expect(edges).toHaveLength(6);
    // The shared edge at x = 1 is not drawn.
    expect(edges).not.toContainEqual([1, 1, 1, 2]);
    expect(hiddenOutline(new Uint8Array(4).fill(1), 2)).toHaveLength(8);
  });
});

describe('hiddenRuns', () => {
  it('joins hidden cells along a row', () => {
    const hidden = Uint8Array.from([1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(hiddenRuns(hidden, 4)).toEqual([
      [0, 0, 2],
      [3, 0, 1],
      [0, 2, 4],
    ]);
  });
});

describe('tokensAtCell', () => {
  // 4 frames of 8 × 8 in patches of 2 frames × 4 × 2 points: 2 × 2 × 4 tokens.
  const g = patchGeometry([4, 8, 8, 1], { pt: 2, px: 4, py: 2 });

  it('finds the patch drawn under a picture cell, in the shown time block or every one', () => {
    for (const frame of [0, 3]) {
      for (let col = 0; col < 8; col++) {
        for (let row = 0; row < 8; row++) {
          const [token] = tokensAtCell(g, frame, col, row, false);
          // Hiding that token hides exactly this cell's patch, drawn where the cell is.
          const flags = new Uint8Array(g.tokens);
          flags[token!] = 1;
          const cells = hiddenCells(tokenMaskToPixels(g, flags), g.window, frame);
          expect(cells[row * 8 + col]).toBe(1);
          expect(cells.reduce((s, f) => s + f, 0)).toBe(4 * 2);
        }
      }
    }
    expect(tokensAtCell(g, 1, 0, 7, true)).toEqual([0, 8]);
    expect(tokensAtCell(g, 2, 0, 7, false)).toEqual([8]);
    // Off-picture positions land on the nearest edge cell.
    expect(tokensAtCell(g, 0, -3, 99, false)).toEqual(tokensAtCell(g, 0, 0, 7, false));
  });
});
