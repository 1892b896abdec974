import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../runtime/jobRunner';
import { modelJobContext } from '../../../runtime/jobs/modelJobContext';
import { JOB_CANCELLED, type JobEvent } from '../../../runtime/protocol';
import { saveSeededModel } from '../../../runtime/jobs/jobTestFixtures';
import { deleteLabDb } from '../../../storage/db';
import { openLabStorage } from '../../../storage/labStorage';
import { uniqueDbName, withOpenStorage } from '../../../storage/testDb';
import type { DinoConfig } from '../config';
import { gridCoordinates, gridPointCoordinates } from '../coordinates';
import { decodeFrames, fitCodes, forecastCodes, frameTimes } from '../forecast';
import { createDino } from '../model';
import { gatherPoints } from '../observation';
import { tinyConfig, waveTrajectories } from '../testing';
import { dinoFirstFrame } from './firstFrame';
import { dinoForecast } from './forecast';
import type { DinoFirstFrameParams, DinoForecastParams } from './forecastConfig';
import { errorByFrame, errorTable } from './forecastErrors';

/** 3 trajectories of 6 frames at 8², 2 channels; the model trains on 4 frames and reads 1 channel. */
const [COUNT, FRAMES, N] = [3, 6, 8];
const CONFIG: DinoConfig = { ...tinyConfig, trainFrames: 4, fitSteps: 12, dt: 0.05 };
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
        split: { train: 1, val: 1, test: 1 },
      },
      payload: { data: data.data, shape: [...data.shape] },
    });
    return summary.id;
  });
}

/** A one-channel DINo with seeded (untrained) weights, saved as run `run-1`'s checkpoint at step 7. */
const saveDino = () => saveSeededModel(open, 'dino', CONFIG, 3);

function run(params: DinoForecastParams, events: JobEvent[] = [], runner = new JobRunner()) {
  return runner.run(
    'f',
    (p: DinoForecastParams, ctx) => dinoForecast(p, modelJobContext(ctx, open)),
    params,
    (e) => events.push(e),
  );
}

