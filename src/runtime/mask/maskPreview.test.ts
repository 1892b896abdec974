import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BASELINES,
  MASK_STRATEGIES,
  maskedCount,
  maskedRelativeL2,
  patchGeometry,
  tokenMaskToPixels,
  type MaskStrategy,
} from '../../data/masks';
import { deleteLabDb } from '../../storage/db';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import { uniqueDbName } from '../../storage/testDb';
import type { MaskPreviewRequest } from './config';
import { MaskPreviewer } from './maskPreview';

const [N, T, X, Y, C] = [3, 6, 8, 8, 2];

/** Value of trajectory i, frame t, point (x, y), channel c: smooth, distinct everywhere. */
const value = (i: number, t: number, x: number, y: number, c: number) =>
  Math.sin(0.7 * x + 0.3 * y + 0.2 * t + i) + 0.5 * c + 0.1 * i;

function datasetData(f: typeof value): Float32Array {
  const data = new Float32Array(N * T * X * Y * C);
  let k = 0;
  for (let i = 0; i < N; i++)
    for (let t = 0; t < T; t++)
      for (let x = 0; x < X; x++)
        for (let y = 0; y < Y; y++) for (let c = 0; c < C; c++) data[k++] = f(i, t, x, y, c);
  return data;
}

let dbName: string;
let opened: number;
let previewer: MaskPreviewer;

async function save(name: string, data: Float32Array): Promise<string> {
  const storage = await openLabStorage(dbName);
  try {
    const summary = await storage.datasets.put({
      name,
      meta: {
        equation: 'heat',
        scheme: 'spectral',
        seed: 0,
        grid: { n: X, length: 1, origin: 0 },
        times: Array.from({ length: T }, (_, t) => 0.1 * t),
        channels: ['u', 'v'],
        coefficients: {},
        split: { train: 2, val: 1, test: 0 },
      },
      payload: { data, shape: [N, T, X, Y, C] },
    });
    return summary.id;
  } finally {
    storage.close();
  }
}

function request(datasetId: string, change: Partial<MaskPreviewRequest> = {}): MaskPreviewRequest {
  return {
    datasetId,
    trajectory: 1,
    start: 2,
    frames: 4,
    patch: { pt: 2, px: 2, py: 2 },
    strategy: 'random',
    ratio: 0.75,
    seed: 5,
    reconstruction: { kind: 'baseline', method: 'linear' },
    ...change,
  };
}

beforeEach(() => {
  dbName = uniqueDbName();
  opened = 0;
  previewer = new MaskPreviewer((): Promise<LabStorage> => {
    opened++;
    return openLabStorage(dbName);
  });
});

afterEach(async () => {
  await deleteLabDb(dbName);
});

