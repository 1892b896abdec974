import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../../data/io/meta';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../../storage/testDb';
import type { SavedDataset } from '../../runtime';
import { DPOT_CLAIM_PROFILES } from '../claimProfiles';
import { translatingTrajectories } from '../testing';
import { dpotGridSet, dpotReproduce, dpotReproduceProblem } from './reproduce';
import type {
  DpotFinetuneReproduceResult,
  DpotNoiseReproduceResult,
  DpotReproduceParams,
  DpotReproduceResult,
} from './reproduceConfig';

const tiny = DPOT_CLAIM_PROFILES.tiny;
/** Frames the tiny profile needs: 3 input frames and a 4-step rollout. */
const FRAMES = tiny.config.inputFrames + tiny.noise.rolloutSteps;

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

interface Stored {
  count: number;
  n: number;
  frames?: number;
  train: number;
  /** A mix of a 1-channel equation and a 2-channel one, alternating, stored with 2 channels. */
  mixed?: boolean;
}

/** Saves translating patterns as a dataset: split train / val, 1 channel or a 2-equation mix. */
async function saveDataset({ count, n, frames = FRAMES, train, mixed = false }: Stored) {
  const channels = mixed ? 2 : 1;
  const set = translatingTrajectories(count, frames, n, channels, 7);
  if (mixed) {
    // The Data panel zero-pads the 1-channel equation's missing channel.
    const perTrajectory = frames * n * n * 2;
    for (let i = 0; i < count; i += 2) {
      for (let p = 1; p < perTrajectory; p += 2) set.data[i * perTrajectory + p] = 0;
    }
  }
  const meta: DatasetMeta = {
    equation: mixed ? 'mix' : 'advection',
    scheme: 'spectral',
    seed: 7,
    grid: { n, length: 2, origin: -1 },
    times: Array.from({ length: frames }, (_, t) => t),
    channels: mixed ? ['u', 'v'] : ['u'],
    coefficients: {},
    split: { train, val: count - train, test: 0 },
    ...(mixed
      ? {
          mix: {
            components: [
              { equation: 'advection', scheme: 'spectral', channels: ['u'], weight: 1 },
              { equation: 'burgers', scheme: 'spectral', channels: ['u', 'v'], weight: 1 },
            ],
            index: Array.from({ length: count }, (_, i) => i % 2),
          },
        }
      : {}),
  };
  return withOpenStorage(open, async (storage) => {
    const summary = await storage.datasets.put({
      name: 'patterns',
      meta,
      payload: { data: set.data, shape: [...set.shape] },
    });
    return summary.id;
  });
}

