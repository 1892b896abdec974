import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Params } from './params';
import { maxAbs, maxAbsDiff, seededTensor, seededValues } from './testing';
import {
  emaUpdate,
  initVectorQuantizer,
  nearestCodes,
  restartDeadCodes,
  vectorQuantize,
  type VectorQuantizerConfig,
} from './vectorQuantizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let params: Params;
let tensorsBefore: number;
beforeEach(() => {
  params = new Params(23);
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => params.dispose());

function expectOnlyParamsLeft() {
  expect(tf.memory().numTensors).toBe(tensorsBefore + params.names.length);
}

/** Sets a parameter's values in place. */
function set(name: string, values: number[][] | number[]) {
  tf.tidy(() => params.get(name).assign(tf.tensor(values, params.get(name).shape)));
}

/** The rows of t as [N, last axis], the last axis's values per row. */
function rows(t: tf.Tensor): number[][] {
  return tf.tidy(() => t.reshape([-1, t.shape[t.rank - 1]!]).arraySync() as number[][]);
}

/** Index of the nearest code in float64, by brute force. */
function bruteNearest(vectors: number[][], codebook: number[][]): number[] {
  return vectors.map((v) => {
    let best = 0;
    let bestDistance = Infinity;
    codebook.forEach((e, k) => {
      const d = v.reduce((s, x, i) => s + (x - e[i]!) ** 2, 0);
      if (d < bestDistance) [best, bestDistance] = [k, d];
    });
    return best;
  });
}

describe('initVectorQuantizer', () => {
  it('EMA: frozen N(0, 1) codes, cluster sizes 1 and sums equal to the codes', () => {
    initVectorQuantizer(params, 'vq', { codes: 64, dim: 16 });
    expect(params.names).toEqual(['vq.codebook', 'vq.clusterSize', 'vq.embedSum']);
    expect(params.trainable()).toEqual([]);
    const codes = params.get('vq.codebook').dataSync() as Float32Array;
    const mean = codes.reduce((a, b) => a + b, 0) / codes.length;
    const variance = codes.reduce((a, b) => a + (b - mean) ** 2, 0) / codes.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.85);
    expect(variance).toBeLessThan(1.15);
    expect(maxAbsDiff(params.get('vq.embedSum').dataSync(), codes)).toBe(0);
    expect(new Set(params.get('vq.clusterSize').dataSync())).toEqual(new Set([1]));
  });

  it('trained: a trainable U(±1/K) codebook and no EMA sums', () => {
    initVectorQuantizer(params, 'vq', { codes: 32, dim: 8, ema: false });
    expect(params.trainable().map(([n]) => n)).toEqual(['vq.codebook']);
    expect(params.has('vq.embedSum')).toBe(false);
    const codes = params.get('vq.codebook').dataSync();
    expect(maxAbs(codes)).toBeLessThanOrEqual(1 / 32);
    expect(maxAbs(codes)).toBeGreaterThan(0.9 / 32);
  });
});

