import { describe, expect, it } from 'vitest';
import { boxFraction, channelImage } from './frameImage';

describe('channelImage', () => {
  it('puts x along rows and y upwards, picking one channel', () => {
    // n = 2, two channels: value = 10·x + y for channel 0, negative for channel 1
    const data = new Float32Array([0, -0, 1, -1, 10, -10, 11, -11]);
    const image = channelImage(data, 2, 2, 0).data;
    expect([...image]).toEqual([1, 11, 0, 10]); // top row is y = 1
    expect([...channelImage(data, 2, 2, 1).data]).toEqual([-1, -11, -0, -10]);
  });
});

describe('boxFraction', () => {
  it('measures y upwards from the bottom edge and clamps to the box', () => {
    const rect = { left: 10, top: 20, width: 100, height: 200 };
    expect(boxFraction(60, 20, rect)).toEqual({ x: 0.5, y: 1 });
    expect(boxFraction(0, 500, rect)).toEqual({ x: 0, y: 0 });
  });
});
