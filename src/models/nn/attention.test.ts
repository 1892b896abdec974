import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  initAttention,
  multiHeadAttention,
  multiHeadAttentionWithWeights,
  type AttentionConfig,
} from './attention';
import { gelu } from './gelu';
import { layerNorm } from './layerNorm';
import { linear } from './linear';
import { Params } from './params';
import { maxAbsDiff, seededTensor } from './testing';
import { initVitBlock, vitBlock, vitBlockWithWeights } from './vitBlock';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let params: Params;
let tensorsBefore: number;
beforeEach(() => {
  params = new Params(5);
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => params.dispose());

function expectOnlyParamsLeft() {
  expect(tf.memory().numTensors).toBe(tensorsBefore + params.names.length);
}

/**
 * Direct float64 attention: for each sample, head h and query i,
 * out_i = Σ_j softmax_j(q_i·k_j / √dh) v_j, heads concatenated, then the output projection.
 */
function referenceAttention(
  x: Float32Array,
  [b, t, d]: [number, number, number],
  p: Params,
  { heads, dimHead }: AttentionConfig,
  projectOut: boolean,
): { out: number[]; weights: number[] } {
  const inner = heads * dimHead;
  const wqkv = p.get('attn.qkv.weight').dataSync();
  const bqkv = p.has('attn.qkv.bias') ? p.get('attn.qkv.bias').dataSync() : null;
  const out: number[] = [];
  const weights: number[] = new Array(b * heads * t * t).fill(0);
  for (let s = 0; s < b; s++) {
    // qkv[token][c], c in [0, 3·inner): q = c < inner, k next, v last; head h owns h·dh…(h+1)·dh.
    const qkv = Array.from({ length: t }, (_, tok) =>
      Array.from({ length: 3 * inner }, (_, c) => {
        let sum = bqkv ? bqkv[c]! : 0;
        for (let i = 0; i < d; i++) sum += x[(s * t + tok) * d + i]! * wqkv[i * 3 * inner + c]!;
        return sum;
      }),
    );
    const concat = Array.from({ length: t }, () => new Array<number>(inner).fill(0));
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < t; i++) {
        const scores = Array.from({ length: t }, (_, j) => {
          let dot = 0;
          for (let e = 0; e < dimHead; e++) {
            dot += qkv[i]![h * dimHead + e]! * qkv[j]![inner + h * dimHead + e]!;
          }
          return dot / Math.sqrt(dimHead);
        });
        const max = Math.max(...scores);
        const exps = scores.map((z) => Math.exp(z - max));
        const total = exps.reduce((a, c) => a + c, 0);
        exps.forEach((e, j) => {
          const w = e / total;
          weights[((s * heads + h) * t + i) * t + j] = w;
          for (let k = 0; k < dimHead; k++) {
            concat[i]![h * dimHead + k]! += w * qkv[j]![2 * inner + h * dimHead + k]!;
          }
        });
      }
    }
    for (let i = 0; i < t; i++) {
      if (!projectOut) {
        out.push(...concat[i]!);
        continue;
      }
      const wo = p.get('attn.out.weight').dataSync();
      const bo = p.get('attn.out.bias').dataSync();
      for (let o = 0; o < d; o++) {
        let sum = bo[o]!;
        for (let c = 0; c < inner; c++) sum += concat[i]![c]! * wo[c * d + o]!;
        out.push(sum);
      }
    }
  }
  return { out, weights };
}

