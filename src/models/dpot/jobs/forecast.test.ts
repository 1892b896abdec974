import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIXED_EQUATION, type DatasetMeta, type DatasetMix } from '../../../data/io/meta';
import type { TrajectoryArray } from '../../../data/trajectories';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { checkpointIdOf } from '../../../storage/checkpointRecords';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../../storage/testDb';
import { captureCheckpoint, encodeCheckpoint } from '../../nn/checkpoint';
import { DPOT_MODEL_ID, DPOT_MODEL_VERSION, dpotCheckpointConfig } from '../checkpoint';
import { DPOT_PRESETS, type DpotConfig } from '../config';
import { createDpot, dpotMixerSpectra } from '../model';
import { dpotStep, evaluateDpotRollout, relativeL2PerStep, rolloutFrames } from '../rollout';
import { translatingTrajectories } from '../testing';
import { dpotForecast } from './forecast';
import type { DpotForecastParams } from './forecastConfig';

/** Three frames in, on 16² (the tiny preset). */
const TINY: DpotConfig = { ...DPOT_PRESETS.tiny.config };
const [N, FRAMES, SIZE] = [5, 10, 16];
const FRAME = SIZE * SIZE;

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

function meta(parts: Partial<DatasetMeta> = {}): DatasetMeta {
  return {
    equation: 'advection',
    scheme: 'spectral',
    seed: 5,
    grid: { n: SIZE, origin: -1, length: 2 },
    times: Array.from({ length: FRAMES }, (_, t) => t * 0.05),
    channels: ['u'],
    coefficients: {},
    split: { train: 2, val: 1, test: 2 },
    ...parts,
  } as DatasetMeta;
}

function saveDataset(datasetMeta: DatasetMeta, set: TrajectoryArray): Promise<string> {
  return withOpenStorage(open, async (storage) => {
    const summary = await storage.datasets.put({
      name: 'patterns',
      meta: datasetMeta,
      payload: { data: set.data, shape: [...set.shape] },
    });
    return summary.id;
  });
}

/**
 * A DPOT with seeded (untrained) weights, saved as run `runId`'s checkpoint at step 7 (under
 * another model's id with `modelId`).
 */
async function saveDpot(
  config: DpotConfig,
  { channels = 1, seed = 3, runId = 'run-1', modelId = DPOT_MODEL_ID } = {},
): Promise<string> {
  const model = createDpot(config, { channels, seed });
  try {
    const checkpoint = await captureCheckpoint({
      modelId,
      modelVersion: DPOT_MODEL_VERSION,
      config: dpotCheckpointConfig(model),
      step: 7,
      params: model.params,
    });
    return await withOpenStorage(open, async (storage) => {
      const summary = await storage.checkpoints.put({
        id: checkpointIdOf(runId),
        name: `${runId} · step 7`,
        meta: {
          modelId,
          modelVersion: DPOT_MODEL_VERSION,
          config: checkpoint.config as Record<string, unknown>,
          step: 7,
          runId,
          datasetId: 'd',
          createdAt: Date.now(),
        },
        payload: { bytes: encodeCheckpoint(checkpoint) },
      });
      return summary.id;
    });
  } finally {
    model.dispose();
  }
}