describe('the DINo forecast job', () => {
  it('fits, forecasts and decodes as the model’s own functions do, scores it, and leaks nothing', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveDino()];
    const sensors = [40, 3, 17, 3, 60, 9, 33, 50];
    const before = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const result = await run(
      { checkpointId, datasetId, trajectory: 2, sensors, resolution: 16 },
      events,
    );
    expect(tf.memory().numTensors).toBe(before);

    expect(result).toMatchObject({
      runName: 'tiny run',
      step: 7,
      trajectory: 2,
      frames: FRAMES,
      trainFrames: 4,
      gridX: N,
      gridY: N,
      channels: ['u'],
      resolution: 16,
      codeSize: CONFIG.codeDim,
    });
    expect([...result.sensors]).toEqual([3, 9, 17, 33, 40, 50, 60]);
    const P = N * N;
    expect(result.truth).toHaveLength(FRAMES * P);
    expect(result.forecast).toHaveLength(FRAMES * P);
    expect(result.display).toHaveLength(FRAMES * 16 * 16);
    expect(result.codes).toHaveLength(FRAMES * CONFIG.codeDim);
    expect(result.path).toHaveLength(FRAMES * 2);
    expect(result.forecast.every(Number.isFinite)).toBe(true);
    expect(result.fitLoss).toBeGreaterThanOrEqual(0);

    // The truth is channel 0 of trajectory 2.
    const at = (t: number, p: number) => data.data[((2 * FRAMES + t) * P + p) * 2]!;
    expect(result.truth[3 * P + 5]).toBeCloseTo(at(3, 5), 6);

    // The same numbers as fitCodes → forecastCodes → decodeFrames.
    const model = createDino(CONFIG, { channels: 1, seed: 3 });
    const expected = tf.tidy(() => {
      const values = tf.tensor3d(
        gatherPoints(data, [2], result.sensors, { count: 1, channels: 1 }),
        [1, result.sensors.length, 1],
      );
      const code = fitCodes(
        model,
        { values, coords: gridPointCoordinates(result.sensors, N) },
        { steps: CONFIG.fitSteps, lr: CONFIG.fitLr },
      );
      const codes = forecastCodes(model, code, frameTimes(FRAMES, CONFIG.dt));
      return [codes, decodeFrames(model, codes, gridCoordinates(N))];
    });
    const [codes, frames] = await Promise.all(expected.map((t) => t.data()));
    tf.dispose(expected);
    model.dispose();
    result.codes.forEach((v, i) => expect(v).toBeCloseTo(codes![i]!, 4));
    result.forecast.forEach((v, i) => expect(v).toBeCloseTo(frames![i]!, 4));

    // At 16² every other point of each axis is a point of the 8² grid: the same code decoded.
    for (let t = 0; t < FRAMES; t += 5) {
      for (const [i, j] of [
        [0, 0],
        [3, 5],
        [7, 2],
      ] as const) {
        const fine = result.display[t * 256 + 2 * i * 16 + 2 * j]!;
        expect(fine).toBeCloseTo(result.forecast[t * P + i * N + j]!, 4);
      }
    }

    // Scores are those of the returned arrays, with the sensors as the observed points.
    const observed = new Uint8Array(P);
    result.sensors.forEach((p) => (observed[p] = 1));
    const arrays = {
      truth: result.truth,
      forecast: result.forecast,
      frames: FRAMES,
      points: P,
      channels: 1,
      observed,
    };
    expect(result.errorByFrame).toEqual(errorByFrame(arrays));
    expect(result.table).toEqual(errorTable(arrays, 4));
    expect(Number.isFinite(result.table.outTimeOutSpace)).toBe(true);

    const messages = events.flatMap((e) => (e.type === 'progress' ? [e.progress.message] : []));
    expect(messages).toContain('Fitting the first code to 7 sensors');
    expect(messages).toContain('Decoding the forecast at 16 × 16');
    expect(messages.at(-1)).toBe('Forecast ready');
  }, 60_000);

  it('decodes the same code at a finer display grid without refitting', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveDino()];
    const base = { checkpointId, datasetId, trajectory: 0, sensors: [1, 20, 42] };
    const coarse = await run({ ...base, resolution: 16 });
    const before = tf.memory().numTensors;
    const fine = await run({ ...base, resolution: 32 });
    expect(tf.memory().numTensors).toBe(before);
    expect(fine.display).toHaveLength(FRAMES * 32 * 32);
    expect(fine.forecast).toEqual(coarse.forecast);
    // Point (i, j) of 16² is point (2i, 2j) of 32².
    const t = FRAMES - 1;
    expect(fine.display[t * 1024 + 2 * 5 * 32 + 2 * 9]!).toBeCloseTo(
      coarse.display[t * 256 + 5 * 16 + 9]!,
      4,
    );
  }, 60_000);

  it('says what is wrong with the params, the dataset or the checkpoint', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveDino()];
    const base = { checkpointId, datasetId, trajectory: 0, sensors: [1, 2], resolution: 16 };
    const before = tf.memory().numTensors;
    await expect(run({ ...base, sensors: [] })).rejects.toThrow(/at least one sensor/);
    await expect(run({ ...base, sensors: [64] })).rejects.toThrow(/not a point of this dataset/);
    await expect(run({ ...base, trajectory: 3 })).rejects.toThrow(/has 3 trajectories/);
    await expect(run({ ...base, resolution: 300 })).rejects.toThrow(/from 16 to 256/);
    await expect(run({ ...base, checkpointId: 'gone' })).rejects.toThrow(/choose another model/);
    await expect(run({ ...base, datasetId: 'gone' })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stops during the fit and frees everything', async () => {
    const [datasetId, checkpointId] = [await saveDataset(), await saveDino()];
    const before = tf.memory().numTensors;
    const runner = new JobRunner();
    let cancelledAt: string | undefined;
    const job = runner.run(
      'f',
      (p: DinoForecastParams, ctx) => dinoForecast(p, modelJobContext(ctx, open)),
      { checkpointId, datasetId, trajectory: 1, sensors: [5, 6, 7], resolution: 16 },
      (e) => {
        if (e.type === 'progress' && e.progress.message.startsWith('Fitting') && !cancelledAt) {
          cancelledAt = e.progress.message;
          runner.cancel('f');
        }
      },
    );
    await expect(job).rejects.toMatchObject({ name: JOB_CANCELLED });
    expect(cancelledAt).toBe('Fitting the first code to 3 sensors');
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('reads a trajectory’s first frame, every channel, for placing sensors', async () => {
    const datasetId = await saveDataset();
    const first = (p: DinoFirstFrameParams) =>
      new JobRunner().run(
        'p',
        (q: DinoFirstFrameParams, ctx) => dinoFirstFrame(q, modelJobContext(ctx, open)),
        p,
        () => {},
      );
    const frame = await first({ datasetId, trajectory: 1 });
    expect(frame).toMatchObject({ trajectory: 1, gridX: N, gridY: N, channels: ['u', 'ut'] });
    expect([...frame.frame]).toEqual([
      ...data.data.subarray(FRAMES * N * N * 2, (FRAMES + 1) * N * N * 2),
    ]);
    await expect(first({ datasetId, trajectory: 5 })).rejects.toThrow(/has 3 trajectories/);
  });
});