describe('vectorQuantize', () => {
  it('picks the nearest code of each vector (brute-force float64 check)', () => {
    const config = { codes: 7, dim: 3 };
    initVectorQuantizer(params, 'vq', config);
    const z = seededTensor([4, 15, 3], 1, 2);
    const out = vectorQuantize(params, 'vq', z, config);
    const codebook = rows(params.get('vq.codebook'));
    const expected = bruteNearest(rows(z), codebook);
    expect(out.indices.dtype).toBe('int32');
    expect(out.indices.shape).toEqual([4, 15]);
    expect(Array.from(out.indices.dataSync())).toEqual(expected);
    expect(out.quantized.shape).toEqual([4, 15, 3]);
    expect(rows(out.quantized)).toEqual(expected.map((k) => codebook[k]));
    const counts = Array.from({ length: 7 }, (_, k) => expected.filter((i) => i === k).length);
    expect(Array.from(out.counts.dataSync())).toEqual(counts);
    expect(out.deadFraction.dataSync()[0]).toBeCloseTo(counts.filter((c) => !c).length / 7, 6);
    const fromNearest = nearestCodes(params, 'vq', z);
    expect(Array.from(fromNearest.dataSync())).toEqual(expected);
    const bad = tf.zeros([2, 4]);
    expect(() => vectorQuantize(params, 'vq', bad, config)).toThrow(/last dimension 4/);
    tf.dispose([z, out, fromNearest, bad]);
    expectOnlyParamsLeft();
  });

  it('has perplexity K′ when K′ codes are used equally, 1 when one is', () => {
    const config = { codes: 8, dim: 2 };
    initVectorQuantizer(params, 'vq', config);
    const codebook = rows(params.get('vq.codebook'));
    // Each of codes 0…3 picked by exactly three vectors: the codes themselves.
    const z = tf.tensor2d([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3].map((k) => codebook[k]!));
    const out = vectorQuantize(params, 'vq', z, config);
    expect(Array.from(out.counts.dataSync())).toEqual([3, 3, 3, 3, 0, 0, 0, 0]);
    expect(out.perplexity.dataSync()[0]).toBeCloseTo(4, 5);
    expect(out.deadFraction.dataSync()[0]).toBe(0.5);
    const one = tf.tensor2d([codebook[5]!, codebook[5]!]);
    const single = vectorQuantize(params, 'vq', one, config);
    expect(single.perplexity.dataSync()[0]).toBeCloseTo(1, 6);
    tf.dispose([z, out, one, single]);
  });

  for (const ema of [true, false]) {
    it(`passes the gradient straight through to z, plus the VQ loss's (${ema ? 'EMA' : 'trained'})`, () => {
      const config: VectorQuantizerConfig = { codes: 3, dim: 2, ema };
      initVectorQuantizer(params, 'vq', config);
      const codebook = [
        [1, 0],
        [-1, 0.5],
        [0, -1],
      ];
      set('vq.codebook', codebook);
      const zs = [
        [0.8, 0.3],
        [-0.4, 0.1],
        [0.2, -0.7],
        [-1.3, 0.9],
      ];
      const picked = [0, 1, 2, 1];
      expect(bruteNearest(zs, codebook)).toEqual(picked);
      params.fromData('z', [4, 2], Float32Array.from(zs.flat()));
      const upstream = tf.tensor2d(seededValues(8, 3), [4, 2]);
      const z = params.get('z');
      const trained = params.trainable().map(([, v]) => v);

      const straight = tf.variableGrads(
        () =>
          tf.tidy(() => {
            const out = vectorQuantize(params, 'vq', z, config);
            return out.quantized.mul(upstream).sum() as tf.Scalar;
          }),
        trained,
      );
      // d/dz Σ upstream·quantized = upstream exactly; the codebook gets nothing from this path.
      expect(Array.from(straight.grads[z.name]!.dataSync())).toEqual(
        Array.from(upstream.dataSync()),
      );
      if (!ema) expect(maxAbs(straight.grads[params.get('vq.codebook').name]!.dataSync())).toBe(0);

      const withLoss = tf.variableGrads(
        () =>
          tf.tidy(() => {
            const out = vectorQuantize(params, 'vq', z, config);
            return out.quantized.mul(upstream).sum().add(out.loss) as tf.Scalar;
          }),
        trained,
      );
      const up = upstream.dataSync();
      const numel = 8;
      // β·mean(z − sg(e))² adds 2β(z − e)/numel to z's gradient ...
      const dz = zs.flatMap((v, n) =>
        v.map((x, i) => up[n * 2 + i]! + (2 * 0.25 * (x - codebook[picked[n]!]![i]!)) / numel),
      );
      expect(maxAbsDiff(withLoss.grads[z.name]!.dataSync(), dz)).toBeLessThan(1e-6);
      if (!ema) {
        // ... and mean(sg(z) − e)² gives code k −2·Σ_{z→k}(z − e_k)/numel.
        const de = codebook.map((e, k) =>
          e.map((c, i) =>
            zs.reduce((s, v, n) => (picked[n] === k ? s - (2 * (v[i]! - c)) / numel : s), 0),
          ),
        );
        const got = withLoss.grads[params.get('vq.codebook').name]!.dataSync();
        expect(maxAbsDiff(got, de.flat())).toBeLessThan(1e-6);
      }
      const lossValue = tf.tidy(() => vectorQuantize(params, 'vq', z, config).loss.dataSync()[0]!);
      const mse =
        zs.reduce(
          (s, v, n) => s + v.reduce((t, x, i) => t + (x - codebook[picked[n]!]![i]!) ** 2, 0),
          0,
        ) / numel;
      expect(lossValue).toBeCloseTo((ema ? 0.25 : 1.25) * mse, 6);
      tf.dispose([upstream, straight.value, withLoss.value]);
      tf.dispose(Object.values(straight.grads));
      tf.dispose(Object.values(withLoss.grads));
      expectOnlyParamsLeft();
    });
  }
});