function run(
  params: DpotReproduceParams,
  events: JobEvent[] = [],
  runner = new JobRunner(),
): Promise<DpotReproduceResult> {
  return runner.run(
    'r',
    (p: DpotReproduceParams, ctx) => dpotReproduce(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  ) as Promise<DpotReproduceResult>;
}

describe('the DPOT reproduce job', () => {
  it('runs claim A on a saved mixed dataset, resampled to the tiny grid, split per equation', async () => {
    const datasetId = await saveDataset({ count: 6, n: 32, train: 4, mixed: true });
    const events: JobEvent[] = [];
    const before = tf.memory().numTensors;
    const result = (await run(
      { claim: 'noise', datasetId, scale: 'tiny', seed: 2, seeds: 2, sigma: 0.3 },
      events,
    )) as DpotNoiseReproduceResult;
    expect(tf.memory().numTensors).toBe(before);
    expect(result.claim).toBe('noise');
    expect(result.data).toEqual({
      trainCount: 4,
      heldOutCount: 2,
      heldOutFrom: 'split',
      frames: FRAMES,
      grid: tiny.config.size,
      resampledFrom: 32,
      equations: ['advection', 'burgers'],
    });
    expect(result.channels).toBe(2);
    expect(result.arms.map((a) => a.sigma)).toEqual([0, 0.3]);
    expect(result.arms[1].seeds.map((s) => s.seed)).toEqual([2, 3]);
    expect(result.arms[0].rolloutL2re).toHaveLength(tiny.noise.rolloutSteps);
    expect(['holds', 'partly holds', 'does not hold']).toContain(result.verdict);
    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages).toContain('Training with σ_rel = 0.3, seed 3');
    expect(messages.at(-1)).toBe('The verdict is in');
  }, 60_000);

  it('runs claim B on two saved datasets, holding out the last quarter when nothing is kept', async () => {
    const pretrainDatasetId = await saveDataset({ count: 4, n: 16, train: 4, mixed: true });
    const finetuneDatasetId = await saveDataset({ count: 4, n: 16, train: 4 });
    const result = (await run({
      claim: 'finetune',
      pretrainDatasetId,
      finetuneDatasetId,
      scale: 'tiny',
      seed: 1,
    })) as DpotFinetuneReproduceResult;
    expect(result.claim).toBe('finetune');
    expect(result.data.pretrain).toMatchObject({
      trainCount: 4,
      heldOutCount: 0,
      heldOutFrom: 'none',
      resampledFrom: null,
      equations: ['advection', 'burgers'],
    });
    expect(result.data.finetune).toMatchObject({
      trainCount: 3,
      heldOutCount: 1,
      heldOutFrom: 'last quarter',
      equations: ['advection'],
    });
    expect(result.finetuneTrajectories).toBe(3);
    expect(result.pretrained.perStep).toHaveLength(tiny.finetune.rolloutSteps);
    expect(Number.isFinite(result.ratio)).toBe(true);
  }, 60_000);

  it('stops between training steps, leaking nothing', async () => {
    const datasetId = await saveDataset({ count: 6, n: 16, train: 4 });
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    let stoppedAt: string | undefined;
    const stop = (e: JobEvent) => {
      if (e.type !== 'progress' || stoppedAt) return;
      if (e.progress.message === 'Training with σ_rel = 0.2, seed 1') {
        stoppedAt = e.progress.message;
        runner.cancel('stop');
      }
    };
    const stoppable = runner.run(
      'stop',
      (p: DpotReproduceParams, ctx) => dpotReproduce(p, modelJobContext(ctx, open)),
      { claim: 'noise', datasetId, scale: 'tiny', seed: 1, seeds: 1, sigma: 0.2 },
      stop,
    );
    await expect(stoppable).rejects.toMatchObject({ name: JOB_CANCELLED });
    expect(stoppedAt).toBe('Training with σ_rel = 0.2, seed 1');
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('says what is wrong with the parameters', () => {
    const noise = {
      claim: 'noise',
      datasetId: 'd',
      scale: 'tiny',
      seed: 1,
      seeds: 3,
      sigma: 0.2,
    } as const;
    expect(dpotReproduceProblem(noise)).toBeUndefined();
    const problem = (changes: object) =>
      dpotReproduceProblem({ ...noise, ...changes } as DpotReproduceParams);
    expect(problem({ claim: 'other' })).toMatch(/noise or finetune \(got other\)/);
    expect(problem({ scale: 'huge' })).toMatch(/tiny or quick \(got huge\)/);
    expect(problem({ scale: 'toString' })).toMatch(/tiny or quick/);
    expect(problem({ seed: -1 })).toMatch(/whole number from 0/);
    expect(problem({ seeds: 4 })).toMatch(/seeds must be a whole number from 1 to 3 \(got 4\)/);
    expect(problem({ seeds: 1.5 })).toMatch(/from 1 to 3/);
    expect(problem({ sigma: 0.6 })).toMatch(/σ_rel must be from 0\.01 to 0\.5 \(got 0\.6\)/);
    expect(problem({ sigma: 0 })).toMatch(/from 0\.01/);
    expect(problem({ datasetId: '' })).toBe('Choose a dataset.');
    const finetune = {
      claim: 'finetune',
      pretrainDatasetId: 'a',
      finetuneDatasetId: 'b',
      scale: 'quick',
      seed: 0,
    } as const;
    expect(dpotReproduceProblem(finetune)).toBeUndefined();
    expect(dpotReproduceProblem({ ...finetune, finetuneDatasetId: 'a' })).toMatch(
      /two different datasets/,
    );
    expect(dpotReproduceProblem({ ...finetune, pretrainDatasetId: '' })).toMatch(/pretrain on/);
  });

  it('refuses datasets it cannot read, in words', async () => {
    const short = await saveDataset({ count: 4, n: 16, frames: FRAMES - 1, train: 3 });
    await expect(
      run({ claim: 'noise', datasetId: short, scale: 'tiny', seed: 1, seeds: 1, sigma: 0.2 }),
    ).rejects.toThrow(
      /trajectories of 6 frames; at this scale they need 7: 3 input frames and a 4-step rollout/,
    );
    await expect(
      run({
        claim: 'noise',
        datasetId: short,
        scale: 'huge' as 'tiny',
        seed: 1,
        seeds: 1,
        sigma: 0.2,
      }),
    ).rejects.toThrow(/tiny or quick/);
    const oblong = (shape: number[]): SavedDataset => ({
      meta: {} as DatasetMeta,
      payload: { data: new Float32Array(shape.reduce((a, b) => a * b, 1)), shape },
    });
    const need = { frames: 7, why: 'a reason' };
    expect(() => dpotGridSet(oblong([2, 8, 16, 8, 1]), 16, need)).toThrow(
      /square grids; the dataset is 16 × 8/,
    );
    expect(() => dpotGridSet(oblong([2, 8, 16]), 16, need, 'The pretraining dataset')).toThrow(
      /The pretraining dataset is not a \[N, T, X, Y, C\] array/,
    );
  }, 60_000);
});
