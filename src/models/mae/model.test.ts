import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchify } from '../../data/masks/patchesTf';
import { maskBatch, tokenMaskFromFlags, type TokenMask } from '../../data/masks/strategies';
import { maxAbsDiff, seededTensor, seededValues } from '../nn/testing';
import { MAE_PRESETS, maeParameterCount, type MaeConfig, type MaePresetId } from './config';
import {
  batchMaskIndices,
  createMae,
  gatherDistinctRows,
  maeEncode,
  maeForward,
  maeReconstruct,
  maeReconstructTensor,
  maskedPatchLoss,
  type MaeModel,
} from './model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = MAE_PRESETS.tiny.config;

function windowsFor(model: MaeModel, batch: number, seed: number): tf.Tensor5D {
  const [T, X, Y, C] = model.geometry.window;
  return seededTensor([batch, T, X, Y, C], seed) as tf.Tensor5D;
}

function masksFor(model: MaeModel, batch: number, seed: number, ratio = model.config.maskRatio) {
  return maskBatch(model.geometry, { strategy: 'random', ratio }, seed, batch);
}

/** Sets window values [b, t, x, y, c] of a copy. */
function edited(
  windows: tf.Tensor5D,
  edits: [number, number, number, number, number, number][],
): tf.Tensor5D {
  const values = windows.dataSync().slice() as Float32Array;
  const [, T, X, Y, C] = windows.shape;
  for (const [b, t, x, y, c, v] of edits) values[(((b * T + t) * X + x) * Y + y) * C + c] = v;
  return tf.tensor5d(values, windows.shape);
}

/** The first pixel (t, x, y) of token `token`. */
function pixelOf(model: MaeModel, token: number): [number, number, number] {
  const { nx, ny, pt, px, py } = model.geometry;
  const iy = token % ny;
  const ix = Math.floor(token / ny) % nx;
  const it = Math.floor(token / (nx * ny));
  return [it * pt, ix * px, iy * py];
}