function run(params: DpotForecastParams, events: JobEvent[] = [], runner = new JobRunner()) {
  return runner.run(
    'f',
    (p: DpotForecastParams, ctx) => dpotForecast(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  );
}

/** Trajectories [first, first + count) and frames [from, from + frames) of a set, as a tensor. */
function frames(set: TrajectoryArray, first: number, count: number, from: number, length: number) {
  const [, T, X, Y, C] = set.shape;
  const size = X * Y * C;
  const data = new Float32Array(count * length * size);
  for (let i = 0; i < count; i++) {
    const at = ((first + i) * T + from) * size;
    data.set(set.data.subarray(at, at + length * size), i * length * size);
  }
  return tf.tensor5d(data, [count, length, X, Y, C]);
}

/** Relative L2 of one frame against another, channel by channel, averaged (by hand). */
function relativeL2(set: TrajectoryArray, trajectory: number, predicted: number, truth: number) {
  const [, T, X, Y, C] = set.shape;
  const size = X * Y * C;
  const at = (t: number) => (trajectory * T + t) * size;
  let mean = 0;
  for (let c = 0; c < C; c++) {
    let diff = 0;
    let norm = 0;
    for (let p = c; p < size; p += C) {
      const y = set.data[at(truth) + p]!;
      diff += (set.data[at(predicted) + p]! - y) ** 2;
      norm += y ** 2;
    }
    mean += Math.sqrt(diff) / (Math.sqrt(norm) + 1e-8) / C;
  }
  return mean;
}

describe('the DPOT forecast job', () => {
  it('rolls the chosen trajectory out, scores the held-out ones as evaluateDpotRollout does, beside persistence, and leaks nothing', async () => {
    const set = translatingTrajectories(N, FRAMES, SIZE, 1, 11);
    const datasetId = await saveDataset(meta(), set);
    const checkpointId = await saveDpot(TINY);
    const before = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const steps = 5;
    const result = await run(
      { checkpointIds: [checkpointId], datasetId, trajectory: 1, steps },
      events,
    );
    expect(tf.memory().numTensors).toBe(before);

    expect(result).toMatchObject({
      trajectory: 1,
      equation: 'advection',
      channels: ['u'],
      start: 3,
      shape: [steps, SIZE, SIZE, 1],
      scored: {
        split: 'held-out',
        first: 2,
        trajectories: 3,
        count: 3,
        equations: [{ equation: 'advection', count: 3 }],
      },
    });
    expect(result.models).toHaveLength(1);
    const [rollout] = result.models;
    expect(rollout).toMatchObject({
      checkpointId,
      runName: 'run-1',
      step: 7,
      inputFrames: 3,
      noise: TINY.noise,
      channels: 1,
    });
    // The chosen trajectory's frames: input frame 2, truth frames 3…7.
    expect(result.input).toEqual(
      set.data.subarray((1 * FRAMES + 2) * FRAME, (1 * FRAMES + 3) * FRAME),
    );
    expect(result.truth).toEqual(
      set.data.subarray((1 * FRAMES + 3) * FRAME, (1 * FRAMES + 3 + steps) * FRAME),
    );

    // The same numbers as the model's own functions.
    const model = createDpot(TINY, { channels: 1, seed: 3 });
    const initial = frames(set, 1, 1, 0, 3);
    const truth = frames(set, 1, 1, 3, steps);
    const predicted = rolloutFrames(dpotStep(model), initial, steps);
    const expected = await predicted.data();
    rollout!.forecast.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    const errors = relativeL2PerStep(predicted, truth);
    rollout!.errors.forEach((e, k) => expect(e).toBeCloseTo(errors[k]!, 5));
    const spectra = await dpotMixerSpectra(model, initial);
    expect(rollout!.spectra).toHaveLength(TINY.depth);
    expect(rollout!.spectra[0]!.rows).toBe(spectra[0]!.rows);
    rollout!.spectra[0]!.input.forEach((v, i) => expect(v).toBeCloseTo(spectra[0]!.input[i]!, 3));
    const held: TrajectoryArray = {
      data: set.data.subarray(2 * FRAMES * FRAME),
      shape: [3, FRAMES, SIZE, SIZE, 1],
    };
    const evaluation = evaluateDpotRollout(model, held, { steps });
    tf.dispose([initial, truth, predicted]);
    model.dispose();
    rollout!.scores.perStep.forEach((e, k) => expect(e).toBeCloseTo(evaluation.perStep[k]!, 5));
    expect(rollout!.scores.full).toBeCloseTo(evaluation.full, 5);
    expect(rollout!.scores.horizon).toBe(evaluation.horizon);

    // Persistence, by hand: the last input frame (2) against frames 3…7.
    result.persistence.errors.forEach((e, k) =>
      expect(e).toBeCloseTo(relativeL2(set, 1, 2, 3 + k), 5),
    );
    result.persistence.scores.perStep.forEach((e, k) => {
      const mean = [2, 3, 4].reduce((sum, t) => sum + relativeL2(set, t, 2, 3 + k), 0) / 3;
      expect(e).toBeCloseTo(mean, 5);
    });
    // The pattern moves one point per frame, so persistence's error grows with the step.
    const p = result.persistence.scores.perStep;
    expect(p[steps - 1]!).toBeGreaterThan(p[0]!);

    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages).toContain('Scoring on 3 held-out trajectories');
    expect(messages.at(-1)).toBe('Rollouts ready');
  }, 60_000);

  it('compares two models on the same frames: the one reading fewer frames reads the last ones before the rollout', async () => {
    const set = translatingTrajectories(N, FRAMES, SIZE, 1, 12);
    const datasetId = await saveDataset(meta({ split: { train: 5, val: 0, test: 0 } }), set);
    const short: DpotConfig = { ...TINY, inputFrames: 2, noise: 0 };
    const first = await saveDpot(TINY);
    const second = await saveDpot(short, { seed: 4, runId: 'run-2' });
    const before = tf.memory().numTensors;
    const result = await run({
      checkpointIds: [first, second],
      datasetId,
      trajectory: 0,
      steps: 4,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.start).toBe(3);
    expect(result.scored).toMatchObject({ split: 'all', first: 0, trajectories: 5, count: 5 });
    expect(result.models.map((m) => [m.runName, m.inputFrames, m.noise])).toEqual([
      ['run-1', 3, TINY.noise],
      ['run-2', 2, 0],
    ]);
    const model = createDpot(short, { channels: 1, seed: 4 });
    const predicted = rolloutFrames(dpotStep(model), frames(set, 0, 1, 1, 2), 4);
    const expected = await predicted.data();
    result.models[1]!.forecast.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    tf.dispose(predicted);
    model.dispose();
    expect(result.models[0]!.forecast).not.toEqual(result.models[1]!.forecast);
  }, 60_000);

  it('splits a mix by equation, pads each with ones to the model’s channels and scores its own channels', async () => {
    // Six trajectories alternating advection (u) and Burgers (u, v); the last four held out.
    const advection = translatingTrajectories(3, FRAMES, SIZE, 1, 13);
    const burgers = translatingTrajectories(3, FRAMES, SIZE, 2, 14);
    const points = FRAMES * FRAME;
    const data = new Float32Array(6 * points * 2);
    for (let i = 0; i < 3; i++) {
      for (let p = 0; p < points; p++) {
        data[(2 * i * points + p) * 2] = advection.data[i * points + p]!;
        data[((2 * i + 1) * points + p) * 2] = burgers.data[(i * points + p) * 2]!;
        data[((2 * i + 1) * points + p) * 2 + 1] = burgers.data[(i * points + p) * 2 + 1]!;
      }
    }
    const mix: DatasetMix = {
      components: [
        { equation: 'advection', scheme: 'spectral', channels: ['u'], weight: 1 },
        { equation: 'burgers', scheme: 'spectral', channels: ['u', 'v'], weight: 1 },
      ],
      index: [0, 1, 0, 1, 0, 1],
    };
    const set: TrajectoryArray = { data, shape: [6, FRAMES, SIZE, SIZE, 2] };
    const datasetId = await saveDataset(
      meta({
        equation: MIXED_EQUATION,
        scheme: 'mixed',
        channels: ['u', 'v'],
        split: { train: 2, val: 2, test: 2 },
        mix,
      }),
      set,
    );
    const checkpointId = await saveDpot(TINY, { channels: 2 });
    const before = tf.memory().numTensors;
    const result = await run({ checkpointIds: [checkpointId], datasetId, trajectory: 2, steps: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toMatchObject({
      equation: 'advection',
      channels: ['u'],
      shape: [3, SIZE, SIZE, 1],
      scored: {
        count: 4,
        equations: [
          { equation: 'advection', count: 2 },
          { equation: 'burgers', count: 2 },
        ],
      },
    });
    // Advection trajectory 1 of 3, padded with a channel of ones, rolled out; its u scored.
    const model = createDpot(TINY, { channels: 2, seed: 3 });
    const own = frames(advection, 1, 1, 0, 3);
    const initial = tf.concat([own, tf.onesLike(own)], 4) as tf.Tensor5D;
    const rolled = rolloutFrames(dpotStep(model), initial, 3);
    const predicted = rolled.slice([0, 0, 0, 0, 0], [1, 3, SIZE, SIZE, 1]) as tf.Tensor5D;
    const truth = frames(advection, 1, 1, 3, 3);
    const errors = relativeL2PerStep(predicted, truth);
    const expected = await predicted.data();
    tf.dispose([own, initial, rolled, predicted, truth]);
    model.dispose();
    result.models[0]!.forecast.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    result.models[0]!.errors.forEach((e, k) => expect(e).toBeCloseTo(errors[k]!, 5));

    // A one-channel model cannot read Burgers' two.
    const single = await saveDpot(TINY, { runId: 'run-2' });
    await expect(
      run({ checkpointIds: [single], datasetId, trajectory: 3, steps: 3 }),
    ).rejects.toThrow(
      /This model reads 1 channel and this equation has 2: choose a model trained on it/,
    );
  }, 60_000);

  it('scores at most 16 held-out trajectories, shared among the equations', async () => {
    const small = translatingTrajectories(3, 5, SIZE, 1, 15);
    const large = translatingTrajectories(19, 5, SIZE, 1, 16);
    const data = new Float32Array(22 * 5 * FRAME);
    data.set(small.data, 0);
    data.set(large.data, 3 * 5 * FRAME);
    const mix: DatasetMix = {
      components: [
        { equation: 'heat', scheme: 'spectral', channels: ['u'], weight: 1 },
        { equation: 'advection', scheme: 'spectral', channels: ['u'], weight: 1 },
      ],
      index: [...Array<number>(3).fill(0), ...Array<number>(19).fill(1)],
    };
    const datasetId = await saveDataset(
      meta({
        equation: MIXED_EQUATION,
        times: [0, 1, 2, 3, 4],
        split: { train: 1, val: 11, test: 10 },
        mix,
      }),
      { data, shape: [22, 5, SIZE, SIZE, 1] },
    );
    const checkpointId = await saveDpot(TINY);
    const result = await run({ checkpointIds: [checkpointId], datasetId, trajectory: 0, steps: 2 });
    expect(result.scored).toEqual({
      split: 'held-out',
      first: 1,
      trajectories: 21,
      count: 16,
      equations: [
        { equation: 'heat', count: 2 },
        { equation: 'advection', count: 14 },
      ],
    });
  }, 60_000);

  it('says what is wrong with the params, the dataset or the checkpoints', async () => {
    const set = translatingTrajectories(N, FRAMES, SIZE, 1, 17);
    const datasetId = await saveDataset(meta(), set);
    const checkpointId = await saveDpot(TINY);
    const base = { checkpointIds: [checkpointId], datasetId, trajectory: 0, steps: 5 };
    const before = tf.memory().numTensors;
    await expect(run({ ...base, trajectory: 5 })).rejects.toThrow(
      /has 5 trajectories \(0…4\); trajectory 5 does not exist/,
    );
    await expect(run({ ...base, trajectory: 1.5 })).rejects.toThrow(/whole number from 0/);
    await expect(run({ ...base, steps: 41 })).rejects.toThrow(/from 1 to 40 \(got 41\)/);
    await expect(run({ ...base, steps: 0 })).rejects.toThrow(/from 1 to 40/);
    await expect(run({ ...base, checkpointIds: [] })).rejects.toThrow(/Choose one or 2 trained/);
    await expect(run({ ...base, checkpointIds: [checkpointId, checkpointId] })).rejects.toThrow(
      /two different models/,
    );
    await expect(run({ ...base, checkpointIds: ['gone'] })).rejects.toThrow(
      /The chosen model’s checkpoint is no longer saved in this browser: choose another model/,
    );
    await expect(run({ ...base, checkpointIds: [checkpointId, 'gone'] })).rejects.toThrow(
      /The second model’s checkpoint is no longer saved/,
    );
    await expect(run({ ...base, datasetId: 'gone' })).rejects.toThrow();
    // Too few frames for the rollout.
    await expect(run({ ...base, steps: 8 })).rejects.toThrow(
      /A 8-step rollout after 3 input frames needs trajectories of 11 frames; these have 10\. Choose at most 7 steps\./,
    );
    // Another grid.
    const coarse = await saveDataset(
      meta({ grid: { n: 8, origin: -1, length: 2 } }),
      translatingTrajectories(N, FRAMES, 8, 1, 18),
    );
    await expect(run({ ...base, datasetId: coarse })).rejects.toThrow(
      /This model reads a 16 × 16 grid and this dataset is 8 × 8: choose a dataset built on a 16 × 16 grid/,
    );
    // Frames: no more than the model reads.
    const short = await saveDataset(
      meta({ times: [0, 1, 2] }),
      translatingTrajectories(N, 3, SIZE, 1, 19),
    );
    await expect(run({ ...base, datasetId: short, steps: 1 })).rejects.toThrow(
      /reads 3 frames and these trajectories have 3: there is nothing left to predict/,
    );
    // A checkpoint of another model.
    const other = await saveDpot(TINY, { runId: 'run-2', modelId: 'dino' });
    await expect(run({ ...base, checkpointIds: [other] })).rejects.toThrow(
      /checkpoint cannot be loaded \(.*"dino".*\)\. Train the model again, or choose another/,
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stops between the chosen rollout and the scores and frees everything', async () => {
    const set = translatingTrajectories(N, FRAMES, SIZE, 1, 20);
    const datasetId = await saveDataset(meta(), set);
    const checkpointId = await saveDpot(TINY);
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    let cancelledAt: string | undefined;
    const job = runner.run(
      'f',
      (p: DpotForecastParams, ctx) => dpotForecast(p, modelJobContext(ctx, open)),
      { checkpointIds: [checkpointId], datasetId, trajectory: 0, steps: 4 },
      (e) => {
        if (e.type === 'progress' && e.progress.message.startsWith('Rolled out') && !cancelledAt) {
          cancelledAt = e.progress.message;
          runner.cancel('f');
        }
      },
    );
    await expect(job).rejects.toMatchObject({ name: JOB_CANCELLED });
    expect(cancelledAt).toBe('Rolled out trajectory 0');
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
