import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../../models/mae/config';
import { decodeCheckpoint } from '../../models/nn/checkpoint';
import { createRng } from '../../pde/random';
import { deleteLabDb } from '../../storage/db';
import { openLabStorage } from '../../storage/labStorage';
import { uniqueDbName } from '../../storage/testDb';
import { JobRunner } from '../jobRunner';
import { JOB_CANCELLED, type JobEvent } from '../protocol';
import { trainModel } from './trainModel';
import type { TrainOptions } from '../../models/trainOptions';
import { checkpointIdOf } from '../../storage/checkpointRecords';
import type { TrainModelParams } from './trainModelConfig';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let dbName: string;
const open = () => openLabStorage(dbName);

beforeEach(() => {
  dbName = uniqueDbName();
});
afterEach(async () => {
  await deleteLabDb(dbName);
});

/** Travelling plane waves [count, frames, 16, 16, 1]: smooth, periodic, learnable. */
async function saveDataset(count: number, frames: number, poison = false): Promise<string> {
  const n = 16;
  const rng = createRng(11);
  const data = new Float32Array(count * frames * n * n);
  let i = 0;
  for (let k = 0; k < count; k++) {
    const a = rng.uniformIn(0.5, 1);
    const phase = rng.uniformIn(0, 2 * Math.PI);
    for (let t = 0; t < frames; t++) {
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          data[i++] = a * Math.sin((2 * Math.PI * (x + 2 * y)) / n + phase + 0.2 * t);
        }
      }
    }
  }
  if (poison) data[5] = Number.NaN;
  const storage = await open();
  try {
    const summary = await storage.datasets.put({
      name: 'waves',
      meta: {
        equation: 'advection',
        scheme: 'exact',
        seed: 11,
        grid: { n, length: 1, origin: 0 },
        times: Array.from({ length: frames }, (_, t) => t),
        channels: ['u'],
        coefficients: {},
        split: { train: count - 2, val: 2, test: 0 },
      },
      payload: { data, shape: [count, frames, n, n, 1] },
    });
    return summary.id;
  } finally {
    storage.close();
  }
}

const options = (overrides: Partial<TrainOptions> = {}): TrainOptions => ({
  steps: 24,
  batchSize: 4,
  peakLr: 3e-3,
  schedule: 'one-cycle',
  warmupFraction: 0.2,
  weightDecay: 0.01,
  clipNorm: 1,
  seed: 5,
  validateEvery: 8,
  checkpointEvery: 10,
  snapshotEvery: 8,
  ...overrides,
});

function params(datasetId: string, overrides: Partial<TrainModelParams> = {}): TrainModelParams {
  return {
    runId: 'run-1',
    runName: 'tiny run',
    modelId: 'mae',
    config: MAE_PRESETS.tiny.config,
    datasetId,
    options: options(),
    ...overrides,
  };
}

const job = (p: TrainModelParams, ctx: Parameters<typeof trainModel>[1]) =>
  trainModel(p, ctx, open);

async function readRun(runId: string) {
  const storage = await open();
  try {
    const run = await storage.runs.get(runId);
    const checkpoint = await storage.checkpoints.get(checkpointIdOf(runId));
    return { run: run!, checkpoint };
  } finally {
    storage.close();
  }
}

const losses = (events: JobEvent[]) =>
  events.flatMap((e) => (e.type === 'metric' && e.name === 'loss' ? [e] : []));

