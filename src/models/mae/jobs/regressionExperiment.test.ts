import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedMix } from '../../../data/generateMix';
import { MAE_PRESETS } from '../config';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName } from '../../../storage/testDb';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import {
  generateTestMix,
  saveMixDataset,
  saveSeededModel,
} from '../../../runtime/jobs/jobTestFixtures';
import { regressionExperiment } from './regressionExperiment';
import { parseBudgets, type RegressionExperimentParams } from './regressionExperimentConfig';

/** 12 trajectories of 4 frames at 16²: 8 to label, 4 to test on. */
const SPLIT = { train: 8, val: 0, test: 4 };

let mix: GeneratedMix;
let dbName: string;
const open = () => openLabStorage(dbName);

beforeAll(async () => {
  await tf.setBackend('cpu');
  mix = await generateTestMix({ count: 12, n: 16, frames: 4, seed: 5, equations: 2 });
});
beforeEach(() => {
  dbName = uniqueDbName();
});
afterEach(async () => {
  await deleteLabDb(dbName);
});

const base = (datasetId: string, checkpointId: string): RegressionExperimentParams => ({
  checkpointId,
  datasetId,
  arms: ['frozen', 'finetuned', 'scratch'],
  budgets: [4, 'all'],
  seeds: [0],
  steps: 3,
  batchSize: 4,
  lr: 1e-3,
});

function run(params: RegressionExperimentParams, events: JobEvent[] = []) {
  return new JobRunner().run(
    'r',
    (p: RegressionExperimentParams, ctx) => regressionExperiment(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  );
}

describe('regressionExperiment job', () => {
  it('trains every arm per budget on the train split, scores the test split, and leaks nothing', async () => {
    const [datasetId, checkpointId] = [
      await saveMixDataset(open, mix, SPLIT),
      await saveSeededModel(open, 'mae', MAE_PRESETS.tiny.config),
    ];
    const tensors = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const result = await run(base(datasetId, checkpointId), events);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result.labelCounts).toEqual([4, 8]);
    expect(result.runs).toHaveLength(6);
    expect(result.pool).toBe(8);
    expect(result.scored).toEqual({ split: 'test', count: 4 });
    expect(result.slots).toEqual(['nu', 'ax', 'ay']);
    expect(result.truth.values).toHaveLength(4 * 3);
    expect(result.runs[0]!.predictions).toHaveLength(4 * 3);
    expect(result.step).toBe(7);
    expect(Number.isFinite(result.meanBaselineMse)).toBe(true);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
  });

  it('refuses bad settings and a dataset without a test or validation split, in words', async () => {
    const [datasetId, checkpointId] = [
      await saveMixDataset(open, mix, { train: 12, val: 0, test: 0 }),
      await saveSeededModel(open, 'mae', MAE_PRESETS.tiny.config),
    ];
    await expect(run({ ...base(datasetId, checkpointId), arms: [] })).rejects.toThrow(/arm/);
    await expect(run({ ...base(datasetId, checkpointId), steps: 0 })).rejects.toThrow(/Steps/);
    await expect(run(base(datasetId, checkpointId))).rejects.toThrow(/no test or validation/);
    await expect(run({ ...base('nope', checkpointId) })).rejects.toThrow(/no longer saved/);
  });

  it('stops between steps when asked', async () => {
    const [datasetId, checkpointId] = [
      await saveMixDataset(open, mix, SPLIT),
      await saveSeededModel(open, 'mae', MAE_PRESETS.tiny.config),
    ];
    const runner = new JobRunner();
    const pending = runner.run(
      'r',
      (p: RegressionExperimentParams, ctx) => regressionExperiment(p, modelJobContext(ctx, open)),
      { ...base(datasetId, checkpointId), steps: 200 },
      (event) => {
        if (event.type === 'progress' && event.progress.message.includes('frozen'))
          runner.cancel('r');
      },
    );
    await expect(pending).rejects.toMatchObject({ name: JOB_CANCELLED });
  });
});

describe('label budgets typed by the user', () => {
  it('parse numbers and “all”, and name what is wrong', () => {
    expect(parseBudgets('32, 64 all')).toEqual([32, 64, 'all']);
    expect(parseBudgets('32, x')).toMatch(/“x”/);
    expect(parseBudgets(' ')).toMatch(/at least one/);
    expect(parseBudgets('0')).toMatch(/“0”/);
  });
});
