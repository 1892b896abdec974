import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../../models/mae/config';
import { deleteLabDb } from '../../storage/db';
import { openLabStorage } from '../../storage/labStorage';
import { uniqueDbName } from '../../storage/testDb';
import { JobRunner } from '../jobRunner';
import type { JobEvent } from '../protocol';
import { saveSeededModel } from './jobTestFixtures';
import { modelJob } from './modelJob';
import type { ModelJobParams } from './modelJobConfig';
import { modelJobContext } from './modelJobContext';

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

function run(params: ModelJobParams, events: JobEvent[] = []) {
  return new JobRunner().run(
    'm',
    (p: ModelJobParams, ctx) => modelJob(p, ctx, open),
    params,
    (e) => events.push(e),
  );
}

describe('the generic model job', () => {
  it('names an unknown model or job in words', async () => {
    await expect(run({ modelId: 'nope', job: 'embedDataset', params: {} })).rejects.toThrow(
      /no model "nope"/,
    );
    await expect(run({ modelId: 'mae', job: 'fly', params: {} })).rejects.toThrow(
      /Masked autoencoder \(MAE-PDE\) has no job "fly" \(it has .*"embedDataset"/,
    );
    await expect(run({ modelId: 'mae', job: 'toString', params: {} })).rejects.toThrow(
      /has no job "toString"/,
    );
  });

  it("runs the model's job with the runner's progress and lab storage behind its context", async () => {
    const events: JobEvent[] = [];
    const params = { checkpointId: 'c', datasetId: 'gone', projection: 'pca', pooling: 'cls' };
    await expect(run({ modelId: 'mae', job: 'embedDataset', params }, events)).rejects.toThrow(
      'The chosen dataset is no longer saved in this browser.',
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'progress',
        progress: expect.objectContaining({ message: 'Reading the dataset' }),
      }),
    );
  });
});

describe('a model job reading a saved checkpoint', () => {
  it('gets its bytes, record and run name, and undefined once it is gone', async () => {
    const checkpointId = await saveSeededModel(open, 'mae', MAE_PRESETS.tiny.config);
    await new JobRunner().run(
      'c',
      async (_: null, ctx) => {
        const jobCtx = modelJobContext(ctx, open);
        const saved = await jobCtx.readCheckpoint(checkpointId);
        expect(saved?.bytes.length).toBeGreaterThan(0);
        expect(saved?.meta).toMatchObject({ modelId: 'mae', step: 7, runId: 'run-1' });
        expect(saved?.name).toBe('tiny run · step 7');
        // No run record is saved: the name comes from the checkpoint's, less its step.
        expect(saved?.runName).toBe('tiny run');
        expect(await jobCtx.readCheckpoint('gone')).toBeUndefined();
      },
      null,
      () => {},
    );
  });
});
