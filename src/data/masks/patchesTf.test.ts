import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { patchGeometry, patchifyArray, unpatchifyArray } from './patches';
import { patchify, unpatchify } from './patchesTf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CASES = [
  { window: [8, 32, 32, 1] as const, patch: { pt: 2, px: 4, py: 4 } },
  { window: [6, 8, 12, 2] as const, patch: { pt: 3, px: 2, py: 4 } },
  { window: [4, 4, 6, 3] as const, patch: { pt: 1, px: 4, py: 1 } },
];

function randomArray(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.normal());
}

describe('tfjs patchify', () => {
  it.each(CASES)('agrees with the JS layout and round-trips ($window)', ({ window, patch }) => {
    const g = patchGeometry(window, patch);
    const B = 3;
    const data = randomArray(B * g.windowSize, 11);
    const before = tf.memory().numTensors;
    const x = tf.tensor(data, [B, ...window]);
    const tokens = patchify(x, g);
    expect(tokens.shape).toEqual([B, g.tokens, g.tokenSize]);
    expect(tokens.dataSync()).toEqual(patchifyArray(data, g));
    const back = unpatchify(tokens, g);
    expect(back.shape).toEqual([B, ...window]);
    expect(back.dataSync()).toEqual(data);
    const jsTokens = tf.tensor(patchifyArray(data, g), [B, g.tokens, g.tokenSize]);
    const fromJs = unpatchify(jsTokens, g);
    expect(fromJs.dataSync()).toEqual(unpatchifyArray(patchifyArray(data, g), g));
    tf.dispose([x, tokens, back, jsTokens, fromJs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses only reshapes and transposes of rank ≤ 6 (what WebGL/WebGPU can transpose)', async () => {
    const g = patchGeometry([8, 16, 16, 2], { pt: 2, px: 4, py: 4 });
    const x = tf.zeros([2, 8, 16, 16, 2]);
    const info = await tf.profile(() => unpatchify(patchify(x, g), g));
    const names = new Set(info.kernels.map((k) => k.name));
    expect([...names].sort()).toEqual(['Reshape', 'Transpose']);
    const transposeRanks = info.kernels
      .filter((k) => k.name === 'Transpose')
      .map((k) => k.inputShapes[0]!.length);
    expect(transposeRanks.length).toBeGreaterThan(0);
    expect(Math.max(...transposeRanks)).toBeLessThanOrEqual(6);
    tf.dispose(x);
    tf.dispose(info.result as tf.Tensor);
  });

  it('is differentiable: the gradient of ⟨patchify(x), w⟩ is unpatchify(w)', () => {
    const g = patchGeometry([4, 8, 8, 1], { pt: 2, px: 4, py: 2 });
    const before = tf.memory().numTensors;
    const x = tf.tensor(randomArray(2 * g.windowSize, 1), [2, 4, 8, 8, 1]);
    const w = tf.tensor(randomArray(2 * g.windowSize, 2), [2, g.tokens, g.tokenSize]);
    const grad = tf.grad((input: tf.Tensor) => patchify(input, g).mul(w).sum())(x);
    const expected = unpatchify(w, g);
    expect(grad.dataSync()).toEqual(expected.dataSync());
    tf.dispose([x, w, grad, expected]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the expected shape when the tensor does not fit the geometry', () => {
    const g = patchGeometry([4, 8, 8, 1], { pt: 2, px: 4, py: 2 });
    const x = tf.zeros([2, 4, 8, 4, 1]);
    expect(() => patchify(x, g)).toThrow('[2, 4, 8, 4, 1], expected [2, 4, 8, 8, 1]');
    expect(() => unpatchify(x, g)).toThrow(/expected \[2, 16, 16\]/);
    x.dispose();
  });
});
