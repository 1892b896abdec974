import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initLayerNorm } from './layerNorm';
import { initLinear } from './linear';
import { Params, pytorchUniformBound } from './params';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let live: Params[] = [];
afterEach(() => {
  live.forEach((p) => p.dispose());
  live = [];
});
function make(seed: number): Params {
  const p = new Params(seed);
  live.push(p);
  return p;
}

function stats(values: Float32Array) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, variance, min: Math.min(...values), max: Math.max(...values) };
}

describe('PyTorch-like initialisation', () => {
  it('draws Linear weights and biases from U(±1/√fan_in) with the right moments', () => {
    const params = make(7);
    initLinear(params, 'fc', 64, 256);
    const bound = pytorchUniformBound(64);
    expect(bound).toBeCloseTo(0.125, 12);
    const w = stats(params.get('fc.weight').dataSync() as Float32Array);
    expect(params.get('fc.weight').shape).toEqual([64, 256]);
    expect(w.min).toBeGreaterThanOrEqual(-bound);
    expect(w.max).toBeLessThanOrEqual(bound);
    // 16384 draws: the range is nearly filled and the moments are those of U(−b, b).
    expect(w.max - w.min).toBeGreaterThan(1.99 * bound);
    expect(Math.abs(w.mean)).toBeLessThan(0.02 * bound); // σ of the mean ≈ 0.0045·bound
    expect(w.variance / (bound ** 2 / 3)).toBeCloseTo(1, 1);
    const b = stats(params.get('fc.bias').dataSync() as Float32Array);
    expect(params.get('fc.bias').shape).toEqual([256]);
    expect(b.min).toBeGreaterThanOrEqual(-bound);
    expect(b.max).toBeLessThanOrEqual(bound);
  });

  it('gives normal(0, 1) embeddings and ones/zeros LayerNorms', () => {
    const params = make(3);
    params.normal('pos', [100, 100]);
    initLayerNorm(params, 'norm', 5);
    const n = stats(params.get('pos').dataSync() as Float32Array);
    expect(Math.abs(n.mean)).toBeLessThan(0.03); // 4σ for 10⁴ draws is 0.04
    expect(n.variance).toBeGreaterThan(0.96);
    expect(n.variance).toBeLessThan(1.04);
    expect(Array.from(params.get('norm.weight').dataSync())).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(params.get('norm.bias').dataSync())).toEqual([0, 0, 0, 0, 0]);
  });

  it('is deterministic per (seed, name), whatever the creation order', () => {
    const a = make(42);
    initLinear(a, 'enc.fc', 8, 4);
    a.normal('token', [4]);
    const b = make(42);
    b.normal('token', [4]);
    b.normal('other', [9]);
    initLinear(b, 'enc.fc', 8, 4);
    const c = make(43);
    initLinear(c, 'enc.fc', 8, 4);
    const values = (p: Params, n: string) => Array.from(p.get(n).dataSync());
    expect(values(b, 'enc.fc.weight')).toEqual(values(a, 'enc.fc.weight'));
    expect(values(b, 'token')).toEqual(values(a, 'token'));
    expect(values(c, 'enc.fc.weight')).not.toEqual(values(a, 'enc.fc.weight'));
    // Different names draw different streams.
    expect(values(a, 'enc.fc.bias')).not.toEqual(values(a, 'enc.fc.weight').slice(0, 4));
  });
});

describe('Params collection', () => {
  it('counts parameters, trainable ones apart', () => {
    const params = make(0);
    initLinear(params, 'a', 3, 5); // 15 + 5
    params.constant('frozen', [2, 2], 0, { trainable: false });
    expect(params.count()).toBe(24);
    expect(params.count('trainable')).toBe(20);
    expect(params.names).toEqual(['a.weight', 'a.bias', 'frozen']);
    expect(params.trainable().map(([n]) => n)).toEqual(['a.weight', 'a.bias']);
  });

  it('snapshots to Float32Arrays and restores exactly', async () => {
    const params = make(1);
    initLinear(params, 'a', 3, 2);
    const saved = await params.snapshot();
    expect(saved.map((s) => [s.name, s.shape])).toEqual([
      ['a.weight', [3, 2]],
      ['a.bias', [2]],
    ]);
    expect(saved[0]!.data).toBeInstanceOf(Float32Array);
    const before = Array.from(params.get('a.weight').dataSync());
    params.get('a.weight').assign(tf.zeros([3, 2]));
    params.restore(saved);
    expect(Array.from(params.get('a.weight').dataSync())).toEqual(before);
    // The snapshot is a copy, not a view of the variable.
    saved[0]!.data.fill(9);
    expect(Array.from(params.get('a.weight').dataSync())).toEqual(before);
  });

  it('refuses snapshots that do not match, naming the problem', async () => {
    const params = make(1);
    initLinear(params, 'a', 3, 2);
    const saved = await params.snapshot();
    expect(() => params.restore(saved.slice(0, 1))).toThrow(/missing "a.bias"/);
    expect(() =>
      params.restore([...saved, { name: 'z', shape: [1], data: new Float32Array(1) }]),
    ).toThrow(/unknown parameter "z"/);
    const wrong = saved.map((s) => (s.name === 'a.bias' ? { ...s, shape: [1, 2] } : s));
    expect(() => params.restore(wrong)).toThrow(/"a.bias" has shape \[1, 2\], expected \[2\]/);
    expect(() => params.normal('a.bias', [2])).toThrow(/already exists/);
    expect(() => params.get('nope')).toThrow(/No parameter named "nope"/);
  });

  it('frees every variable on dispose', () => {
    const before = tf.memory().numTensors;
    const params = new Params(5);
    initLinear(params, 'a', 4, 4);
    expect(tf.memory().numTensors).toBe(before + 2);
    params.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