describe('emaUpdate', () => {
  it('equals a hand-computed EMA step with Laplace smoothing', () => {
    const [decay, epsilon] = [0.9, 0.1];
    const config = { codes: 3, dim: 2, decay, epsilon };
    initVectorQuantizer(params, 'vq', config);
    const codebook = [
      [0, 0],
      [4, 4],
      [-4, 4],
    ];
    const sizes = [2, 1, 0.5];
    const sums = [
      [0.2, -0.2],
      [3, 5],
      [-2, 1],
    ];
    set('vq.codebook', codebook);
    set('vq.clusterSize', sizes);
    set('vq.embedSum', sums);
    const zs = [
      [0.5, 0.1],
      [3.5, 4.5],
      [-0.3, 0.4],
      [4.2, 3.1],
      [0.1, -0.6],
    ];
    const picked = [0, 1, 0, 1, 0];
    const z = tf.tensor2d(zs);
    const indices = tf.tensor1d(picked, 'int32');
    emaUpdate(params, 'vq', z, indices, config);

    const counts = [3, 2, 0];
    const decayed = sizes.map((n, k) => decay * n + (1 - decay) * counts[k]!);
    const total = decayed.reduce((a, b) => a + b, 0);
    const smoothed = decayed.map((n) => ((n + epsilon) / (total + 3 * epsilon)) * total);
    const newSums = sums.map((m, k) =>
      m.map(
        (v, i) =>
          decay * v + (1 - decay) * zs.reduce((s, x, n) => (picked[n] === k ? s + x[i]! : s), 0),
      ),
    );
    const newCodes = newSums.map((m, k) => m.map((v) => v / smoothed[k]!));
    expect(maxAbsDiff(params.get('vq.clusterSize').dataSync(), smoothed)).toBeLessThan(1e-6);
    expect(maxAbsDiff(params.get('vq.embedSum').dataSync(), newSums.flat())).toBeLessThan(1e-6);
    expect(maxAbsDiff(params.get('vq.codebook').dataSync(), newCodes.flat())).toBeLessThan(1e-5);
    tf.dispose([z, indices]);
    expectOnlyParamsLeft();
  });

  it('moves only the counts of a trained codebook', () => {
    const config = { codes: 2, dim: 1, ema: false, decay: 0.5, epsilon: 0 };
    initVectorQuantizer(params, 'vq', config);
    const before = params.get('vq.codebook').dataSync().slice();
    const z = tf.tensor2d([[1], [2], [3]]);
    const indices = tf.tensor1d([1, 1, 1], 'int32');
    emaUpdate(params, 'vq', z, indices, config);
    expect(Array.from(params.get('vq.clusterSize').dataSync())).toEqual([0.5, 2]);
    expect(params.get('vq.codebook').dataSync()).toEqual(before);
    tf.dispose([z, indices]);
  });

  it('keeps the codes of a fresh EMA codebook that no vector picked', () => {
    const config = { codes: 4, dim: 3 };
    initVectorQuantizer(params, 'vq', config);
    const before = params.get('vq.codebook').dataSync().slice();
    const z = seededTensor([10, 3], 4);
    const out = vectorQuantize(params, 'vq', z, config);
    emaUpdate(params, 'vq', z, out.indices, config);
    const counts = out.counts.dataSync();
    const after = params.get('vq.codebook').dataSync();
    for (let k = 0; k < 4; k++) {
      if (counts[k] !== 0) continue;
      const drift = maxAbsDiff(after.slice(3 * k, 3 * k + 3), before.slice(3 * k, 3 * k + 3));
      expect(drift).toBeLessThan(1e-3 * maxAbs(before.slice(3 * k, 3 * k + 3)));
    }
    tf.dispose([z, out]);
  });
});

