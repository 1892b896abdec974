import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDataset, type GeneratedDataset } from '../../../data/generate';
import type { DatasetMeta } from '../../../data/io/meta';
import type { TrajectoryArray } from '../../../data/trajectories';
import { MAX_FLOW_SEED } from '../../../pde/swirl/flow';
import { JobRunner } from '../../../runtime/jobRunner';
import { saveSeededModel } from '../../../runtime/jobs/jobTestFixtures';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../../storage/testDb';
import { tinyConfig as dinoTiny } from '../../dino/testing';
import { createPhysicNet } from '../model';
import { PHYSICNET_PRESETS, type PhysicNetConfig } from '../config';
import { evaluatePhysicNet, swirlDisplacement } from '../evaluation';
import { expertsSnapshot } from '../index';
import { persistenceScore } from '../persistence';
import { movingBlobs } from '../testing';
import { firstWindows } from '../windows';
import { physicnetForecast } from './forecast';
import type { PhysicNetForecastParams } from './forecastConfig';
import { physicnetJobs } from '.';

/** Two frames in, two out, on 16² (the smallest grid PhysicNet-style reads). */
const CONFIG: PhysicNetConfig = { ...PHYSICNET_PRESETS.tiny.config };
const [N, FRAMES] = [16, 5];

let dbName: string;
const open = () => openLabStorage(dbName);
let swirl: GeneratedDataset;

/**
 * Tensors evaluatePhysicNet (../evaluation.ts) itself leaks per batch of 8 windows: its truth
 * tensor is never disposed (reported; 0 once fixed). The job may leak those and nothing else.
 */
let evaluationLeakPerBatch = 0;

async function leakOf(run: () => Promise<unknown>): Promise<number> {
  const before = tf.memory().numTensors;
  await run();
  return tf.memory().numTensors - before;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = createPhysicNet(CONFIG, { channels: 1, seed: 1 });
  evaluationLeakPerBatch = await leakOf(() => evaluatePhysicNet(model, movingBlobs(1, 4, N)));
  model.dispose();
  // Gaussian blobs carried by a known swirl: 4 trajectories, 2 of them held out (1 val, 1 test).
  swirl = await generateDataset({
    pde: 'swirl',
    count: 4,
    n: N,
    frames: FRAMES,
    dt: 0.01,
    recordInterval: 0.02,
    scheme: 'spectral',
    coefficients: { speed: [0.3, 0.9], modes: 2, flowSeed: [0, MAX_FLOW_SEED] },
    options: {},
    initialCondition: 'gaussian-blobs',
    seed: 5,
    batchSize: 4,
  });
}, 60_000);
beforeEach(() => {
  dbName = uniqueDbName();
});
afterEach(async () => {
  await deleteLabDb(dbName);
});

function swirlMeta(): DatasetMeta {
  return {
    equation: 'swirl',
    scheme: 'spectral',
    seed: 5,
    grid: swirl.grid,
    times: swirl.times,
    channels: swirl.channels,
    coefficients: swirl.coefficients,
    split: { train: 2, val: 1, test: 1 },
  };
}

function saveDataset(
  meta: DatasetMeta,
  data: { data: Float32Array; shape: readonly number[] },
): Promise<string> {
  return withOpenStorage(open, async (storage) => {
    const summary = await storage.datasets.put({
      name: 'blobs',
      meta,
      payload: { data: data.data, shape: [...data.shape] },
    });
    return summary.id;
  });
}

/** A one-channel tiny PhysicNet-style with seeded (untrained) weights, checkpoint at step 7. */
const savePhysicNet = (config: PhysicNetConfig = CONFIG) =>
  saveSeededModel(open, 'physicnet', { ...config }, 3);