describe('multi-head attention', () => {
  it('matches a direct float64 computation, with an inner width wider than the model', () => {
    const config = { dim: 4, heads: 3, dimHead: 2, qkvBias: true };
    initAttention(params, 'attn', config);
    expect(params.get('attn.qkv.weight').shape).toEqual([4, 18]);
    expect(params.get('attn.out.weight').shape).toEqual([6, 4]);
    const x = seededTensor([2, 5, 4], 3, 1.5) as tf.Tensor3D;
    const { output, weights } = multiHeadAttentionWithWeights(params, 'attn', x, config);
    expect(output.shape).toEqual([2, 5, 4]);
    expect(weights.shape).toEqual([2, 3, 5, 5]);
    const ref = referenceAttention(x.dataSync() as Float32Array, [2, 5, 4], params, config, true);
    expect(maxAbsDiff(output.dataSync(), ref.out)).toBeLessThan(2e-6);
    expect(maxAbsDiff(weights.dataSync(), ref.weights)).toBeLessThan(1e-6);
    const plain = multiHeadAttention(params, 'attn', x, config);
    expect(maxAbsDiff(plain.dataSync(), output.dataSync())).toBe(0);
    tf.dispose([x, output, weights, plain]);
    expectOnlyParamsLeft();
  });

  it('has a bias-free qkv by default (MAE-PDE) and skips the projection for one full-width head', () => {
    const config = { dim: 3, heads: 1, dimHead: 3 };
    initAttention(params, 'attn', config);
    expect(params.names).toEqual(['attn.qkv.weight']);
    const x = seededTensor([1, 4, 3], 9) as tf.Tensor3D;
    const y = multiHeadAttention(params, 'attn', x, config);
    const ref = referenceAttention(x.dataSync() as Float32Array, [1, 4, 3], params, config, false);
    expect(maxAbsDiff(y.dataSync(), ref.out)).toBeLessThan(2e-6);
    tf.dispose([x, y]);
  });
});

describe('ViT block', () => {
  const config = { dim: 4, heads: 2, dimHead: 3, mlpDim: 8 };

  it('is x + Attn(LN(x)) followed by x + Linear(GELU(Linear(LN(x))))', () => {
    initVitBlock(params, 'block0', config);
    expect(params.names).toEqual([
      'block0.attnNorm.weight',
      'block0.attnNorm.bias',
      'block0.attn.qkv.weight',
      'block0.attn.out.weight',
      'block0.attn.out.bias',
      'block0.ff.norm.weight',
      'block0.ff.norm.bias',
      'block0.ff.fc1.weight',
      'block0.ff.fc1.bias',
      'block0.ff.fc2.weight',
      'block0.ff.fc2.bias',
    ]);
    // Non-trivial norms, so that a missing or misplaced LayerNorm changes the result.
    tf.tidy(() => {
      params.get('block0.ff.norm.weight').assign(tf.tensor1d([0.5, 2, -1, 1.5]));
      params.get('block0.attnNorm.bias').assign(tf.tensor1d([0.3, -0.2, 0.1, 0]));
    });
    const x = seededTensor([2, 3, 4], 4) as tf.Tensor3D;
    const y = vitBlock(params, 'block0', x, config);
    const manual = tf.tidy(() => {
      const a = x.add(
        multiHeadAttention(
          params,
          'block0.attn',
          layerNorm(params, 'block0.attnNorm', x) as tf.Tensor3D,
          config,
        ),
      );
      const h = gelu(linear(params, 'block0.ff.fc1', layerNorm(params, 'block0.ff.norm', a)));
      return a.add(linear(params, 'block0.ff.fc2', h));
    });
    expect(y.shape).toEqual([2, 3, 4]);
    expect(maxAbsDiff(y.dataSync(), manual.dataSync())).toBeLessThan(1e-6);
    const withWeights = vitBlockWithWeights(params, 'block0', x, config);
    expect(withWeights.weights.shape).toEqual([2, 2, 3, 3]);
    expect(maxAbsDiff(withWeights.output.dataSync(), y.dataSync())).toBe(0);
    // Attention rows are distributions.
    const rowSums = tf.tidy(() => withWeights.weights.sum(-1).dataSync());
    expect(maxAbsDiff(rowSums, new Array(12).fill(1))).toBeLessThan(1e-6);
    tf.dispose([x, y, manual, withWeights.output, withWeights.weights]);
    expectOnlyParamsLeft();
  });
});
