import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedMix } from '../../../data/generateMix';
import { MAE_PRESETS } from '../config';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../../storage/testDb';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { embedDataset } from './embedDataset';
import type { EmbedDatasetParams } from './embedDatasetConfig';
import {
  generateTestMix,
  saveMixDataset,
  saveSeededModel,
} from '../../../runtime/jobs/jobTestFixtures';

/** 9 trajectories of 5 frames at 16² (the tiny model's grid), three equations. */
const [COUNT, FRAMES, N] = [9, 5, 16];
const SPLIT = { train: 9, val: 0, test: 0 };
const TINY = MAE_PRESETS.tiny.config;

let mix: GeneratedMix;
let dbName: string;
const open = () => openLabStorage(dbName);

beforeAll(async () => {
  await tf.setBackend('cpu');
  mix = await generateTestMix({ count: COUNT, n: N, frames: FRAMES, seed: 3 });
});

beforeEach(() => {
  dbName = uniqueDbName();
});
afterEach(async () => {
  await deleteLabDb(dbName);
});

async function run(params: EmbedDatasetParams, events: JobEvent[] = []) {
  return new JobRunner().run(
    'l',
    (p: EmbedDatasetParams, ctx) => embedDataset(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  );
}

/** Saves a dataset of `count` trajectories with the given coefficients (no mix): its id. */
function savePlain(count: number, coefficients: Record<string, number[]>): Promise<string> {
  return withOpenStorage(open, async (storage) => {
    const summary = await storage.datasets.put({
      name: 'plain',
      meta: {
        equation: 'heat',
        scheme: 'spectral',
        seed: 1,
        grid: mix.grid,
        times: mix.times,
        channels: ['u'],
        coefficients,
        split: { train: count, val: 0, test: 0 },
      },
      payload: {
        data: mix.data.filter((_, i) => i % mix.shape[4] === 0).slice(0, count * FRAMES * N * N),
        shape: [count, FRAMES, N, N, 1],
      },
    });
    return summary.id;
  });
}

describe('embedDataset job', () => {
  it('places every trajectory with its equation, coefficients and first frame, repeatably, without leaks', async () => {
    const datasetId = await saveMixDataset(open, mix, SPLIT);
    const checkpointId = await saveSeededModel(open, 'mae', TINY);
    const params: EmbedDatasetParams = {
      checkpointId,
      datasetId,
      projection: 'pca',
      pooling: 'cls',
    };
    const before = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const pca = await run(params, events);
    expect(tf.memory().numTensors).toBe(before);

    expect(pca.count).toBe(COUNT);
    expect(pca.total).toBe(COUNT);
    expect(pca.width).toBe(TINY.width);
    expect(pca.points).toHaveLength(2 * COUNT);
    expect(pca.points.every(Number.isFinite)).toBe(true);
    expect(pca.explained![0]).toBeGreaterThanOrEqual(pca.explained![1]);
    expect(pca.explained![0] + pca.explained![1]).toBeLessThanOrEqual(1 + 1e-9);
    expect(pca.runName).toBe('tiny run');
    expect(pca.step).toBe(7);

    // Equations follow the mix; raw coefficients are the dataset's, NaN where absent.
    const equations = mix.mix.index.map((k) => mix.mix.components[k]!.equation);
    expect(pca.equations).toEqual(equations);
    expect(new Set(pca.columns.map((c) => c.equation))).toEqual(new Set(equations));
    pca.slots.forEach((name, slot) => {
      for (let n = 0; n < COUNT; n++) {
        const raw = mix.coefficients[name]![n]!;
        const got = pca.coefficients[n * pca.slots.length + slot]!;
        if (Number.isFinite(raw)) expect(got).toBeCloseTo(raw, 6);
        else expect(got).toBeNaN();
      }
    });

    // The first frame of trajectory 4, channel 0 (the grid is already the model's).
    expect(pca.size).toBe(N);
    expect(pca.frames).toHaveLength(COUNT * N * N);
    const C = mix.shape[4];
    expect(C).toBe(2); // Burgers' (u, v): the frame keeps u
    const shown = pca.frames.subarray(4 * N * N, 5 * N * N);
    shown.forEach((v, p) => expect(v).toBeCloseTo(mix.data[(4 * FRAMES * N * N + p) * C]!, 4));

    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages).toContain('Projecting by PCA');
    expect(messages.at(-1)).toBe(`Placed ${COUNT} trajectories`);

    // UMAP: seeded, so the same seed gives the same picture; the mean pooling another one.
    const umap = await run({ ...params, projection: 'umap', seed: 3 });
    const again = await run({ ...params, projection: 'umap', seed: 3 });
    const mean = await run({ ...params, projection: 'pca', pooling: 'mean' });
    expect(umap.explained).toBeUndefined();
    expect(umap.points).toHaveLength(2 * COUNT);
    expect(again.points).toEqual(umap.points);
    expect(mean.points).not.toEqual(pca.points);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('says clearly when the dataset is too small, has no coefficients, or the params are wrong', async () => {
    const checkpointId = await saveSeededModel(open, 'mae', TINY);
    const tiny = await savePlain(2, { nu: [0.01, 0.02] });
    const bare = await savePlain(4, {});
    const before = tf.memory().numTensors;
    const base = { checkpointId, projection: 'umap', pooling: 'cls' } as const;
    await expect(run({ ...base, datasetId: tiny })).rejects.toThrow(
      /needs at least 3 trajectories; this dataset has 2/,
    );
    await expect(run({ ...base, datasetId: bare })).rejects.toThrow(/records no coefficients/);
    await expect(run({ ...base, datasetId: 'gone' })).rejects.toThrow(/no longer saved/);
    const datasetId = await saveMixDataset(open, mix, SPLIT);
    await expect(
      run({ ...base, datasetId, projection: 'tsne' as unknown as 'pca' }),
    ).rejects.toThrow(/Unknown projection/);
    await expect(run({ ...base, datasetId, checkpointId: 'gone' })).rejects.toThrow(
      /choose another model/,
    );
    // Three trajectories is enough, even for UMAP.
    const three = await savePlain(3, { nu: [0.01, 0.02, 0.015] });
    const small = await run({ ...base, datasetId: three });
    expect(small.points).toHaveLength(6);
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stops on request and frees the model', async () => {
    const datasetId = await saveMixDataset(open, mix, SPLIT);
    const checkpointId = await saveSeededModel(open, 'mae', TINY);
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    const job = runner.run(
      'l',
      (p: EmbedDatasetParams, ctx) => embedDataset(p, modelJobContext(ctx, open)),
      { checkpointId, datasetId, projection: 'umap', pooling: 'mean' },
      (e) => {
        if (e.type === 'progress' && e.progress.message === 'Running UMAP') runner.cancel('l');
      },
    );
    await expect(job).rejects.toMatchObject({ name: JOB_CANCELLED });
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
