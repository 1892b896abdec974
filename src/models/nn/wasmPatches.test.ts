import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchWasmBackend } from './wasmPatches';

/** Runs `f` on the cpu backend (the oracle) and on the patched wasm backend; returns both. */
async function onBoth(f: () => tf.Tensor): Promise<[Float32Array, Float32Array]> {
  const out: Float32Array[] = [];
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    const t = f();
    out.push((await t.data()) as Float32Array);
    t.dispose();
  }
  return out as [Float32Array, Float32Array];
}

function expectClose(a: Float32Array, b: Float32Array, tolerance = 1e-5): void {
  expect(b.length).toBe(a.length);
  const scale = Math.max(...Array.from(a, Math.abs), 1e-6);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst / scale).toBeLessThan(tolerance);
}

const CONVS = [
  { x: [2, 8, 8, 3], k: 3, out: 4, stride: 1, pad: 1 },
  { x: [2, 16, 16, 1], k: 4, out: 5, stride: 2, pad: 1 },
  { x: [3, 9, 7, 2], k: 4, out: 2, stride: 2, pad: 1 },
  { x: [2, 8, 8, 6], k: 1, out: 3, stride: 1, pad: 'same' },
  { x: [2, 9, 9, 3], k: 3, out: 4, stride: 2, pad: 'same' },
  { x: [2, 10, 11, 3], k: 4, out: 4, stride: 3, pad: 'valid' },
] as const;

beforeAll(async () => {
  await tf.setBackend('wasm');
  patchWasmBackend();
  patchWasmBackend(); // idempotent
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('the wasm backend patches', () => {
  it('differentiate convolutions as the cpu backend does: filter and input gradients', async () => {
    for (const [i, c] of CONVS.entries()) {
      const x = () => tf.randomNormal([...c.x], 0, 1, 'float32', 1 + i);
      const w = () => tf.randomNormal([c.k, c.k, c.x[3], c.out], 0, 1, 'float32', 50 + i);
      const loss = (xx: tf.Tensor, ww: tf.Tensor) =>
        tf.fused
          .conv2d({
            x: xx as tf.Tensor4D,
            filter: ww as tf.Tensor4D,
            strides: c.stride,
            pad: c.pad,
            activation: 'relu',
          })
          .square()
          .sum();
      const [cpuW, wasmW] = await onBoth(() => tf.tidy(() => tf.grad((ww) => loss(x(), ww))(w())));
      expectClose(cpuW, wasmW);
      const [cpuX, wasmX] = await onBoth(() => tf.tidy(() => tf.grad((xx) => loss(xx, w()))(x())));
      expectClose(cpuX, wasmX);
    }
  });

  it('run transposed convolutions and their filter gradient as the cpu backend does', async () => {
    const y = () => tf.randomNormal([2, 4, 4, 5], 0, 1, 'float32', 7);
    const w = () => tf.randomNormal([4, 4, 3, 5], 0, 1, 'float32', 8);
    const up = (ww: tf.Tensor) =>
      tf.conv2dTranspose(y() as tf.Tensor4D, ww as tf.Tensor4D, [2, 8, 8, 3], 2, 1);
    expectClose(...(await onBoth(() => tf.tidy(() => up(w())))));
    expectClose(
      ...(await onBoth(() => tf.tidy(() => tf.grad((ww) => up(ww).square().sum())(w())))),
    );
  });

  it('give float32 one-hot rows of ones (unpatched: 1.4e-45, the bits of int 1)', async () => {
    await tf.setBackend('wasm');
    const rows = tf.tidy(() =>
      tf.oneHot(tf.tensor1d([2, 0], 'int32'), 3, 1, 0, 'float32').arraySync(),
    );
    expect(rows).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    const ints = tf.oneHot(tf.tensor1d([1], 'int32'), 2);
    expect(ints.dtype).toBe('int32');
    expect(ints.arraySync()).toEqual([[0, 1]]);
    ints.dispose();
  });

  it('slice rank-5 and rank-6 tensors as the cpu backend does', async () => {
    const cases: [number[], number[], number[]][] = [
      [
        [3, 4, 5, 6, 2],
        [0, 1, 0, 0, 0],
        [3, 1, 5, 6, 2],
      ],
      [
        [3, 4, 5, 6, 2],
        [0, 0, 1, 2, 0],
        [3, 4, 3, 3, 2],
      ],
      [
        [3, 4, 5, 6, 2],
        [1, 2, 0, 0, 1],
        [2, 2, 5, 6, 1],
      ],
      [
        [2, 3, 4, 5, 6, 2],
        [0, 1, 0, 0, 0, 0],
        [2, 1, 4, 5, 6, 2],
      ],
      [
        [3, 4, 5, 6, 2],
        [1, 0, 0, 0, 0],
        [1, -1, -1, -1, -1],
      ],
    ];
    for (const [shape, begin, size] of cases) {
      const [cpu, wasm] = await onBoth(() =>
        tf.tidy(() =>
          tf
            .range(
              0,
              shape.reduce((a, b) => a * b),
            )
            .reshape(shape)
            .slice(begin, size),
        ),
      );
      expect(Array.from(wasm)).toEqual(Array.from(cpu));
    }
  });

  it('leak no tensors', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 3);
      const w = tf.randomNormal([4, 4, 3, 2], 0, 1, 'float32', 4);
      tf.grads((a, b) =>
        tf
          .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 1)
          .square()
          .sum(),
      )([x, w]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
