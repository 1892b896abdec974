import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedMix } from '../../data/generateMix';
import { MAE_PRESETS } from '../../models/mae/config';
import { deleteLabDb } from '../../storage/db';
import { openLabStorage } from '../../storage/labStorage';
import { uniqueDbName } from '../../storage/testDb';
import { JobRunner } from '../jobRunner';
import { JOB_CANCELLED, type JobEvent } from '../protocol';
import { evaluateModel } from './evaluateModel';
import { splitRange, type EvaluateModelParams } from './evaluateModelConfig';
import { generateTestMix, saveMixDataset, saveSeededModel } from './jobTestFixtures';

/** 9 trajectories of 5 frames at 16²: 3 to train on, 6 to validate on, no test split. */
const [COUNT, FRAMES, N] = [9, 5, 16];
const SPLIT = { train: 3, val: 6, test: 0 };
const TINY = { ...MAE_PRESETS.tiny.config, maskRatio: 0.5 };

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

const saveDataset = () => saveMixDataset(open, mix, SPLIT);
const saveModel = () => saveSeededModel(open, 'mae', TINY);

async function run(params: EvaluateModelParams, events: JobEvent[] = []) {
  return new JobRunner().run(
    'e',
    (p: EvaluateModelParams, ctx) => evaluateModel(p, ctx, open),
    params,
    (e) => events.push(e),
  );
}

/** The equations present among the validation trajectories, in the mix's component order. */
function validationEquations(): string[] {
  const { first, count } = splitRange(SPLIT, COUNT, 'validation');
  const present = new Set(mix.mix.index.slice(first, first + count));
  return mix.mix.components.flatMap((c, k) => (present.has(k) ? [c.equation] : []));
}

describe('evaluateModel job', () => {
  it('scores every equation of the split at every ratio, repeatably, without leaking tensors', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveModel()];
    const equations = validationEquations();
    expect(equations).toEqual(['heat', 'advection', 'burgers']);
    const params: EvaluateModelParams = {
      checkpointId,
      datasetId,
      split: 'validation',
      ratios: [0.25, 0.75],
      windowsPerGroup: 6,
      seed: 1,
    };
    const before = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const first = await run(params, events);
    expect(tf.memory().numTensors).toBe(before);

    expect(first.modelMaskRatio).toBe(0.5);
    expect(first.step).toBe(7);
    expect(first.runName).toBe('tiny run');
    expect(first.strategy).toBe('random');
    expect(first.skipped).toEqual([]);
    expect(first.rows.map((r) => r.ratio)).toEqual([0.25, 0.75]);
    for (const row of first.rows) {
      expect(row.equations.map((e) => e.id)).toEqual(equations);
      const counted = row.equations.reduce((sum, e) => sum + e.trajectories, 0);
      expect(counted).toBe(SPLIT.val);
      for (const e of row.equations) {
        expect(e.windows).toBe(6);
        for (const value of [e.relL2, e.relL2Linear, e.relL2Nearest]) {
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThan(0);
        }
      }
    }
    // More hidden, harder to interpolate.
    const linear = first.rows.map((r) => r.equations.map((e) => e.relL2Linear));
    expect(linear[1]!.every((v, i) => v > linear[0]![i]!)).toBe(true);

    // One progress report per ratio × equation, then the last one.
    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages.filter((m) => m.startsWith('Mask ratio'))).toHaveLength(6);
    expect(messages.at(-1)).toBe('Scored 3 equations at 2 mask ratios');

    const second = await run(params);
    expect(tf.memory().numTensors).toBe(before);
    expect(second.rows).toEqual(first.rows);
    const other = await run({ ...params, seed: 2 });
    expect(other.rows[0]!.equations[0]!.relL2Linear).not.toBe(
      first.rows[0]!.equations[0]!.relL2Linear,
    );
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('says when the split is empty, the checkpoint is gone, or a ratio hides nothing', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveModel()];
    const base: EvaluateModelParams = {
      checkpointId,
      datasetId,
      split: 'test',
      ratios: [0.5],
      windowsPerGroup: 2,
    };
    const before = tf.memory().numTensors;
    await expect(run(base)).rejects.toThrow(
      'This dataset keeps no test trajectories; choose another split.',
    );
    await expect(run({ ...base, split: 'all', checkpointId: 'gone' })).rejects.toThrow(
      /no longer saved in this browser: choose another model/,
    );
    await expect(run({ ...base, datasetId: 'gone' })).rejects.toThrow(/dataset is no longer saved/);

    // Frame masking over the tiny model's 2 time blocks: 0.25 hides none, 0.5 hides one.
    const framed = await run({ ...base, split: 'all', strategy: 'frame', ratios: [0.25, 0.5] });
    expect(framed.rows.map((r) => r.ratio)).toEqual([0.5]);
    expect(framed.skipped).toEqual([
      { ratio: 0.25, reason: expect.stringMatching(/hides no patch/) },
    ]);
    expect(framed.rows[0]!.equations.reduce((s, e) => s + e.trajectories, 0)).toBe(COUNT);
    await expect(run({ ...base, split: 'all', strategy: 'frame', ratios: [0.1] })).rejects.toThrow(
      /Nothing to score/,
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stops on request and frees the model', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveModel()];
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    const job = runner.run(
      'e',
      (p: EvaluateModelParams, ctx) => evaluateModel(p, ctx, open),
      { checkpointId, datasetId, split: 'all', ratios: [0.25, 0.5, 0.75], windowsPerGroup: 4 },
      (e) => {
        if (e.type === 'progress' && e.progress.message.startsWith('Mask ratio 0.5')) {
          runner.cancel('e');
        }
      },
    );
    await expect(job).rejects.toMatchObject({ name: JOB_CANCELLED });
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
