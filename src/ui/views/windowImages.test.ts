import { describe, expect, it } from 'vitest';
import { channelRange, hiddenCells, maskedField, windowFrame } from './windowImages';

/** A [2, 2, 2, 2] window: value = 1000·t + 100·x + 10·y + c. */
const window = [2, 2, 2, 2] as const;
const data = new Float32Array(16);
for (let t = 0; t < 2; t++)
  for (let x = 0; x < 2; x++)
    for (let y = 0; y < 2; y++)
      for (let c = 0; c < 2; c++)
        data[((t * 2 + x) * 2 + y) * 2 + c] = 1000 * t + 100 * x + 10 * y + c;

describe('windowFrame and hiddenCells', () => {
  it('draw the same frame in the same layout: x across, y up', () => {
    const field = windowFrame(data, window, 1, 1);
    expect([...field.data]).toEqual([1011, 1111, 1001, 1101]);
    // Pixel mask [T, X, Y]: hide (t=1, x=1, y=1) only.
    const pixelMask = new Uint8Array(8);
    pixelMask[4 + 2 + 1] = 1;
    const hidden = hiddenCells(pixelMask, window, 1);
    expect([...hidden]).toEqual([0, 1, 0, 0]);
    expect([...hiddenCells(pixelMask, window, 0)]).toEqual([0, 0, 0, 0]);
    expect([...maskedField(field, hidden).data]).toEqual([1011, NaN, 1001, 1101]);
  });
});

describe('channelRange', () => {
  it('spans one channel over every frame, ignoring NaN', () => {
    expect(channelRange(data, 2, 0, false)).toEqual({ min: 0, max: 1110 });
    expect(channelRange(Float32Array.from([-2, 5, NaN, 9, 1, 0]), 2, 0, true)).toEqual({
      min: -2,
      max: 2,
    });
  });
});
