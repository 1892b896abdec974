import { describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../../../models/mae/config';
import { maeDiagramNumbers, PICTURE_CELLS } from './maeDiagramModel';

const hiddenCells = (cells: readonly boolean[]) => cells.filter(Boolean).length;

describe('MAE diagram numbers', () => {
  it('splits the tokens as the training masks do (floor of ratio × tokens hidden)', () => {
    const small = maeDiagramNumbers(MAE_PRESETS.small.config)!;
    expect(small).toMatchObject({ tokens: 256, visible: 64, hidden: 192, dim: 32 });
    expect(hiddenCells(small.hiddenCells)).toBe(15);
    const paper = maeDiagramNumbers(MAE_PRESETS.paper.config)!;
    expect(paper).toMatchObject({ tokens: 1024, visible: 103, hidden: 921, dim: 64 });
    expect(hiddenCells(paper.hiddenCells)).toBe(18);
  });

  it('draws each share to the nearest cell, and every share that exists as at least one', () => {
    for (const preset of Object.values(MAE_PRESETS)) {
      for (let step = 1; step <= 19; step++) {
        const maskRatio = step / 20;
        const n = maeDiagramNumbers({ ...preset.config, maskRatio })!;
        expect(n.hidden + n.visible).toBe(n.tokens);
        const cells = hiddenCells(n.hiddenCells);
        const share = (PICTURE_CELLS * n.hidden) / n.tokens;
        expect(Math.abs(cells - share)).toBeLessThanOrEqual(0.5 + 1e-9);
        if (n.hidden > 0) expect(cells).toBeGreaterThan(0);
        expect(cells).toBeLessThan(PICTURE_CELLS);
      }
    }
  });

  it('hides more cells as the ratio rises, keeping the ones already hidden', () => {
    const small = MAE_PRESETS.small.config;
    const half = maeDiagramNumbers({ ...small, maskRatio: 0.5 })!.hiddenCells;
    const most = maeDiagramNumbers({ ...small, maskRatio: 0.9 })!.hiddenCells;
    expect(half.every((hidden, i) => !hidden || most[i])).toBe(true);
    expect(hiddenCells(most)).toBeGreaterThan(hiddenCells(half));
  });

  it('has no numbers for patches that do not tile the window', () => {
    expect(maeDiagramNumbers({ ...MAE_PRESETS.small.config, patchXY: 5 })).toBeUndefined();
    expect(maeDiagramNumbers({ ...MAE_PRESETS.small.config, patchT: 3 })).toBeUndefined();
  });
});