describe('restartDeadCodes', () => {
  for (const ema of [true, false]) {
    it(`revives unused codes from the batch's vectors, seeded (${ema ? 'EMA' : 'trained'})`, () => {
      const config = { codes: 4, dim: 2, ema };
      initVectorQuantizer(params, 'vq', config);
      set('vq.codebook', [
        [0, 0],
        [10, 10],
        [-10, 10],
        [50, -50],
      ]);
      if (ema) set('vq.embedSum', rows(params.get('vq.codebook')));
      // Every vector lies near code 0 or code 1.
      const offsets = seededValues(16, 5, 0.5);
      const z = tf.tensor2d(
        Array.from({ length: 8 }, (_, n) => [
          (n % 2) * 10 + offsets[2 * n]!,
          (n % 2) * 10 + offsets[2 * n + 1]!,
        ]),
      );
      const first = vectorQuantize(params, 'vq', z, config);
      expect(Array.from(first.counts.dataSync())).toEqual([4, 4, 0, 0]);
      emaUpdate(params, 'vq', z, first.indices, config);
      const sizes = params.get('vq.clusterSize').dataSync();
      expect(sizes[2]).toBeLessThan(1); // 0.99 after one unused step
      expect(sizes[0]).toBeGreaterThan(1);
      const live = params.get('vq.codebook').dataSync().slice(0, 4);

      const restarted = restartDeadCodes(params, 'vq', z, config, { seed: 7 });
      expect(restarted.dataSync()[0]).toBe(2);
      const codes = rows(params.get('vq.codebook'));
      expect(codes.slice(0, 2).flat()).toEqual(Array.from(live));
      const batch = rows(z);
      const sources = [2, 3].map((k) =>
        batch.findIndex((v) => v.every((x, i) => x === codes[k]![i])),
      );
      expect(sources.every((n) => n >= 0)).toBe(true);
      expect(sources[0]).not.toBe(sources[1]);
      expect(Array.from(params.get('vq.clusterSize').dataSync().slice(2))).toEqual([1, 1]);
      if (ema) {
        const sums = params.get('vq.embedSum').dataSync().slice(4);
        expect(Array.from(sums)).toEqual(codes.slice(2).flat());
      }

      // The revived codes are picked again: each is one of the batch's vectors.
      const second = vectorQuantize(params, 'vq', z, config);
      const counts = second.counts.dataSync();
      expect(counts[2]).toBeGreaterThan(0);
      expect(counts[3]).toBeGreaterThan(0);
      expect(second.deadFraction.dataSync()[0]).toBe(0);

      // Nothing is dead now.
      const none = restartDeadCodes(params, 'vq', z, config, { seed: 7 });
      expect(none.dataSync()[0]).toBe(0);
      tf.dispose([z, first, restarted, second, none]);
      expectOnlyParamsLeft();
    });
  }
});

describe('tensor bookkeeping', () => {
  it('leaves the tensor count flat across repeated steps', () => {
    const config = { codes: 16, dim: 4, ema: false };
    initVectorQuantizer(params, 'vq', config);
    params.fromData('w', [4, 4], seededValues(16, 6));
    const x = seededTensor([3, 5, 4], 7);
    const counts: number[] = [];
    for (let step = 0; step < 4; step++) {
      const { value, grads } = tf.variableGrads(() =>
        tf.tidy(() => {
          const z = tf.matMul(x.reshape([-1, 4]), params.get('w'));
          const out = vectorQuantize(params, 'vq', z, config);
          return out.quantized.square().mean().add(out.loss) as tf.Scalar;
        }),
      );
      tf.dispose([value, ...Object.values(grads)]);
      const z = tf.tidy(() => tf.matMul(x.reshape([-1, 4]), params.get('w')));
      const out = vectorQuantize(params, 'vq', z, config);
      emaUpdate(params, 'vq', z, out.indices, config);
      restartDeadCodes(params, 'vq', z, config, { seed: step }).dispose();
      tf.dispose([z, out]);
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    x.dispose();
    expectOnlyParamsLeft();
  });
});
