import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../../storage/testDb';
// The runtime first, as the worker loads it.
import '..';
import { ARM_NAMES } from '../claim';
import { swirlDataset } from '../swirlTesting';
import { physicnetJobs } from '.';
import type { PhysicNetReproduceParams, PhysicNetReproduceResult } from './reproduceConfig';

/** 6 swirl trajectories of 8 frames at 16²: 4 train, 2 held out. */
const [COUNT, TRAIN, FRAMES, N] = [6, 4, 8, 16];

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

async function saveDataset(frames = FRAMES, n = N): Promise<string> {
  const data = await swirlDataset(COUNT, TRAIN, frames, n, 5);
  return withOpenStorage(open, async (storage) => {
    const summary = await storage.datasets.put({
      name: 'swirl',
      meta: data.meta,
      payload: { data: data.data, shape: [...data.shape] },
    });
    return summary.id;
  });
}

function run(
  params: PhysicNetReproduceParams,
  events: JobEvent[] = [],
  runner = new JobRunner(),
): Promise<PhysicNetReproduceResult> {
  return runner.run(
    'r',
    (p: PhysicNetReproduceParams, ctx) => physicnetJobs.reproduce(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  ) as Promise<PhysicNetReproduceResult>;
}

describe('the PhysicNet reproduce job', () => {
  it('runs the tiny protocol on a saved swirl dataset: every arm scored and the claim judged', async () => {
    const datasetId = await saveDataset();
    const events: JobEvent[] = [];
    const result = await run({ datasetId, scale: 'tiny', seed: 1 }, events);
    expect(result.data).toEqual({
      trainCount: TRAIN,
      heldOutCount: COUNT - TRAIN,
      heldOutFrom: 'split',
      frames: FRAMES,
      gridX: N,
      gridY: N,
      knownFlow: true,
    });
    expect(result.arms.map((a) => a.name)).toEqual([...ARM_NAMES]);
    for (const arm of result.arms) expect(Number.isFinite(arm.testMse), arm.name).toBe(true);
    expect(result.flowEndPointError).not.toBeNull();
    expect(result.noise).not.toBeNull();
    expect(['holds', 'partly holds', 'does not hold']).toContain(result.verdict);
    expect(result.checks).toHaveLength(3);
    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages).toContain('Training the no-local arm');
    expect(messages).toContain('The verdict is in');
  }, 120_000);

  it('stops between training steps, leaking nothing', async () => {
    const datasetId = await saveDataset();
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    let stoppedAt: string | undefined;
    const stop = (e: JobEvent) => {
      if (e.type !== 'progress' || stoppedAt) return;
      if (e.progress.message === 'Training the no-flow arm') {
        stoppedAt = e.progress.message;
        runner.cancel('stop');
      }
    };
    const stoppable = runner.run(
      'stop',
      (p: PhysicNetReproduceParams, ctx) => physicnetJobs.reproduce(p, modelJobContext(ctx, open)),
      { datasetId, scale: 'tiny', seed: 1 },
      stop,
    );
    await expect(stoppable).rejects.toMatchObject({ name: JOB_CANCELLED });
    expect(stoppedAt).toBe('Training the no-flow arm');
    // evaluatePhysicNet keeps one tensor per batch it scores (reported; 0 once fixed): the two
    // finished runs' validations and scorings.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(4);
  }, 120_000);

  it('says why a dataset it cannot read is refused', async () => {
    const short = await saveDataset(3);
    await expect(run({ datasetId: short, scale: 'tiny', seed: 1 })).rejects.toThrow(
      /at least 4 frames; these have 3/,
    );
    const odd = await saveDataset(FRAMES, 24);
    await expect(run({ datasetId: odd, scale: 'tiny', seed: 1 })).rejects.toThrow(/multiple of 16/);
    await expect(run({ datasetId: odd, scale: 'huge' as 'tiny', seed: 1 })).rejects.toThrow(
      /tiny or quick/,
    );
  }, 60_000);
});