describe('trainModel job', () => {
  it('trains without leaking tensors, the loss falls, and run + checkpoint are saved', async () => {
    const datasetId = await saveDataset(8, 6);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const events: JobEvent[] = [];
    const result = await new JobRunner().run('t', job, params(datasetId), (e) => {
      events.push(e);
      // Metrics arrive in batches; at the snapshot steps (8, 16, 24) every read is in.
      if (e.type === 'metric' && e.name === 'loss' && e.step % 8 === 0) {
        counts.push(tf.memory().numTensors);
      }
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(counts).toHaveLength(3);
    expect(new Set(counts).size).toBe(1);

    const loss = losses(events).map((e) => e.value);
    expect(loss).toHaveLength(24);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(loss.slice(-5))).toBeLessThan(0.7 * mean(loss.slice(0, 5)));

    const snapshots = events.flatMap((e) => (e.type === 'snapshot' ? [e] : []));
    expect(snapshots.map((s) => s.step)).toEqual([0, 8, 16, 24]);
    const [B, T, X, Y, C] = snapshots[0]!.data.shape;
    expect([B, T, X, Y, C]).toEqual([2, 4, 16, 16, 1]);
    const picture = snapshots[0]!.data;
    if (picture.kind !== 'reconstruction') throw new Error(`a ${picture.kind} snapshot`);
    expect(picture.reconstruction).toHaveLength(B * T * X * Y * C);
    expect(picture.pixelMask).toHaveLength(B * T * X * Y);
    const names = new Set(events.flatMap((e) => (e.type === 'metric' ? [e.name] : [])));
    for (const name of ['lr', 'gradNorm', 'stepMs', 'samplesPerSecond', 'val.mse', 'val.relL2']) {
      expect(names).toContain(name);
    }
    expect(names).toContain('val.relL2Linear');

    expect(result).toMatchObject({
      runId: 'run-1',
      step: 24,
      checkpointId: checkpointIdOf('run-1'),
    });
    const { run, checkpoint } = await readRun('run-1');
    expect(run.summary.meta).toMatchObject({ status: 'done', step: 24, datasetName: 'waves' });
    expect(run.summary.meta.finalMetrics?.relL2).toBeGreaterThan(0);
    expect(run.summary.meta.finalMetrics?.relL2Linear).toBeGreaterThan(0);
    expect(run.payload.history.step).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(run.payload.history.valStep).toEqual([8, 16, 24]);
    expect(checkpoint?.summary.meta).toMatchObject({ step: 24, runId: 'run-1', modelId: 'mae' });
    expect(decodeCheckpoint(checkpoint!.payload.bytes).step).toBe(24);
  });

  it('a stopped run saves its checkpoint; resuming continues the step count and the history', async () => {
    const datasetId = await saveDataset(8, 6);
    const runner = new JobRunner();
    const first: JobEvent[] = [];
    const p = params(datasetId, { options: options({ steps: 30, checkpointEvery: 100 }) });
    const stopped = runner.run('a', job, p, (e) => {
      first.push(e);
      if (e.type === 'metric' && e.name === 'loss' && e.step === 12) runner.cancel('a');
    });
    await expect(stopped).rejects.toMatchObject({ name: JOB_CANCELLED });
    // Losses arrive a few steps late, so the stop lands at the step running when step 12's came.
    const afterStop = await readRun('run-1');
    const stoppedAt = afterStop.run.summary.meta.step;
    expect(stoppedAt).toBeGreaterThanOrEqual(12);
    expect(stoppedAt).toBeLessThan(30);
    expect(afterStop.run.summary.meta.status).toBe('stopped');
    expect(afterStop.checkpoint?.summary.meta.step).toBe(stoppedAt);
    expect(losses(first).map((e) => e.step)).toEqual(
      Array.from({ length: stoppedAt }, (_, i) => i + 1),
    );

    const before = tf.memory().numTensors;
    const second: JobEvent[] = [];
    await runner.run('b', job, { ...p, resumeFromCheckpointId: checkpointIdOf('run-1') }, (e) =>
      second.push(e),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(losses(second)[0]!.step).toBe(stoppedAt + 1);
    const { run } = await readRun('run-1');
    expect(run.summary.meta).toMatchObject({ status: 'done', step: 30 });
    expect(run.payload.history.step).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The resumed steps are the ones an uninterrupted run takes: same batches, same weights.
    expect(run.payload.history.loss.slice(0, stoppedAt)).toEqual(losses(first).map((e) => e.value));
  });

  it('a pause saves a checkpoint and marks the run paused until resumed', async () => {
    const datasetId = await saveDataset(8, 6);
    const runner = new JobRunner();
    let pausedSeen: Promise<void> | undefined;
    const running = runner.run('p', job, params(datasetId), (e) => {
      if (e.type === 'metric' && e.name === 'loss' && e.step === 5) runner.pause('p');
      if (e.type === 'progress' && e.progress.message.startsWith('Paused') && !pausedSeen) {
        // The pause lands at the step running when step 5's loss arrived, with its checkpoint.
        pausedSeen = readRun('run-1')
          .then(({ run, checkpoint }) => {
            expect(run.summary.meta.status).toBe('paused');
            expect(run.summary.meta.step).toBeGreaterThanOrEqual(5);
            expect(checkpoint?.summary.meta.step).toBe(run.summary.meta.step);
            expect(run.payload.history.step).toHaveLength(run.summary.meta.step);
          })
          .finally(() => runner.resume('p'));
      }
    });
    await expect(running).resolves.toMatchObject({ step: 24 });
    await pausedSeen;
    expect((await readRun('run-1')).run.summary.meta.status).toBe('done');
  });

  it('refuses a dataset imported with NaN or ±Infinity before building a model', async () => {
    const id = await saveDataset(4, 4, true);
    const storage = await open();
    try {
      const saved = (await storage.datasets.get(id))!;
      const nonFinite = { nan: 1, positiveInfinity: 0, negativeInfinity: 0, trajectories: [0] };
      await storage.datasets.put({
        id,
        name: saved.summary.name,
        meta: { ...saved.summary.meta, nonFinite },
        payload: saved.payload,
      });
    } finally {
      storage.close();
    }
    const before = tf.memory().numTensors;
    await expect(new JobRunner().run('n', job, params(id), () => {})).rejects.toThrow(
      /^This dataset cannot be trained on: 1 value is not a finite number \(1 NaN\), in trajectory 0/,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect((await readRun('run-1')).run).toBeUndefined();
  });

  it('fails with a clear message when the loss is not finite, and records the failure', async () => {
    const datasetId = await saveDataset(4, 4, true);
    const before = tf.memory().numTensors;
    const p = params(datasetId, { config: { ...MAE_PRESETS.tiny.config, augment: false } });
    await expect(new JobRunner().run('n', job, p, () => {})).rejects.toThrow(
      /Training diverged at step 1: loss NaN/,
    );
    expect(tf.memory().numTensors).toBe(before);
    const { run } = await readRun('run-1');
    expect(run.summary.meta.status).toBe('failed');
    expect(run.summary.meta.error).toMatch(/diverged/);
  });
});
