import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../pde/random';
import { MAE_PRESETS } from '../config';
import { createMae, maeEncode, type MaeModel } from '../model';
import { createWindowSource } from '../windows';
import {
  embedFirstWindows,
  neighbourAgreement,
  pcaProject,
  umapProject,
  type Vectors,
} from './latent';

const CONFIG = MAE_PRESETS.tiny.config;
let model: MaeModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = createMae(CONFIG, { seed: 1 });
});
afterAll(() => model.dispose());

/** `count` trajectories of `frames` frames at the model's size, seeded noise. */
function noiseSource(count: number, frames: number, seed = 5) {
  const rng = createRng(seed);
  const n = CONFIG.size;
  const data = Float32Array.from({ length: count * frames * n * n }, () => rng.normal());
  return createWindowSource({ data, shape: [count, frames, n, n, 1] }, CONFIG, 1);
}

/** Points spread mostly along `direction` (unit), a little along every other axis. */
function elongated(count: number, direction: number[], seed = 2): Vectors {
  const rng = createRng(seed);
  const dim = direction.length;
  const data = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const along = 10 * rng.normal();
    for (let d = 0; d < dim; d++) data[i * dim + d] = 3 + along * direction[d]! + rng.normal();
  }
  return { data, count, dim };
}

function clusters(
  perCluster: number,
  dim: number,
  seed = 3,
): { vectors: Vectors; labels: string[] } {
  const rng = createRng(seed);
  const count = 3 * perCluster;
  const data = new Float32Array(count * dim);
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % 3;
    labels.push(`c${k}`);
    for (let d = 0; d < dim; d++) data[i * dim + d] = (d === k ? 8 : 0) + 0.3 * rng.normal();
  }
  return { vectors: { data, count, dim }, labels };
}

describe('embedFirstWindows', () => {
  it('gives one width-long vector per trajectory, the CLS output or the token mean, without leaks', async () => {
    const source = noiseSource(5, CONFIG.frames + 2);
    const before = tf.memory().numTensors;
    const batches: number[] = [];
    const cls = await embedFirstWindows(model, source, {
      pooling: 'cls',
      batchSize: 2,
      onBatch: (done) => void batches.push(done),
    });
    const mean = await embedFirstWindows(model, source, { pooling: 'mean', batchSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(batches).toEqual([2, 4, 5]);
    for (const v of [cls, mean]) {
      expect(v.count).toBe(5);
      expect(v.dim).toBe(CONFIG.width);
      expect(v.data).toHaveLength(5 * CONFIG.width);
      expect(v.data.every(Number.isFinite)).toBe(true);
    }
    // Batching does not change the result; the two poolings differ.
    const again = await embedFirstWindows(model, source, { pooling: 'cls', batchSize: 5 });
    for (let i = 0; i < cls.data.length; i++) expect(again.data[i]).toBeCloseTo(cls.data[i]!, 4);
    expect(mean.data).not.toEqual(cls.data);

    // Trajectory 3's CLS equals encoding its first window alone.
    const direct = tf.tidy(() => {
      const window = source.data.slice(
        3 * source.frames * CONFIG.size ** 2,
        (3 * source.frames + CONFIG.frames) * CONFIG.size ** 2,
      );
      const x = tf.tensor5d(window, [1, CONFIG.frames, CONFIG.size, CONFIG.size, 1]);
      return maeEncode(model, x).tokens.mean(1).dataSync();
    });
    const row = mean.data.subarray(3 * CONFIG.width, 4 * CONFIG.width);
    direct.forEach((v, d) => expect(row[d]).toBeCloseTo(v, 4));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('pcaProject', () => {
  it('puts the dominant direction on PC1 and reports variance shares that sum to at most 1', () => {
    const direction = [0.6, 0, 0.8, 0, 0];
    const vectors = elongated(200, direction);
    const { points, explained } = pcaProject(vectors);
    expect(points).toHaveLength(400);
    expect(explained[0]).toBeGreaterThan(0.9);
    expect(explained[1]).toBeGreaterThan(0);
    expect(explained[1]).toBeLessThan(explained[0]);
    expect(explained[0] + explained[1]).toBeLessThanOrEqual(1 + 1e-9);
    // PC1 is the centred projection onto the direction, up to sign.
    const means = direction.map((_, d) => {
      let sum = 0;
      for (let i = 0; i < 200; i++) sum += vectors.data[i * 5 + d]!;
      return sum / 200;
    });
    let dot = 0;
    let norms = [0, 0];
    for (let i = 0; i < 200; i++) {
      const along = direction.reduce(
        (s, u, d) => s + u * (vectors.data[i * 5 + d]! - means[d]!),
        0,
      );
      dot += along * points[2 * i]!;
      norms = [norms[0]! + along * along, norms[1]! + points[2 * i]! ** 2];
    }
    expect(Math.abs(dot) / Math.sqrt(norms[0]! * norms[1]!)).toBeGreaterThan(0.99);
  });

  it('works with fewer points than dimensions and refuses fewer than 3 points', () => {
    const few = elongated(4, [1, 0, 0, 0, 0, 0, 0, 0]);
    const { points, explained } = pcaProject(few);
    expect(points).toHaveLength(8);
    expect(explained[0] + explained[1]).toBeLessThanOrEqual(1 + 1e-9);
    expect(() => pcaProject({ data: new Float32Array(6), count: 2, dim: 3 })).toThrow(
      /at least 3 trajectories/,
    );
  });
});

describe('umapProject', () => {
  it('gives 2-D points, the same for the same seed, other for another, clusters kept apart', async () => {
    const { vectors, labels } = clusters(12, 6);
    const fractions: number[] = [];
    const a = await umapProject(vectors, { seed: 7, onProgress: (f) => void fractions.push(f) });
    const b = await umapProject(vectors, { seed: 7 });
    const c = await umapProject(vectors, { seed: 8 });
    expect(a).toHaveLength(2 * vectors.count);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(fractions.at(-1)).toBe(1);
    expect(neighbourAgreement(a, labels).share).toBe(1);
  });

  it('copes with tiny sets (nNeighbors below N) and refuses fewer than 3 points', async () => {
    const { vectors } = clusters(1, 4);
    const points = await umapProject(vectors, { seed: 1, nEpochs: 50 });
    expect(points).toHaveLength(6);
    expect(points.every(Number.isFinite)).toBe(true);
    await expect(
      umapProject({ data: new Float32Array(8), count: 2, dim: 4 }, { seed: 1 }),
    ).rejects.toThrow(/at least 3 trajectories/);
  });
});

describe('neighbourAgreement', () => {
  it('counts nearest neighbours with the same label and the chance level', () => {
    // Two tight pairs far apart: a a | b b.
    const points = Float32Array.from([0, 0, 0, 1, 10, 0, 10, 1]);
    expect(neighbourAgreement(points, ['a', 'a', 'b', 'b'])).toEqual({ share: 1, chance: 1 / 3 });
    expect(neighbourAgreement(points, ['a', 'b', 'a', 'b']).share).toBe(0);
    expect(() => neighbourAgreement(points, ['a'])).toThrow(RangeError);
  });
});