describe('MaskPreviewer', () => {
  it('cuts the requested window out of the stored dataset, with its times and channels', async () => {
    const id = await save('smooth', datasetData(value));
    const result = await previewer.preview(request(id));
    expect(result.window).toEqual([4, X, Y, C]);
    expect(result.tokenGrid).toEqual({ nt: 2, nx: 4, ny: 4 });
    expect(result.times.map((t) => Math.round(t * 10))).toEqual([2, 3, 4, 5]);
    expect(result.channels).toEqual(['u', 'v']);
    let k = 0;
    for (let t = 2; t < 6; t++)
      for (let x = 0; x < X; x++)
        for (let y = 0; y < Y; y++)
          for (let c = 0; c < C; c++) {
            expect(result.original[k++]).toBeCloseTo(value(1, t, x, y, c), 5);
          }
  });

  it('gives the same mask and reconstruction for the same seed, another mask for another seed', async () => {
    const id = await save('smooth', datasetData(value));
    const a = await previewer.preview(request(id));
    const b = await previewer.preview(request(id));
    const other = await previewer.preview(request(id, { seed: 6 }));
    expect(b.tokenMask).toEqual(a.tokenMask);
    expect(b.reconstruction).toEqual(a.reconstruction);
    expect(b.metrics.maskedRelativeL2).toBe(a.metrics.maskedRelativeL2);
    expect(other.tokenMask).not.toEqual(a.tokenMask);
    // A fresh worker (no cache) draws the same mask too.
    const fresh = await new MaskPreviewer(() => openLabStorage(dbName)).preview(request(id));
    expect(fresh.tokenMask).toEqual(a.tokenMask);
  });

  it.each(MASK_STRATEGIES)(
    '%s hides exactly the expected number of patches, pixel by pixel',
    async (strategy: MaskStrategy) => {
      const id = await save('smooth', datasetData(value));
      const result = await previewer.preview(request(id, { strategy, ratio: 0.5 }));
      const g = patchGeometry([4, X, Y, C], { pt: 2, px: 2, py: 2 });
      const expected = maskedCount(g, { strategy, ratio: 0.5 });
      expect(expected).toBeGreaterThan(0);
      expect(result.metrics.hiddenTokens).toBe(expected);
      expect(result.metrics.tokens).toBe(32);
      expect(result.tokenMask.reduce((s, f) => s + f, 0)).toBe(expected);
      expect(result.pixelMask).toEqual(tokenMaskToPixels(g, result.tokenMask));
      expect(result.pixelMask.reduce((s, f) => s + f, 0)).toBe(expected * 2 * 2 * 2);
    },
  );

  it('reports the error of the reconstruction over the hidden pixels, and none elsewhere', async () => {
    const id = await save('smooth', datasetData(value));
    const result = await previewer.preview(request(id, { strategy: 'tube' }));
    const { original, reconstruction, error, pixelMask } = result;
    for (let i = 0; i < error.length; i++) {
      expect(error[i]).toBeCloseTo(reconstruction[i]! - original[i]!, 6);
      if (!pixelMask[Math.floor(i / C)]) expect(error[i]).toBe(0);
    }
    const g = patchGeometry([4, X, Y, C], { pt: 2, px: 2, py: 2 });
    const linear = BASELINES.linear(original, g, result.tokenMask);
    expect(reconstruction).toEqual(linear);
    const overall = maskedRelativeL2(linear, original, pixelMask);
    expect(overall).toBeGreaterThan(0);
    expect(result.metrics.maskedRelativeL2).toBe(overall);
    // Tubes hide the same patches in every frame: every frame has an error of its own.
    expect(result.metrics.perFrameRelativeL2).toHaveLength(4);
    result.metrics.perFrameRelativeL2.forEach((e, f) => {
      const frame = X * Y * C;
      const expected = maskedRelativeL2(
        linear.subarray(f * frame, (f + 1) * frame),
        original.subarray(f * frame, (f + 1) * frame),
        pixelMask.subarray(f * X * Y, (f + 1) * X * Y),
      );
      expect(e).toBe(expected);
    });
  });

  it('changes nothing and reports no error when nothing is hidden', async () => {
    const id = await save('smooth', datasetData(value));
    const result = await previewer.preview(request(id, { ratio: 0 }));
    expect(result.metrics.hiddenTokens).toBe(0);
    expect(result.pixelMask.every((f) => f === 0)).toBe(true);
    expect(result.reconstruction).toEqual(result.original);
    expect(result.error.every((e) => e === 0)).toBe(true);
    expect(result.metrics.maskedRelativeL2).toBeNaN();
  });

  it('fills a constant field exactly with every baseline', async () => {
    const id = await save(
      'constant',
      datasetData((_i, _t, _x, _y, c) => 2 - c),
    );
    for (const method of Object.keys(BASELINES) as (keyof typeof BASELINES)[]) {
      const result = await previewer.preview(
        request(id, { reconstruction: { kind: 'baseline', method } }),
      );
      expect(result.metrics.hiddenTokens).toBeGreaterThan(0);
      expect(result.metrics.maskedRelativeL2).toBeLessThan(1e-6);
    }
  });

  it('reads a dataset once while it stays the chosen one, and never hands out its buffer', async () => {
    const first = await save('first', datasetData(value));
    const second = await save(
      'second',
      datasetData((i) => i),
    );
    const results = await Promise.all([
      previewer.preview(request(first)),
      previewer.preview(request(first, { trajectory: 0 })),
    ]);
    await previewer.preview(request(first, { ratio: 0.25 }));
    expect(opened).toBe(1);
    await previewer.preview(request(second));
    expect(opened).toBe(2);
    previewer.forget();
    await previewer.preview(request(second));
    expect(opened).toBe(3);
    // Every array owns its whole buffer, so transferring it cannot detach the cached dataset.
    for (const r of results) {
      for (const array of [r.original, r.reconstruction, r.error, r.pixelMask, r.tokenMask]) {
        expect(array.byteLength).toBe(array.buffer.byteLength);
      }
    }
  });

  it('explains a window that does not fit or a dataset that is gone, and reads again after', async () => {
    const id = await save('smooth', datasetData(value));
    await expect(previewer.preview(request(id, { trajectory: N }))).rejects.toThrow(
      /Trajectory must be a whole number from 0 to 2/,
    );
    await expect(previewer.preview(request(id, { start: 4 }))).rejects.toThrow(
      /4 frames from frame 4 does not fit the dataset's 6 frames/,
    );
    await expect(
      previewer.preview(request(id, { patch: { pt: 3, px: 2, py: 2 } })),
    ).rejects.toThrow(/does not divide the window's 4 frames/);
    await expect(previewer.preview(request('missing'))).rejects.toThrow(/no longer saved/);
    expect(opened).toBe(2);
    await expect(previewer.preview(request('missing'))).rejects.toThrow(/no longer saved/);
    expect(opened).toBe(3);
  });
});
