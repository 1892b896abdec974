import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergedPad } from './webgpuPatches';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The kernel itself runs only on WebGPU (checked in Node on SwiftShader: a PhysicNet-style loss
// and every gradient equal the cpu backend's to 2.5e-6 with it, a loss of 1.25 instead of 3.24
// without). Here: the merged pad is the same pad.
describe('mergedPad (the WebGPU PadV2 fix)', () => {
  const cases: [number[], [number, number][]][] = [
    // PhysicNet's paste of crops: [crops·B, T, s, s, C] into the grid.
    [
      [3, 2, 4, 4, 2],
      [
        [0, 0],
        [0, 0],
        [2, 2],
        [1, 3],
        [0, 0],
      ],
    ],
    // The gradient of a latent's slice along time.
    [
      [2, 5, 3, 3, 4],
      [
        [0, 0],
        [2, 2],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ],
    [
      [2, 1, 2, 2, 2, 3],
      [
        [1, 0],
        [0, 0],
        [0, 1],
        [0, 0],
        [2, 0],
        [0, 0],
      ],
    ],
  ];

  it('merges every axis padded by nothing into the one before it', () => {
    expect(mergedPad(cases[0]![0], cases[0]![1])).toEqual({
      shape: [6, 4, 8],
      paddings: [
        [0, 0],
        [2, 2],
        [2, 6],
      ],
    });
    expect(mergedPad(cases[1]![0], cases[1]![1]).shape).toEqual([2, 180]);
  });

  it('pads the same values as the pad it replaces', () => {
    for (const [shape, paddings] of cases) {
      const merged = mergedPad(shape, paddings);
      const [direct, viaMerged] = tf.tidy(() => {
        const x = tf.range(1, shape.reduce((a, b) => a * b) + 1).reshape(shape);
        return [
          x.pad(paddings).dataSync(),
          x.reshape(merged.shape).pad(merged.paddings).dataSync(),
        ];
      });
      expect(Array.from(viaMerged)).toEqual(Array.from(direct));
    }
  });
});
