import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRng } from '../../pde/random';
import { Params } from './params';
import {
  finiteDifferenceGradient,
  maxAbs,
  maxAbsDiff,
  relativeError,
  seededTensor,
  seededValues,
  tfGradients,
} from './testing';
import { warp, type WarpPadding } from './warp';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const PADDINGS: WarpPadding[] = ['border', 'zeros', 'periodic'];
type Shape4 = [number, number, number, number];

/** Bilinear sampling in float64, straight from the conventions in warp.ts. */
function referenceWarp(
  image: Float32Array,
  [b, h, w, c]: Shape4,
  flow: Float32Array,
  padding: WarpPadding,
): number[] {
  const pixel = (n: number, i: number, j: number, ch: number): number => {
    if (padding === 'periodic') {
      i = ((i % h) + h) % h;
      j = ((j % w) + w) % w;
    } else if (i < 0 || i >= h || j < 0 || j >= w) {
      return 0; // 'border' never asks for one
    }
    return image[((n * h + i) * w + j) * c + ch]!;
  };
  const out: number[] = [];
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const at = ((n * h + i) * w + j) * 2;
        let x = j + flow[at]!;
        let y = i + flow[at + 1]!;
        if (padding === 'border') {
          x = Math.min(Math.max(x, 0), w - 1);
          y = Math.min(Math.max(y, 0), h - 1);
        }
        const [x0, y0] = [Math.floor(x), Math.floor(y)];
        const [ax, ay] = [x - x0, y - y0];
        const x1 = padding === 'border' ? Math.min(x0 + 1, w - 1) : x0 + 1;
        const y1 = padding === 'border' ? Math.min(y0 + 1, h - 1) : y0 + 1;
        for (let ch = 0; ch < c; ch++) {
          out.push(
            (1 - ay) * ((1 - ax) * pixel(n, y0, x0, ch) + ax * pixel(n, y0, x1, ch)) +
              ay * ((1 - ax) * pixel(n, y1, x0, ch) + ax * pixel(n, y1, x1, ch)),
          );
        }
      }
    }
  }
  return out;
}

/** A flow whose sample points sit 0.2–0.8 of a pixel from any integer, up to ±`reach` pixels. */
function offGridFlow([b, h, w]: Shape4, seed: number, reach: number): tf.Tensor4D {
  const rng = createRng(seed);
  const values = Float32Array.from(
    { length: b * h * w * 2 },
    () => rng.integer(-reach, reach - 1) + rng.uniformIn(0.2, 0.8),
  );
  return tf.tensor4d(values, [b, h, w, 2]);
}

let tensorsBefore: number;
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

