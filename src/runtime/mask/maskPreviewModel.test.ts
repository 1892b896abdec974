import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASELINES, maskedRelativeL2, patchGeometry } from '../../data/masks';
import { fourierResample } from '../../data/resample';
import { MAE_MODEL_ID, MAE_MODEL_VERSION, maeCheckpointConfig } from '../../models/mae/checkpoint';
import { MAE_PRESETS } from '../../models/mae/config';
import { createMae } from '../../models/mae/model';
import { captureCheckpoint, encodeCheckpoint } from '../../models/nn/checkpoint';
import { deleteLabDb } from '../../storage/db';
import { openLabStorage, type LabStorage } from '../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../storage/testDb';
import { checkpointIdOf } from '../../storage/checkpointRecords';
import type { MaskPreviewRequest, ReconstructionSource } from './config';
import { MaskPreviewer } from './maskPreview';

/** A dataset of 3 trajectories, 6 frames on an 8² grid, 2 channels; the tiny MAE reads 4 × 16². */
const [N, T, X, C] = [3, 6, 8, 2];
const TINY = MAE_PRESETS.tiny.config;

const value = (i: number, t: number, x: number, y: number, c: number) =>
  Math.sin((2 * Math.PI * (x + 2 * y)) / X + 0.3 * t + i) + 0.5 * c + 0.1 * i;

let dbName: string;
let previewer: MaskPreviewer;
const open = () => openLabStorage(dbName);

const withStorage = <R>(work: (storage: LabStorage) => Promise<R>) => withOpenStorage(open, work);

function saveDataset(frames = T): Promise<string> {
  const data = new Float32Array(N * frames * X * X * C);
  let k = 0;
  for (let i = 0; i < N; i++)
    for (let t = 0; t < frames; t++)
      for (let x = 0; x < X; x++)
        for (let y = 0; y < X; y++) for (let c = 0; c < C; c++) data[k++] = value(i, t, x, y, c);
  return withStorage(async (storage) => {
    const summary = await storage.datasets.put({
      name: 'waves',
      meta: {
        equation: 'advection',
        scheme: 'exact',
        seed: 0,
        grid: { n: X, length: 1, origin: 0 },
        times: Array.from({ length: frames }, (_, t) => 0.1 * t),
        channels: ['u', 'v'],
        coefficients: {},
        split: { train: 2, val: 1, test: 0 },
      },
      payload: { data, shape: [N, frames, X, X, C] },
    });
    return summary.id;
  });
}

/** Saves a tiny MAE (weights seeded by `seed`) as run `runId`'s checkpoint; returns its source. */
async function saveModel(
  runId: string,
  seed: number,
  step: number,
): Promise<Extract<ReconstructionSource, { kind: 'model' }>> {
  const model = createMae(TINY, { channels: 1, seed });
  try {
    const checkpoint = await captureCheckpoint({
      modelId: MAE_MODEL_ID,
      modelVersion: MAE_MODEL_VERSION,
      config: maeCheckpointConfig(model),
      step,
      params: model.params,
    });
    const bytes = encodeCheckpoint(checkpoint);
    return await withStorage(async (storage) => {
      await storage.runs.put({
        id: runId,
        name: `MAE tiny ${runId}`,
        meta: {
          modelId: 'mae',
          config: { ...TINY },
          options: {
            steps: 10,
            batchSize: 2,
            peakLr: 1e-3,
            schedule: 'one-cycle',
            warmupFraction: 0.2,
            weightDecay: 0.01,
            clipNorm: 1,
            seed,
            validateEvery: 5,
            checkpointEvery: 5,
            snapshotEvery: 5,
          },
          datasetId: 'd',
          datasetName: 'waves',
          status: 'done',
          step,
          startedAt: 1,
          updatedAt: 2,
          latestCheckpointId: checkpointIdOf(runId),
        },
        payload: {
          history: { step: [], loss: [], lr: [], valStep: [], val: {} },
        },
      });
      const summary = await storage.checkpoints.put({
        id: checkpointIdOf(runId),
        name: `MAE tiny ${runId} · step ${step}`,
        meta: {
          modelId: MAE_MODEL_ID,
          modelVersion: MAE_MODEL_VERSION,
          config: checkpoint.config as Record<string, unknown>,
          step,
          runId,
          datasetId: 'd',
          createdAt: Date.now(),
        },
        payload: { bytes },
      });
      return {
        kind: 'model',
        checkpointId: summary.id,
        savedAt: summary.createdAt,
        baseline: 'linear',
      };
    });
  } finally {
    model.dispose();
  }
}

