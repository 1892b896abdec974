import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedMix } from '../../../data/generateMix';
import type { DatasetSplit } from '../../../data/io/meta';
import { MAE_PRESETS } from '../config';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName } from '../../../storage/testDb';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { stepperExperiment } from './stepperExperiment';
import type { StepperExperimentParams } from './stepperExperimentConfig';
import {
  generateTestMix,
  saveMixDataset,
  saveSeededModel,
} from '../../../runtime/jobs/jobTestFixtures';

/** 9 trajectories of 12 frames at 16²: 6 to train on, 1 to validate, 2 to test. */
const [COUNT, FRAMES, N] = [9, 12, 16];
const SPLIT: DatasetSplit = { train: 6, val: 1, test: 2 };
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

const saveDataset = (split: DatasetSplit = SPLIT) => saveMixDataset(open, mix, split);
const saveModel = () => saveSeededModel(open, 'mae', TINY);

async function run(params: StepperExperimentParams, events: JobEvent[] = []) {
  return new JobRunner().run(
    's',
    (p: StepperExperimentParams, ctx) => stepperExperiment(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  );
}

const tinyRun = (checkpointId: string, datasetId: string): StepperExperimentParams => ({
  checkpointId,
  datasetId,
  arms: ['none', 'mae', 'coefficients'],
  steps: 5,
  batchSize: 4,
  lr: 1e-3,
  width: 6,
  modes: 3,
  embedDim: 4,
  seed: 1,
});

describe('stepperExperiment job', () => {
  it('trains every arm on the same budget and rolls each out on the test split, without leaks', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveModel()];
    const params = tinyRun(checkpointId, datasetId);
    const before = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const result = await run(params, events);
    expect(tf.memory().numTensors).toBe(before);

    expect(result.split).toBe('test');
    expect(result.evaluated).toBe(2);
    expect(result.trainTrajectories).toBe(6);
    expect([result.window, result.frames, result.size]).toEqual([4, FRAMES, 16]);
    expect(result.chunks).toEqual([
      { start: 4, end: 8 },
      { start: 8, end: 12 },
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.arms.map((a) => a.arm)).toEqual(['none', 'mae', 'coefficients']);
    expect(result.runName).toBe('tiny run');
    expect(result.step).toBe(7);
    expect(result.forecastTrajectory).toBe(7);
    expect(result.forecastEquation).toBe(mix.mix.components[mix.mix.index[7]!]!.equation);
    const frame = 16 * 16;
    // The dataset is on the model's grid already: the truth is trajectory 7's frames 4…11,
    // channel 0 of the mix's C (the tiny MAE reads one channel).
    const C = mix.shape[4];
    const truth = Array.from(
      { length: 8 * frame },
      (_, p) => mix.data[((7 * FRAMES + 4) * frame + p) * C]!,
    );
    expect(result.truth.length).toBe(8 * frame);
    expect(Math.max(...result.truth.map((v, i) => Math.abs(v - truth[i]!)))).toBeLessThan(1e-4);
    for (const arm of result.arms) {
      expect(arm.chunkErrors).toHaveLength(2);
      for (const e of arm.chunkErrors) expect(e).toBeGreaterThan(0);
      expect(arm.meanError).toBeCloseTo((arm.chunkErrors[0]! + arm.chunkErrors[1]!) / 2, 10);
      expect(arm.loss.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
      expect(arm.forecast.length).toBe(8 * frame);
      expect(arm.forecast.every(Number.isFinite)).toBe(true);
    }
    const [none, mae, oracle] = result.arms;
    // The conditioned arms add the embedding Linear and the per-block terms.
    expect(mae!.parameterCount).toBeGreaterThan(none!.parameterCount);
    expect(oracle!.parameterCount).toBeGreaterThan(none!.parameterCount);
    expect(mae!.parameterCount - oracle!.parameterCount).toBe(
      (TINY.width - 2 * Object.keys(mix.coefficients).length) * 4,
    );
    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages.some((m) => m.startsWith('MAE embedding: step 5/5'))).toBe(true);
    expect(messages.at(-1)).toBe('Trained and rolled out 3 of 3 arms');

    // Same seed, same numbers; an arm alone gets the same budget and batches as among others.
    const alone = await run({ ...params, arms: ['none'] });
    expect(alone.arms[0]!.chunkErrors).toEqual(none!.chunkErrors);
    const reseeded = await run({ ...params, arms: ['none'], seed: 2 });
    expect(reseeded.arms[0]!.chunkErrors).not.toEqual(none!.chunkErrors);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('rolls out the validation split when there is no test split, and checks its inputs', async () => {
    const [datasetId, checkpointId] = [
      await saveDataset({ train: 6, val: 3, test: 0 }),
      await saveModel(),
    ];
    const before = tf.memory().numTensors;
    const result = await run({ ...tinyRun(checkpointId, datasetId), arms: ['none'], steps: 2 });
    expect(result.split).toBe('validation');
    expect(result.evaluated).toBe(3);
    await expect(run({ ...tinyRun(checkpointId, datasetId), arms: [] })).rejects.toThrow(
      /at least one arm/,
    );
    await expect(run({ ...tinyRun(checkpointId, 'gone') })).rejects.toThrow(
      /dataset is no longer saved/,
    );
    await expect(run({ ...tinyRun('gone', datasetId) })).rejects.toThrow(/choose another encoder/);
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stops on request and frees everything', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveModel()];
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    const job = runner.run(
      's',
      (p: StepperExperimentParams, ctx) => stepperExperiment(p, modelJobContext(ctx, open)),
      { ...tinyRun(checkpointId, datasetId), steps: 50 },
      (e) => {
        if (e.type === 'progress' && e.progress.message.startsWith('MAE embedding: step 3/')) {
          runner.cancel('s');
        }
      },
    );
    await expect(job).rejects.toMatchObject({ name: JOB_CANCELLED });
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