describe('warp', () => {
  const shape: Shape4 = [2, 4, 5, 3];

  it('is the identity for a zero flow, exactly, with every padding', () => {
    const image = seededTensor(shape, 1) as tf.Tensor4D;
    const flow = tf.zeros([2, 4, 5, 2]) as tf.Tensor4D;
    for (const padding of PADDINGS) {
      const out = warp(image, flow, padding);
      expect(Array.from(out.dataSync())).toEqual(Array.from(image.dataSync()));
      out.dispose();
    }
    tf.dispose([image, flow]);
  });

  it('shifts exactly by an integer flow: flow (1, 0) reads the right neighbour', () => {
    const image = seededTensor(shape, 2) as tf.Tensor4D;
    const z = image.arraySync();
    const right = tf.tidy(() => tf.ones([2, 4, 5, 1]).concat(tf.zeros([2, 4, 5, 1]), 3));
    const up = tf.tidy(() => tf.zeros([2, 4, 5, 1]).concat(tf.fill([2, 4, 5, 1], -2), 3));
    for (const padding of PADDINGS) {
      const [byRight, byUp] = [right, up].map((flow) => {
        const out = warp(image, flow as tf.Tensor4D, padding);
        const values = out.arraySync();
        out.dispose();
        return values;
      }) as [number[][][][], number[][][][]];
      for (let n = 0; n < 2; n++) {
        for (let i = 0; i < 4; i++) {
          // Interior: out[i][j] = z[i][j + 1], and out[i][j] = z[i − 2][j].
          for (let j = 0; j < 4; j++) expect(byRight[n]![i]![j]).toEqual(z[n]![i]![j + 1]);
          for (let j = 0; j < 5; j++) {
            if (i >= 2) expect(byUp[n]![i]![j]).toEqual(z[n]![i - 2]![j]);
          }
          const edge = byRight[n]![i]![4];
          if (padding === 'border') expect(edge).toEqual(z[n]![i]![4]);
          if (padding === 'zeros') expect(edge).toEqual([0, 0, 0]);
          if (padding === 'periodic') expect(edge).toEqual(z[n]![i]![0]);
        }
      }
    }
    tf.dispose([image, right, up]);
  });

  it('matches float64 bilinear sampling at non-integer flows reaching outside the image', () => {
    const image = seededTensor(shape, 3) as tf.Tensor4D;
    const rng = createRng(4);
    const flowValues = Float32Array.from({ length: 2 * 4 * 5 * 2 }, () => rng.uniformIn(-6, 6));
    const flow = tf.tensor4d(flowValues, [2, 4, 5, 2]);
    for (const padding of PADDINGS) {
      const out = warp(image, flow, padding);
      const expected = referenceWarp(image.dataSync() as Float32Array, shape, flowValues, padding);
      expect(maxAbsDiff(out.dataSync(), expected), padding).toBeLessThan(2e-6);
      out.dispose();
    }
    const bad = tf.zeros([2, 4, 5, 3]) as tf.Tensor4D;
    expect(() => warp(image, bad)).toThrow(/expected \[2, 4, 5, 2\]/);
    tf.dispose([image, flow, bad]);
  });

  it('does not leak: the tensor count is flat across repeated calls and gradients', () => {
    const image = seededTensor(shape, 5) as tf.Tensor4D;
    const flow = offGridFlow(shape, 6, 2);
    const gradient = tf.grads((a: tf.Tensor, f: tf.Tensor) =>
      warp(a as tf.Tensor4D, f as tf.Tensor4D)
        .square()
        .sum(),
    );
    const counts: number[] = [];
    for (let r = 0; r < 3; r++) {
      for (const padding of PADDINGS) warp(image, flow, padding).dispose();
      tf.dispose(gradient([image, flow]));
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    tf.dispose([image, flow]);
  });
});

/**
 * The warp is linear in the image and, between integer sample coordinates, bilinear in each
 * point's flow, so along one coordinate a squared error is quadratic: with sample points kept
 * 0.2–0.8 of a pixel from the kinks, central differences are exact up to float32 rounding
 * (~1e-7·|L|/h ≈ 1e-5 relative). A wrong gradient is off by O(1).
 */
describe('warp gradients agree with float32 central differences (h = 1e-2)', () => {
  const H = 1e-2;
  const TOLERANCE = 1e-3;
  const shape: Shape4 = [2, 4, 5, 3];

  for (const padding of PADDINGS) {
    it(`with respect to the image and the flow, ${padding} padding`, () => {
      const params = new Params(0);
      params.fromData('image', shape, seededValues(2 * 4 * 5 * 3, 7));
      const flow = offGridFlow(shape, 8, 3);
      params.fromData('flow', [2, 4, 5, 2], flow.dataSync() as Float32Array);
      flow.dispose();
      const target = seededTensor(shape, 9);
      const loss = () =>
        tf.tidy(
          () =>
            warp(params.get('image') as tf.Tensor4D, params.get('flow') as tf.Tensor4D, padding)
              .sub(target)
              .square()
              .mean() as tf.Scalar,
        );
      const analytic = tfGradients(params, loss);
      for (const [name, variable] of params.trainable()) {
        const numeric = finiteDifferenceGradient(variable, loss, H);
        const grad = analytic.get(name)!;
        expect(maxAbs(grad), name).toBeGreaterThan(1e-3);
        expect(relativeError(grad, numeric), name).toBeLessThan(TOLERANCE);
      }
      params.dispose();
      target.dispose();
    });
  }

  it('through a flow computed from the warped image itself (as the flow expert does)', () => {
    const params = new Params(0);
    params.fromData('z', shape, seededValues(2 * 4 * 5 * 3, 10, 0.4));
    // Sample points j + 0.3 + 0.5·z stay within 0.1–0.5 of a pixel past an integer.
    const loss = () =>
      tf.tidy(() => {
        const z = params.get('z') as tf.Tensor4D;
        const flow = z.slice([0, 0, 0, 0], [2, 4, 5, 2]).mul(0.5).add(0.3) as tf.Tensor4D;
        return warp(z, flow).square().mean() as tf.Scalar;
      });
    const grad = tfGradients(params, loss).get('z')!;
    const numeric = finiteDifferenceGradient(params.get('z'), loss, 1e-3);
    expect(relativeError(grad, numeric)).toBeLessThan(TOLERANCE);
    params.dispose();
  });
});
