import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../../storage/testDb';
// The runtime first, as the worker loads it: it holds the jobs table this job is part of.
import { dinoRuntime } from '..';
import { judgeDinoClaim } from '../claim';
import { frameTimes } from '../forecast';
import { waveTrajectories } from '../testing';
import type { DinoReproduceParams, DinoReproduceResult } from './reproduceConfig';

/** 4 wave-like trajectories of 12 frames at 16², 2 channels: 3 train, 1 held out. */
const [COUNT, FRAMES, N] = [4, 12, 16];
const data = waveTrajectories(COUNT, FRAMES, N, { channels: 2, seed: 5 });

let dbName: string;
const open = () => openLabStorage(dbName);

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  dbName = uniqueDbName();
});
afterEach(async () => {
  await deleteLabDb(dbName);
});

function saveDataset(): Promise<string> {
  return withOpenStorage(open, async (storage) => {
    const summary = await storage.datasets.put({
      name: 'waves',
      meta: {
        equation: 'wave',
        scheme: 'spectral',
        seed: 5,
        grid: { n: N, length: 1, origin: 0 },
        times: frameTimes(FRAMES, 0.05),
        channels: ['u', 'ut'],
        coefficients: {},
        split: { train: 3, val: 1, test: 0 },
      },
      payload: { data: data.data, shape: [...data.shape] },
    });
    return summary.id;
  });
}

function run(params: DinoReproduceParams, events: JobEvent[] = [], runner = new JobRunner()) {
  const job = dinoRuntime.jobs!.reproduce!;
  return runner.run(
    'r',
    (p: DinoReproduceParams, ctx) => job(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  ) as Promise<DinoReproduceResult>;
}

describe('the DINo reproduce job', () => {
  it('runs the tiny protocol: finite errors at both rates, the claim judged, nothing leaked', async () => {
    const datasetId = await saveDataset();
    const before = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const result = await run({ datasetId, scale: 'tiny', seed: 1 }, events);
    expect(tf.memory().numTensors).toBe(before);

    expect(result.data).toMatchObject({
      trainCount: 3,
      heldOutCount: 1,
      heldOutFrom: 'split',
      frames: FRAMES,
      gridX: N,
      gridY: N,
    });
    expect(result.rates.map((r) => r.s)).toEqual([0.05, 0.25]);
    expect(result.baseline.map((r) => r.s)).toEqual([0.05, 0.25]);
    for (const row of [...result.rates, ...result.baseline]) {
      for (const key of ['inT_inS', 'inT_outS', 'outT_inS', 'outT_outS', 'all'] as const) {
        expect(Number.isFinite(row[key]), `${key} at s = ${row.s}`).toBe(true);
      }
    }
    const judged = judgeDinoClaim(result.rates, result.baseline);
    expect(result.verdict).toBe(judged.verdict);
    expect(result.checks).toEqual(judged.checks);

    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages).toContain('Training DINo on 5 % of the grid');
    expect(messages).toContain('Training the grid baseline on 25 % of the grid');
    expect(messages).toContain('Scoring DINo (25 %) on the held-out trajectories');
  }, 300_000);

  it('stops between training steps, leaking nothing', async () => {
    const datasetId = await saveDataset();
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    let stoppedAt: string | undefined;
    const stopOnBaseline = (e: JobEvent) => {
      if (e.type !== 'progress' || stoppedAt) return;
      if (e.progress.message.startsWith('Training the grid baseline')) {
        stoppedAt = e.progress.message;
        runner.cancel('stop');
      }
    };
    const stoppable = runner.run(
      'stop',
      (p: DinoReproduceParams, ctx) => dinoRuntime.jobs!.reproduce!(p, modelJobContext(ctx, open)),
      { datasetId, scale: 'tiny', seed: 1 },
      stopOnBaseline,
    );
    await expect(stoppable).rejects.toMatchObject({ name: JOB_CANCELLED });
    expect(stoppedAt).toBe('Training the grid baseline on 5 % of the grid');
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('says why a dataset too short for the training horizon cannot be used', async () => {
    const short = waveTrajectories(2, 6, 8);
    const datasetId = await withOpenStorage(open, async (storage) => {
      const summary = await storage.datasets.put({
        name: 'short',
        meta: {
          equation: 'wave',
          scheme: 'spectral',
          seed: 1,
          grid: { n: 8, length: 1, origin: 0 },
          times: frameTimes(6, 0.05),
          channels: ['u'],
          coefficients: {},
          split: { train: 2, val: 0, test: 0 },
        },
        payload: { data: short.data, shape: [...short.shape] },
      });
      return summary.id;
    });
    await expect(run({ datasetId, scale: 'tiny', seed: 1 })).rejects.toThrow(/trajectories have 6/);
  });
});