function request(
  datasetId: string,
  reconstruction: ReconstructionSource,
  change: Partial<MaskPreviewRequest> = {},
): MaskPreviewRequest {
  return {
    datasetId,
    trajectory: 1,
    start: 1,
    frames: TINY.frames,
    patch: { pt: TINY.patchT, px: TINY.patchXY, py: TINY.patchXY },
    strategy: 'random',
    ratio: 0.75,
    seed: 3,
    reconstruction,
    ...change,
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(() => {
  dbName = uniqueDbName();
  previewer = new MaskPreviewer(open);
});

afterEach(async () => {
  previewer.releaseModel();
  await deleteLabDb(dbName);
});

describe('MaskPreviewer with a trained model', () => {
  it("cuts the window to the model's channels and grid and reconstructs with the model", async () => {
    const datasetId = await saveDataset();
    const source = await saveModel('run-a', 1, 7);
    const result = await previewer.preview(request(datasetId, source));

    expect(result.window).toEqual([4, 16, 16, 1]);
    expect(result.tokenGrid).toEqual({ nt: 2, nx: 4, ny: 4 });
    expect(result.channels).toEqual(['u']);
    expect(result.model).toEqual({
      modelId: 'mae',
      checkpointId: 'run-a:latest',
      runId: 'run-a',
      runName: 'MAE tiny run-a',
      step: 7,
      size: 16,
      datasetSize: 8,
      channels: 1,
    });
    // The original is the dataset's first channel, Fourier-resampled from 8² to 16².
    const cut = new Float32Array(4 * X * X);
    let k = 0;
    for (let t = 1; t < 5; t++)
      for (let x = 0; x < X; x++) for (let y = 0; y < X; y++) cut[k++] = value(1, t, x, y, 0);
    const resampled = fourierResample(cut, 4, X, 16, 1);
    result.original.forEach((v, i) => expect(v).toBeCloseTo(resampled[i]!, 4));

    // 32 tokens, floor(0.75 · 32) hidden; visible pixels keep their values.
    expect(result.metrics.hiddenTokens).toBe(24);
    for (let p = 0; p < result.pixelMask.length; p++) {
      if (!result.pixelMask[p])
        expect(result.reconstruction[p]).toBeCloseTo(result.original[p]!, 5);
    }

    // The baseline on the same mask, and the model differs from it.
    const g = patchGeometry([4, 16, 16, 1], { pt: 2, px: 4, py: 4 });
    const linear = BASELINES.linear(result.original, g, result.tokenMask);
    const baseline = result.metrics.baseline!;
    expect(baseline.method).toBe('linear');
    expect(baseline.maskedRelativeL2).toBe(
      maskedRelativeL2(linear, result.original, result.pixelMask),
    );
    expect(baseline.perFrameRelativeL2).toHaveLength(4);
    expect(result.reconstruction).not.toEqual(linear);
    expect(result.metrics.maskedRelativeL2).not.toBe(baseline.maskedRelativeL2);
    for (const e of [
      result.metrics.maskedRelativeL2,
      ...result.metrics.perFrameRelativeL2,
      baseline.maskedRelativeL2,
      ...baseline.perFrameRelativeL2,
    ]) {
      expect(Number.isFinite(e)).toBe(true);
    }
    for (let i = 0; i < result.error.length; i++) {
      expect(result.error[i]).toBeCloseTo(result.reconstruction[i]! - result.original[i]!, 6);
    }
  });

  it('gives the same result for the same seed, in this worker and a fresh one', async () => {
    const datasetId = await saveDataset();
    const source = await saveModel('run-a', 1, 7);
    const a = await previewer.preview(request(datasetId, source));
    const b = await previewer.preview(request(datasetId, source));
    const fresh = new MaskPreviewer(open);
    const c = await fresh.preview(request(datasetId, source));
    fresh.releaseModel();
    for (const other of [b, c]) {
      expect(other.tokenMask).toEqual(a.tokenMask);
      expect(other.reconstruction).toEqual(a.reconstruction);
      expect(other.metrics.maskedRelativeL2).toBe(a.metrics.maskedRelativeL2);
      expect(other.metrics.baseline).toEqual({
        ...a.metrics.baseline,
        reconstructMs: other.metrics.baseline!.reconstructMs,
      });
    }
    const otherSeed = await previewer.preview(request(datasetId, source, { seed: 4 }));
    expect(otherSeed.tokenMask).not.toEqual(a.tokenMask);
  });

  it('keeps tensors flat across previews and frees the old model when the source changes', async () => {
    const datasetId = await saveDataset();
    const first = await saveModel('run-a', 1, 7);
    const second = await saveModel('run-b', 2, 9);
    const before = tf.memory().numTensors;
    await previewer.preview(request(datasetId, first));
    const loaded = tf.memory().numTensors;
    expect(loaded).toBeGreaterThan(before);
    const counts: number[] = [];
    for (const [strategy, ratio] of [
      ['random', 0.5],
      ['tube', 0.75],
      ['frame', 0.5],
      ['block', 0.9],
      ['random', 0],
    ] as const) {
      await previewer.preview(request(datasetId, first, { strategy, ratio }));
      counts.push(tf.memory().numTensors);
    }
    expect(counts).toEqual(counts.map(() => loaded));

    const other = await previewer.preview(request(datasetId, second));
    expect(other.model?.step).toBe(9);
    await Promise.resolve();
    expect(tf.memory().numTensors).toBe(loaded);
    // Back to the baseline: the model is freed.
    await previewer.preview(request(datasetId, { kind: 'baseline', method: 'nearest' }));
    await Promise.resolve();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("returns the decoder's attention only when asked, the same reconstruction either way", async () => {
    const datasetId = await saveDataset();
    const source = await saveModel('run-a', 1, 7);
    const plain = await previewer.preview(request(datasetId, source));
    expect(plain.attention).toBeUndefined();
    const before = tf.memory().numTensors;
    const asked = await previewer.preview(request(datasetId, source, { attention: true }));
    expect(tf.memory().numTensors).toBe(before);
    expect(asked.reconstruction).toEqual(plain.reconstruction);
    const attention = asked.attention!;
    expect(attention).toMatchObject({ layers: TINY.decoderDepth, heads: TINY.decoderHeads });
    expect(attention.tokens).toBe(32);
    expect(attention.weights).toHaveLength(TINY.decoderDepth);
    for (const weights of attention.weights) {
      expect(weights.length).toBe(TINY.decoderHeads * 32 * 32);
      // Its own buffer, so the worker can transfer it.
      expect(weights.byteLength).toBe(weights.buffer.byteLength);
      for (let row = 0; row < TINY.decoderHeads * 32; row++) {
        const total = weights.subarray(row * 32, (row + 1) * 32).reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 5);
      }
    }
    // A baseline has no attention to give; nor has a mask that hides nothing.
    const baseline = await previewer.preview(
      request(datasetId, { kind: 'baseline', method: 'linear' }, { attention: true }),
    );
    expect(baseline.attention).toBeUndefined();
    const none = await previewer.preview(request(datasetId, source, { attention: true, ratio: 0 }));
    expect(none.attention).toBeUndefined();
  });

  it('loads a newer save of the same checkpoint id', async () => {
    const datasetId = await saveDataset();
    const older = await saveModel('run-a', 1, 7);
    const a = await previewer.preview(request(datasetId, older));
    await new Promise((r) => setTimeout(r, 5));
    const newer = await saveModel('run-a', 5, 12);
    expect(newer.savedAt).not.toBe(older.savedAt);
    const b = await previewer.preview(request(datasetId, newer));
    expect([a.model?.step, b.model?.step]).toEqual([7, 12]);
    expect(b.reconstruction).not.toEqual(a.reconstruction);
  });

  it('reconstructs a painted mask instead of the strategy', async () => {
    const datasetId = await saveDataset();
    const source = await saveModel('run-a', 1, 7);
    const painted = Array.from({ length: 32 }, (_, j) => (j % 3 === 0 ? 1 : 0));
    const result = await previewer.preview(request(datasetId, source, { painted }));
    expect(Array.from(result.tokenMask)).toEqual(painted);
    expect(result.metrics.hiddenTokens).toBe(11);
    expect(Number.isFinite(result.metrics.baseline!.maskedRelativeL2)).toBe(true);
    // The baselines take painted masks too (2 × 2 × 2 patches of the 8² grid: 32 again).
    const linear = await previewer.preview(
      request(
        datasetId,
        { kind: 'baseline', method: 'linear' },
        { painted, patch: { pt: 2, px: 2, py: 2 } },
      ),
    );
    expect(Array.from(linear.tokenMask)).toEqual(painted);
    await expect(
      previewer.preview(request(datasetId, source, { painted: painted.slice(1) })),
    ).rejects.toThrow(/painted mask covers 31 patches; this window has 32/);
    await expect(
      previewer.preview(request(datasetId, source, { painted: painted.map(() => 1) })),
    ).rejects.toThrow(/Every patch is hidden: the model needs at least one visible patch/);
  });

  it('explains a missing or damaged checkpoint, and a window the model cannot read', async () => {
    const datasetId = await saveDataset();
    const missing: ReconstructionSource = {
      kind: 'model',
      checkpointId: 'gone:latest',
      baseline: 'linear',
    };
    await expect(previewer.preview(request(datasetId, missing))).rejects.toThrow(
      /checkpoint is no longer saved in this browser/,
    );

    const source = await saveModel('run-a', 1, 7);
    await withStorage(async (storage) => {
      const record = (await storage.checkpoints.get(source.checkpointId))!;
      const bytes = record.payload.bytes.slice(0, 40);
      await storage.checkpoints.put({ ...record.summary, payload: { bytes } });
    });
    await expect(previewer.preview(request(datasetId, source))).rejects.toThrow(
      /checkpoint is damaged and cannot be loaded/,
    );

    const good = await saveModel('run-c', 1, 3);
    await expect(
      previewer.preview(request(datasetId, good, { frames: 6, patch: { pt: 2, px: 2, py: 2 } })),
    ).rejects.toThrow(/model reads windows of 4 frames in patches of 2 × 4 × 4/);
    const short = await saveDataset(3);
    await expect(previewer.preview(request(short, good, { start: 0 }))).rejects.toThrow(
      /reads windows of 4 frames; the dataset's trajectories have only 3/,
    );
    // The failures leave nothing loaded and the next preview works.
    expect((await previewer.preview(request(datasetId, good))).model?.step).toBe(3);
  });
});
