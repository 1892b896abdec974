import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { relativeError } from '../nn/testing';
import { OFFICIAL_NOISE_SCALE, relativeNoise } from './config';
import { addInputNoise } from './noise';
import { translatingWindows } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Windows [2, 4, 16, 16, 2] whose (sample, channel) pairs differ in magnitude by up to 10⁴. */
function windows(): { x: tf.Tensor5D; scales: number[][] } {
  const scales = [
    [1, 100],
    [0.01, 3],
  ];
  const { x, y } = translatingWindows(2, 4, 16, 2, 9);
  y.dispose();
  const scaled = tf.tidy(() => x.mul(tf.tensor(scales).reshape([2, 1, 1, 1, 2]))) as tf.Tensor5D;
  x.dispose();
  return { x: scaled, scales };
}

/** Per (sample, channel): [RMS of x, standard deviation of the noise, ‖x‖₂] in float64. */
function statistics(x: tf.Tensor5D, noisy: tf.Tensor5D): number[][][] {
  const [b, t, h, w, c] = x.shape;
  const [xs, ns] = [x.dataSync(), noisy.dataSync()];
  const per = t * h * w;
  return Array.from({ length: b }, (_, i) =>
    Array.from({ length: c }, (_, k) => {
      let [sx, sn, sn2] = [0, 0, 0];
      for (let p = 0; p < per; p++) {
        const at = (i * per + p) * c + k;
        const n = ns[at]! - xs[at]!;
        sx += xs[at]! ** 2;
        sn += n;
        sn2 += n * n;
      }
      const mean = sn / per;
      return [Math.sqrt(sx / per), Math.sqrt(sn2 / per - mean * mean), Math.sqrt(sx)];
    }),
  );
}

describe('DPOT input noise', () => {
  it('has a standard deviation of σ_rel times each sample’s RMS, channel by channel', () => {
    const { x } = windows();
    const noisy = addInputNoise(x, 0.2, 1);
    // 1024 draws per (sample, channel): the sample std is within ±2.2 % (1σ) of the true one.
    for (const row of statistics(x, noisy)) {
      for (const [rms, std] of row) expect(std! / rms!).toBeGreaterThan(0.2 * 0.92);
      for (const [rms, std] of row) expect(std! / rms!).toBeLessThan(0.2 * 1.08);
    }
    tf.dispose([x, noisy]);
  });

  it('is DPOT’s ε·‖x‖₂·ξ with ε = σ_rel / √(T·H·W)', () => {
    const { x } = windows();
    const epsilon = OFFICIAL_NOISE_SCALE;
    const relative = relativeNoise(epsilon, 4, 16);
    const noisy = addInputNoise(x, relative, 2);
    for (const row of statistics(x, noisy)) {
      for (const [, std, norm] of row) {
        expect(std! / (epsilon * norm!)).toBeGreaterThan(0.92);
        expect(std! / (epsilon * norm!)).toBeLessThan(1.08);
      }
    }
    tf.dispose([x, noisy]);
  });

  it('is reproducible from its seed, scales with the input, and is off at 0', () => {
    const { x } = windows();
    const before = tf.memory().numTensors;
    const [a, b, c] = [
      addInputNoise(x, 0.1, 7),
      addInputNoise(x, 0.1, 7),
      addInputNoise(x, 0.1, 8),
    ];
    expect(relativeError(a.dataSync(), b.dataSync())).toBe(0);
    expect(relativeError(c.dataSync(), a.dataSync())).toBeGreaterThan(0.01);
    // Same draws on 3·x: the added noise is 3 times as large.
    const tripled = tf.tidy(() => addInputNoise(x.mul(3) as tf.Tensor5D, 0.1, 7).sub(x.mul(3)));
    const once = tf.tidy(() => a.sub(x).mul(3));
    expect(relativeError(tripled.dataSync(), once.dataSync())).toBeLessThan(1e-5);
    const off = addInputNoise(x, 0, 7);
    expect(relativeError(off.dataSync(), x.dataSync())).toBe(0);
    tf.dispose([a, b, c, tripled, once, off]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => addInputNoise(x, -0.1, 1)).toThrow(/≥ 0/);
    x.dispose();
  });
});