function run(params: PhysicNetForecastParams, events: JobEvent[] = [], runner = new JobRunner()) {
  return runner.run(
    'f',
    (p: PhysicNetForecastParams, ctx) => physicnetForecast(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  );
}

describe('the PhysicNet-style forecast job', () => {
  it('pictures the chosen trajectory, scores the held-out ones beside persistence, and leaks nothing of its own', async () => {
    const datasetId = await saveDataset(swirlMeta(), swirl);
    const checkpointId = await savePhysicNet();
    const before = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const result = await run({ checkpointId, datasetId, trajectory: 1 }, events);
    expect(tf.memory().numTensors - before).toBe(evaluationLeakPerBatch);

    expect(result).toMatchObject({
      runName: 'tiny run',
      step: 7,
      trajectory: 1,
      channels: ['u'],
      inputFrames: 2,
      outputFrames: 2,
      codebookSize: CONFIG.codes,
      arms: { quantize: true, flow: true, local: true },
      knowsVelocity: true,
      scored: { split: 'held-out', first: 2, windows: 2, trajectories: 2 },
    });

    // The same numbers as the model's own functions on the same windows.
    const set = swirl as unknown as TrajectoryArray;
    const meta = swirlMeta();
    const model = createPhysicNet(CONFIG, { channels: 1, seed: 3 });
    const window = { trajectory: 1, start: 0 };
    const snapshot = await expertsSnapshot(model, set, swirlDisplacement(meta), window);
    const held: TrajectoryArray = {
      data: set.data.subarray(2 * FRAMES * N * N),
      shape: [2, FRAMES, N, N, 1],
    };
    const windows = firstWindows(held);
    const evaluation = await evaluatePhysicNet(model, held, {
      windows,
      trueDisplacement: swirlDisplacement(meta, 2)!,
    });
    model.dispose();
    expect(result.snapshot.shape).toEqual([1, 2, N, N, 1]);
    expect(result.snapshot.truth).toEqual(snapshot.truth);
    result.snapshot.forecast.forEach((v, i) => expect(v).toBeCloseTo(snapshot.forecast[i]!, 5));
    expect([...result.snapshot.codes!]).toEqual([...snapshot.codes!]);
    expect(result.snapshot.trueFlow).toEqual(snapshot.trueFlow);
    // Trajectory 1's first window: its truth is frames 2 and 3.
    const frame = N * N;
    expect(result.snapshot.truth).toEqual(
      set.data.subarray((1 * FRAMES + 2) * frame, (1 * FRAMES + 4) * frame),
    );
    expect(result.model.testMse).toBeCloseTo(evaluation.testMse, 6);
    expect(result.model.relL2).toBeCloseTo(evaluation.relL2, 6);
    expect(result.model.perplexity).toBeCloseTo(evaluation.perplexity, 6);
    expect(result.model.deadCodes).toBe(evaluation.deadCodes);
    expect(result.model.flowEndPointError).toBeCloseTo(evaluation.flowEndPointError!, 6);
    expect(result.model.mse).toHaveLength(2);
    expect(result.model.ssim).toHaveLength(2);

    const persistence = persistenceScore(held, CONFIG, windows, 1);
    expect(result.persistence.mse).toEqual(persistence.mse);
    expect(result.persistence.ssim).toEqual(persistence.ssim);
    // Relative L2 of persistence, by hand.
    let squared = 0;
    let truth = 0;
    for (const { trajectory } of windows) {
      const at = (t: number) => (trajectory * FRAMES + t) * frame;
      for (let t = 2; t < 4; t++) {
        for (let p = 0; p < frame; p++) {
          const target = held.data[at(t) + p]!;
          squared += (held.data[at(1) + p]! - target) ** 2;
          truth += target ** 2;
        }
      }
    }
    expect(result.persistence.relL2).toBeCloseTo(Math.sqrt(squared / truth), 5);

    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages).toContain('Scoring the model on 2 held-out windows');
    expect(messages.at(-1)).toBe('Forecast ready');
  }, 60_000);

  it('scores every trajectory when none is held out, and knows no flow without the swirl', async () => {
    const blobs = movingBlobs(3, FRAMES, N);
    const meta: DatasetMeta = {
      ...swirlMeta(),
      equation: 'advection',
      coefficients: {},
      split: { train: 3, val: 0, test: 0 },
    };
    const datasetId = await saveDataset(meta, blobs);
    const checkpointId = await savePhysicNet({ ...CONFIG, quantize: false, flow: false });
    const before = tf.memory().numTensors;
    const result = await run({ checkpointId, datasetId, trajectory: 2 });
    expect(tf.memory().numTensors - before).toBe(evaluationLeakPerBatch);
    expect(result.scored).toEqual({ split: 'all', first: 0, windows: 3, trajectories: 3 });
    expect(result.knowsVelocity).toBe(false);
    expect(result.arms).toEqual({ quantize: false, flow: false, local: true });
    expect(result.model.perplexity).toBeNaN();
    expect(result.model.flowEndPointError).toBeUndefined();
    expect(result.snapshot.codes).toBeUndefined();
    expect(result.snapshot.trueFlow).toBeUndefined();
  }, 60_000);

  it('says what is wrong with the params, the dataset or the checkpoint', async () => {
    const datasetId = await saveDataset(swirlMeta(), swirl);
    const checkpointId = await savePhysicNet();
    const base = { checkpointId, datasetId, trajectory: 0 };
    const before = tf.memory().numTensors;
    await expect(run({ ...base, trajectory: 4 })).rejects.toThrow(
      /has 4 trajectories \(0…3\); trajectory 4 does not exist/,
    );
    await expect(run({ ...base, trajectory: -1 })).rejects.toThrow(/whole number from 0/);
    await expect(run({ ...base, trajectory: 1.5 })).rejects.toThrow(/whole number from 0/);
    await expect(run({ ...base, checkpointId: 'gone' })).rejects.toThrow(
      /no longer saved in this browser: choose another model/,
    );
    await expect(run({ ...base, datasetId: 'gone' })).rejects.toThrow();
    // Too few frames for a window, and a grid the encoders cannot halve into crops.
    const short = await saveDataset(
      { ...swirlMeta(), times: swirl.times.slice(0, 3) },
      movingBlobs(4, 3, N),
    );
    await expect(run({ ...base, datasetId: short })).rejects.toThrow(
      /cannot forecast this dataset: .*needs trajectories of at least 4 frames; these have 3/,
    );
    const odd = await saveDataset(
      { ...swirlMeta(), grid: { ...swirl.grid, n: 24 } },
      movingBlobs(4, FRAMES, 24),
    );
    await expect(run({ ...base, datasetId: odd })).rejects.toThrow(/multiple of 16/);
    // A checkpoint of another model.
    const dino = await saveSeededModel(open, 'dino', { ...dinoTiny }, 3);
    await expect(run({ ...base, checkpointId: dino })).rejects.toThrow(
      /checkpoint cannot be loaded \(.*"dino".*\)\. Train the model again, or choose another/,
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stops between the picture and the scores and frees everything', async () => {
    const datasetId = await saveDataset(swirlMeta(), swirl);
    const checkpointId = await savePhysicNet();
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    let cancelledAt: string | undefined;
    const job = runner.run(
      'f',
      (p: PhysicNetForecastParams, ctx) => physicnetForecast(p, modelJobContext(ctx, open)),
      { checkpointId, datasetId, trajectory: 0 },
      (e) => {
        if (e.type === 'progress' && e.progress.message.startsWith('Forecast tr') && !cancelledAt) {
          cancelledAt = e.progress.message;
          runner.cancel('f');
        }
      },
    );
    await expect(job).rejects.toMatchObject({ name: JOB_CANCELLED });
    expect(cancelledAt).toBe('Forecast trajectory 0');
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('is one of the model’s jobs', () => {
    expect(typeof physicnetJobs.forecast).toBe('function');
  });
});