describe('createMae', () => {
  it('names its parameters after the architecture, in order', () => {
    const model = createMae({ ...tiny, patchNorm: true, positions: 'learned' }, { seed: 1 });
    const names = model.params.names;
    expect(names.slice(0, 8)).toEqual([
      'encoder.patch.norm0.weight',
      'encoder.patch.norm0.bias',
      'encoder.patch.linear.weight',
      'encoder.patch.linear.bias',
      'encoder.patch.norm1.weight',
      'encoder.patch.norm1.bias',
      'encoder.pos',
      'encoder.cls',
    ]);
    for (const name of [
      'encoder.block0.attn.qkv.weight',
      'decoder.proj.weight',
      'decoder.pos',
      'decoder.maskToken',
      'decoder.block0.ff.fc2.bias',
      'decoder.out.weight',
    ]) {
      expect(names, name).toContain(name);
    }
    const { tokens, tokenSize } = model.geometry;
    expect(model.params.get('encoder.pos').shape).toEqual([tokens + 1, tiny.width]);
    expect(model.params.get('decoder.pos').shape).toEqual([tokens, tiny.decoderWidth]);
    expect(model.params.get('decoder.out.weight').shape).toEqual([tiny.decoderWidth, tokenSize]);
    // Learned positions start N(0, 1), as torch.randn.
    const pos = Array.from(model.params.get('encoder.pos').dataSync());
    const mean = pos.reduce((a, b) => a + b, 0) / pos.length;
    const variance = pos.reduce((a, b) => a + (b - mean) ** 2, 0) / pos.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.85);
    expect(variance).toBeLessThan(1.15);
    model.dispose();
  });

  it('is reproducible from the seed', () => {
    const a = createMae(tiny, { seed: 5 });
    const b = createMae(tiny, { seed: 5 });
    const c = createMae(tiny, { seed: 6 });
    const w = (m: MaeModel) => m.params.get('encoder.block0.attn.qkv.weight').dataSync();
    expect(w(b)).toEqual(w(a));
    expect(w(c)).not.toEqual(w(a));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('refuses configs that cannot be built, in words', () => {
    expect(() => createMae({ ...tiny, frames: 5 })).toThrow(/whole number of patch lengths/);
    expect(() => createMae(tiny, { channels: 0 })).toThrow(/channels/);
  });
});

describe('parameter count', () => {
  const variants: [string, MaeConfig, number][] = [];
  for (const id of Object.keys(MAE_PRESETS) as MaePresetId[]) {
    const config = MAE_PRESETS[id].config;
    variants.push([`${id}, learned`, config, 1]);
    variants.push([`${id}, sin-cos`, { ...config, positions: 'sincos' }, 1]);
  }
  variants.push(['tiny, 2 channels', tiny, 2]);
  variants.push(['tiny, no patch norm', { ...tiny, patchNorm: false }, 1]);
  variants.push([
    'small, no patch norm, 2 channels',
    { ...MAE_PRESETS.small.config, patchNorm: false },
    2,
  ]);
  // No output projection for one full-width head, no decoder projection for equal widths.
  variants.push([
    'tiny, one full-width head, equal widths',
    { ...tiny, heads: 1, headDim: tiny.width, decoderWidth: tiny.width, decoderHeadDim: 16 },
    1,
  ]);

  it.each(variants)('equals maeParameterCount (%s)', (_label, config, channels) => {
    const model = createMae(config, { channels });
    expect(model.params.count()).toBe(maeParameterCount(config, channels));
    // Everything in Params trains; sin-cos tables live outside it.
    expect(model.params.count('trainable')).toBe(model.params.count());
    expect(model.params.has('encoder.pos')).toBe(config.positions === 'learned');
    expect(model.params.has('encoder.patch.norm0.weight')).toBe(config.patchNorm);
    expect(model.fixedPositions === null).toBe(config.positions === 'learned');
    model.dispose();
  });

  it('matches MAE-PDE’s official model (methods.md: ≈10.8 M encoder, ≈0.21 M decoder)', () => {
    const count = maeParameterCount(MAE_PRESETS.paper.config);
    // The decoder's unused 1025th position row (32 values) is the only difference.
    expect(count).toBeGreaterThan(10.9e6);
    expect(count).toBeLessThan(11.1e6);
  });
});

describe('maeForward', () => {
  it.each(['tiny', 'small'] as const)(
    'gives [B, N, D] predictions and a finite loss (%s)',
    (id) => {
      const model = createMae(MAE_PRESETS[id].config, { seed: 2 });
      const batch = id === 'tiny' ? 3 : 1;
      const windows = windowsFor(model, batch, 1);
      const before = tf.memory().numTensors;
      const { pred, loss } = maeForward(model, windows, masksFor(model, batch, 1));
      expect(pred.shape).toEqual([batch, model.geometry.tokens, model.geometry.tokenSize]);
      expect(loss.shape).toEqual([]);
      expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
      tf.dispose([pred, loss]);
      expect(tf.memory().numTensors).toBe(before);
      windows.dispose();
      model.dispose();
    },
  );

  // The paper preset's forward (1024 tokens, 4 decoder blocks of 16-head attention over all of
  // them) takes ~40 s on the tfjs CPU backend of this machine: its count is tested above, its
  // shapes are those of the same code path tested here.

  it('runs with fixed sin-cos positions and several channels', () => {
    const model = createMae({ ...tiny, positions: 'sincos' }, { channels: 2 });
    const windows = windowsFor(model, 2, 3);
    const { pred, loss } = maeForward(model, windows, masksFor(model, 2, 2));
    expect(pred.shape).toEqual([2, 32, 64]);
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    // The CLS row of the fixed table is zero, as MAE's get_3d_sincos_pos_embed(cls_token=True).
    expect([...model.fixedPositions!.encoder.slice([0, 0], [1, tiny.width]).dataSync()]).toEqual(
      new Array(tiny.width).fill(0),
    );
    tf.dispose([windows, pred, loss]);
    model.dispose();
  });

  it('masks each sample with its own mask (batched = one by one)', () => {
    const model = createMae(tiny, { seed: 3 });
    const windows = windowsFor(model, 2, 4);
    const masks = masksFor(model, 2, 9);
    expect(masks[0]!.keep).not.toEqual(masks[1]!.keep);
    const { pred, loss } = maeForward(model, windows, masks);
    const both = pred.arraySync();
    for (let b = 0; b < 2; b++) {
      const one = windows.slice([b], [1]);
      const single = maeForward(model, one, [masks[b]!]);
      expect(maxAbsDiff(single.pred.dataSync(), Float32Array.from(both[b]!.flat()))).toBeLessThan(
        1e-5,
      );
      tf.dispose([one, single.pred, single.loss]);
    }
    tf.dispose([windows, pred, loss]);
    model.dispose();
  });

  it('lets the encoder see only the visible tokens', () => {
    for (const positions of ['learned', 'sincos'] as const) {
      const model = createMae({ ...tiny, positions }, { seed: 4 });
      const windows = windowsFor(model, 1, 5);
      const [mask] = masksFor(model, 1, 3) as [TokenMask];
      const hidden = mask.masked[0]!;
      const visible = mask.keep[0]!;
      const base = maeForward(model, windows, [mask]);
      // Overwrite one pixel of a hidden patch: no prediction may move, hidden or not.
      const [ht, hx, hy] = pixelOf(model, hidden);
      const hiddenEdit = edited(windows, [[0, ht, hx, hy, 0, 50]]);
      const afterHidden = maeForward(model, hiddenEdit, [mask]);
      expect(maxAbsDiff(afterHidden.pred.dataSync(), base.pred.dataSync())).toBe(0);
      // …but the loss moves: that pixel is part of the target.
      expect(afterHidden.loss.dataSync()[0]).not.toBe(base.loss.dataSync()[0]);
      // Overwrite a visible pixel: the hidden tokens' predictions change (the check has teeth).
      const [vt, vx, vy] = pixelOf(model, visible);
      const visibleEdit = edited(windows, [[0, vt, vx, vy, 0, 50]]);
      const afterVisible = maeForward(model, visibleEdit, [mask]);
      expect(maxAbsDiff(afterVisible.pred.dataSync(), base.pred.dataSync())).toBeGreaterThan(1e-4);
      tf.dispose([windows, hiddenEdit, visibleEdit, base, afterHidden, afterVisible]);
      model.dispose();
    }
  });

  it('sees the patches’ level and amplitude only without the per-patch norm', () => {
    const change = (patchNorm: boolean) => {
      const model = createMae({ ...tiny, patchNorm }, { seed: 6 });
      const windows = windowsFor(model, 2, 7);
      const masks = masksFor(model, 2, 4);
      // Every patch shifted and stretched alike: a per-patch LayerNorm undoes it exactly, up to
      // its eps (1e-5 against a variance of order 0.1).
      const affine = windows.mul(3).add(2);
      const base = maeForward(model, windows, masks);
      const moved = maeForward(model, affine, masks);
      const difference = maxAbsDiff(moved.pred.dataSync(), base.pred.dataSync());
      tf.dispose([windows, affine, base, moved]);
      model.dispose();
      return difference;
    };
    expect(change(true)).toBeLessThan(1e-3);
    expect(change(false)).toBeGreaterThan(0.1);
  });

  it('refuses masks that leave different numbers of tokens visible', () => {
    const model = createMae(tiny);
    const windows = windowsFor(model, 2, 1);
    const a = masksFor(model, 1, 1, 0.75)[0]!;
    const b = masksFor(model, 1, 1, 0.5)[0]!;
    expect(() => maeForward(model, windows, [a, b])).toThrow(/same number of tokens visible/);
    expect(() => maeForward(model, windows, [a])).toThrow(/2 windows need 2 masks/);
    windows.dispose();
    model.dispose();
  });
});

describe('maskedPatchLoss', () => {
  const B = 2;
  const N = 8;
  const D = 5;
  const masks = [
    tokenMaskFromFlags({ nt: 2, nx: 2, ny: 2 }, [1, 0, 0, 1, 1, 0, 1, 0]),
    tokenMaskFromFlags({ nt: 2, nx: 2, ny: 2 }, [0, 1, 1, 0, 1, 1, 0, 0]),
  ];
  const predValues = seededValues(B * N * D, 1);
  const targetValues = seededValues(B * N * D, 2);

  /** The loss, with the value at [b, token, d] of pred or target overwritten. */
  function lossWith(
    which: 'pred' | 'target',
    b: number,
    token: number,
    normalize: boolean,
    value = 7,
  ): number {
    const pred = predValues.slice();
    const target = targetValues.slice();
    (which === 'pred' ? pred : target)[(b * N + token) * D + 1] = value;
    return tf.tidy(
      () =>
        maskedPatchLoss(
          tf.tensor3d(pred, [B, N, D]),
          tf.tensor3d(target, [B, N, D]),
          masks,
          normalize,
        ).dataSync()[0]!,
    );
  }

  it('is the MSE over the hidden tokens’ values', () => {
    let sum = 0;
    let count = 0;
    masks.forEach((m, b) =>
      m.masked.forEach((token) => {
        for (let d = 0; d < D; d++) {
          const i = (b * N + token) * D + d;
          sum += (predValues[i]! - targetValues[i]!) ** 2;
          count++;
        }
      }),
    );
    const loss = tf.tidy(
      () =>
        maskedPatchLoss(
          tf.tensor3d(predValues, [B, N, D]),
          tf.tensor3d(targetValues, [B, N, D]),
          masks,
          false,
        ).dataSync()[0]!,
    );
    expect(loss).toBeCloseTo(sum / count, 6);
  });

  it.each([false, true])(
    'ignores prediction and target at visible tokens, not at hidden ones (normalized %s)',
    (normalize) => {
      const base = lossWith('pred', 0, 1, normalize, predValues[(0 * N + 1) * D + 1]);
      for (const b of [0, 1]) {
        const visible = masks[b]!.keep[0]!;
        const hidden = masks[b]!.masked[0]!;
        expect(lossWith('pred', b, visible, normalize)).toBe(base);
        expect(lossWith('target', b, visible, normalize)).toBe(base);
        expect(lossWith('pred', b, hidden, normalize)).not.toBe(base);
        expect(lossWith('target', b, hidden, normalize)).not.toBe(base);
      }
    },
  );

  it('normalizes targets per patch by mean and unbiased variance (He et al.)', () => {
    const target = targetValues.subarray(0, D);
    const mean = target.reduce((a, v) => a + v, 0) / D;
    const variance = target.reduce((a, v) => a + (v - mean) ** 2, 0) / (D - 1);
    const normalized = Array.from(target, (v) => (v - mean) / Math.sqrt(variance + 1e-6));
    // A hidden token whose prediction is exactly its normalized target contributes nothing.
    const onlyToken0 = [tokenMaskFromFlags({ nt: 1, nx: 1, ny: 1 }, [1])];
    const loss = tf.tidy(
      () =>
        maskedPatchLoss(
          tf.tensor3d(normalized, [1, 1, D]),
          tf.tensor3d(target, [1, 1, D]),
          onlyToken0,
          true,
        ).dataSync()[0]!,
    );
    expect(loss).toBeLessThan(1e-12);
  });
});

describe('maeReconstruct', () => {
  let model: MaeModel;
  beforeAll(() => {
    model = createMae(tiny, { seed: 7 });
  });
  afterAll(() => model.dispose());

  it('pastes the visible patches and fills the hidden ones from the decoder', async () => {
    const windows = windowsFor(model, 2, 6);
    const masks = masksFor(model, 2, 4);
    const before = tf.memory().numTensors;
    const { reconstruction, attention } = await maeReconstruct(model, windows, masks);
    expect(attention).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
    const input = windows.dataSync();
    const { pred } = maeForward(model, windows, masks);
    const predPixels = tf.tidy(() =>
      patchify(tf.tensor5d(reconstruction, windows.shape), model.geometry).dataSync(),
    );
    const inputTokens = tf.tidy(() => patchify(windows, model.geometry).dataSync());
    const predValues = pred.dataSync();
    const { tokens, tokenSize } = model.geometry;
    masks.forEach((m, b) => {
      for (let j = 0; j < tokens; j++) {
        const at = (b * tokens + j) * tokenSize;
        const expected = (m.mask[j] ? predValues : inputTokens).subarray(at, at + tokenSize);
        expect(maxAbsDiff(predPixels.subarray(at, at + tokenSize), expected)).toBe(0);
      }
    });
    expect(reconstruction).not.toEqual(input);
    tf.dispose([windows, pred]);
  });

  it('with windows scaled by their visible patches, follows a shift and stretch of the window and never reads a hidden value', async () => {
    const scaled = createMae({ ...tiny, windowNorm: 'visible' }, { seed: 3 });
    const windows = windowsFor(scaled, 2, 6);
    const masks = masksFor(scaled, 2, 4);
    const before = tf.memory().numTensors;
    const base = (await maeReconstruct(scaled, windows, masks)).reconstruction;
    expect(tf.memory().numTensors).toBe(before);
    // a·x + b in, a·(reconstruction) + b out: the statistics absorb the level and the amplitude.
    const affine = windows.mul(3).add(2) as tf.Tensor5D;
    const moved = (await maeReconstruct(scaled, affine, masks)).reconstruction;
    const expected = base.map((v) => 3 * v + 2);
    expect(maxAbsDiff(moved, expected)).toBeLessThan(1e-3);
    // Any value in a hidden patch changed: the reconstruction outside that patch stays the same.
    const hiddenToken = masks[0]!.mask.findIndex((h) => h === 1);
    const [t, x, y] = pixelOf(scaled, hiddenToken);
    const poked = edited(windows, [[0, t, x, y, 0, 50]]);
    const again = (await maeReconstruct(scaled, poked, masks)).reconstruction;
    const changed = again.filter((v, i) => Math.abs(v - base[i]!) > 1e-6).length;
    expect(changed).toBe(0);
    tf.dispose([windows, affine, poked]);
    scaled.dispose();
  });

  it('returns the decoder attention per block when asked, rows summing to 1', async () => {
    const config = { ...tiny, decoderDepth: 2 };
    const deep = createMae(config, { seed: 1 });
    const windows = windowsFor(deep, 2, 6);
    const masks = masksFor(deep, 2, 4);
    const plain = maeReconstructTensor(deep, windows, masks);
    const { reconstruction, attention } = await maeReconstruct(deep, windows, masks, {
      attention: true,
    });
    expect(reconstruction).toEqual(plain.dataSync());
    const N = deep.geometry.tokens;
    const H = config.decoderHeads;
    expect(attention).toHaveLength(2);
    for (const layer of attention!) {
      expect(layer).toHaveLength(2 * H * N * N);
      for (let row = 0; row < 2 * H * N; row++) {
        const sum = layer.subarray(row * N, (row + 1) * N).reduce((a, v) => a + v, 0);
        expect(sum).toBeCloseTo(1, 5);
      }
    }
    tf.dispose([windows, plain]);
    deep.dispose();
  });
});

describe('maeEncode', () => {
  it('encodes every token plus the CLS token, unmasked', () => {
    const model = createMae(tiny, { seed: 8 });
    const windows = windowsFor(model, 2, 2);
    const before = tf.memory().numTensors;
    const { cls, tokens } = maeEncode(model, windows);
    expect(cls.shape).toEqual([2, tiny.width]);
    expect(tokens.shape).toEqual([2, model.geometry.tokens, tiny.width]);
    // The CLS output depends on the CLS parameter and on every patch.
    const clsBefore = cls.dataSync().slice();
    const edit = edited(windows, [[1, 3, 15, 15, 0, 9]]);
    const moved = maeEncode(model, edit);
    const movedCls = moved.cls.dataSync();
    expect(maxAbsDiff(movedCls.subarray(0, tiny.width), clsBefore.subarray(0, tiny.width))).toBe(0);
    expect(maxAbsDiff(movedCls, clsBefore)).toBeGreaterThan(1e-4);
    tf.dispose([cls, tokens, edit, moved]);
    expect(tf.memory().numTensors).toBe(before);
    windows.dispose();
    model.dispose();
  });
});

describe('batchMaskIndices and gatherDistinctRows', () => {
  it('offsets each sample’s rows by b·N and un-shuffles with restore', () => {
    const masks = [
      tokenMaskFromFlags({ nt: 1, nx: 2, ny: 2 }, [1, 0, 1, 0]),
      tokenMaskFromFlags({ nt: 1, nx: 2, ny: 2 }, [0, 1, 1, 0]),
    ];
    const { visible, keepRows, restoreRows, hidden } = batchMaskIndices(masks, 4);
    expect(visible).toBe(2);
    expect([...keepRows]).toEqual([1, 3, 4, 7]);
    // Sample 0's sequence is [t1, t3, t0, t2]: token 0 at 2, token 1 at 0, …
    expect([...restoreRows]).toEqual([2, 0, 3, 1, 4, 6, 7, 5]);
    expect([...hidden]).toEqual([1, 0, 1, 0, 0, 1, 1, 0]);
  });

  it('has the gradient of tf.gather, without UnsortedSegmentSum', () => {
    const x = seededTensor([6, 3], 1) as tf.Tensor2D;
    const w = seededTensor([4, 3], 2);
    const rows = Int32Array.from([4, 0, 5, 2]);
    const ours = tf.grad((v: tf.Tensor) =>
      gatherDistinctRows(v as tf.Tensor2D, rows)
        .mul(w)
        .sum(),
    )(x);
    const reference = tf.grad((v: tf.Tensor) =>
      tf.gather(v, tf.tensor1d(rows, 'int32'), 0).mul(w).sum(),
    )(x);
    expect(maxAbsDiff(ours.dataSync(), reference.dataSync())).toBe(0);
    expect(() => gatherDistinctRows(x, Int32Array.from([1, 1]))).toThrow(/picked twice/);
    tf.dispose([x, w, ours, reference]);
  });
});
