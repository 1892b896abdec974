import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAE_PRESETS } from '../../models/mae/config';
import { maeRuntime } from '../../models/mae';
import { maeCheckpointConfig, maeFromCheckpoint } from '../../models/mae/checkpoint';
import { createMae } from '../../models/mae/model';
import {
  PRETRAINED_MANIFEST_FORMAT,
  PRETRAIN_SCHEDULE,
  type PretrainedManifest,
} from '../../models/mae/pretrained';
import { captureCheckpoint, decodeCheckpoint, encodeCheckpoint } from '../../models/nn/checkpoint';
import { oneCycleSchedule } from '../../models/nn/schedules';
import { pretrainedRunId } from '../../models/pretrained';
import type { ModelRuntime } from '../../models/runtime';
import { deleteLabDb } from '../../storage/db';
import { openLabStorage } from '../../storage/labStorage';
import { uniqueDbName } from '../../storage/testDb';
import { checkpointIdOf } from '../../storage/checkpointRecords';
import { installPretrained, installShippedModel } from './installPretrained';

const DIRECTORY = 'https://lab.example/pretrained/';
const PRETRAINED_RUN_ID = pretrainedRunId('mae');
const install = (fetchFile: typeof fetch) =>
  installShippedModel(maeRuntime, DIRECTORY, open, fetchFile);
const config = MAE_PRESETS.tiny.config;
const STEPS = 12;

let dbName: string;
const open = () => openLabStorage(dbName);
let checkpointBytes: Uint8Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = createMae(config, { seed: 5 });
  const checkpoint = await captureCheckpoint({
    modelId: 'mae',
    modelVersion: 1,
    config: maeCheckpointConfig(model),
    step: STEPS,
    params: model.params,
    history: {
      loss: Array.from({ length: STEPS }, (_, i) => 1 / (i + 1)),
      validation: [
        { step: 6, relL2: 0.9, mse: 0.2, relL2Linear: 0.7, relL2Nearest: 0.8 },
        { step: 12, relL2: 0.6, mse: 0.1, relL2Linear: 0.7, relL2Nearest: 0.8 },
      ],
    },
  });
  model.dispose();
  checkpointBytes = encodeCheckpoint(checkpoint);
});

beforeEach(() => {
  dbName = uniqueDbName();
});
afterEach(async () => {
  await deleteLabDb(dbName);
});

function manifest(overrides: Partial<PretrainedManifest> = {}): PretrainedManifest {
  return {
    format: PRETRAINED_MANIFEST_FORMAT,
    modelId: 'mae',
    preset: 'tiny',
    config,
    parameters: 14_432,
    channels: 1,
    checkpoint: 'mae-tiny.ckpt',
    bytes: checkpointBytes.byteLength,
    command: 'npm run pretrain -- mae --preset tiny',
    training: {
      steps: STEPS,
      batchSize: 4,
      peakLr: 3e-3,
      seed: 1,
      seconds: 3,
      backend: 'cpu',
      data: '12 trajectories',
    },
    heldOut: 'the default dataset',
    errors: [
      { id: 'heat', windows: 4, relL2: 0.5, relL2Linear: 0.6, relL2Nearest: 0.7 },
      { id: 'all', windows: 4, relL2: 0.5, relL2Linear: 0.6, relL2Nearest: 0.7 },
    ],
    sweep: [],
    createdAt: '2026-11-23T02:00:00.000Z',
    ...overrides,
  };
}

/** A fake site: the files given by name, 404 for anything else; counts requests per file. */
function site(files: Record<string, unknown>) {
  const requests: string[] = [];
  const fetchFile = (async (input: URL | RequestInfo) => {
    const name = String(input).replace(DIRECTORY, '');
    requests.push(name);
    const body = files[name];
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(
      body instanceof Uint8Array
        ? body.slice()
        : typeof body === 'string'
          ? body
          : JSON.stringify(body),
    );
  }) as typeof fetch;
  return { fetchFile, requests };
}

describe('installShippedModel', () => {
  it('stores the shipped checkpoint as a finished run, once', async () => {
    const { fetchFile, requests } = site({
      'mae.json': manifest(),
      'mae-tiny.ckpt': checkpointBytes,
    });
    const first = await install(fetchFile);
    expect(first.status).toBe('installed');

    const storage = await open();
    try {
      const checkpoint = await storage.checkpoints.get(checkpointIdOf(PRETRAINED_RUN_ID));
      expect(checkpoint?.summary.meta.runId).toBe(PRETRAINED_RUN_ID);
      const model = maeFromCheckpoint(decodeCheckpoint(checkpoint!.payload.bytes));
      expect(model.config).toEqual(config);
      model.dispose();

      const run = await storage.runs.get(PRETRAINED_RUN_ID);
      expect(run?.summary.meta.status).toBe('done');
      expect(run?.summary.meta.step).toBe(STEPS);
      expect(run?.summary.meta.options.seed).toBe(1);
      expect(run?.summary.name).toBe('Pretrained tiny MAE (ships with the lab)');
      expect(run?.summary.meta.finalMetrics).toEqual({
        relL2: 0.5,
        relL2Linear: 0.6,
        relL2Nearest: 0.7,
        mse: 0.1,
      });
      expect(run?.summary.meta.finalLoss).toBe(1 / STEPS);
      const history = run!.payload.history;
      expect(history.step).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
      const lr = oneCycleSchedule({
        maxLr: 3e-3,
        totalSteps: STEPS,
        pctStart: PRETRAIN_SCHEDULE.pctStart,
        divFactor: PRETRAIN_SCHEDULE.divFactor,
        finalDivFactor: PRETRAIN_SCHEDULE.finalDivFactor,
      });
      expect(history.lr[0]).toBeCloseTo(lr(0), 12);
      expect(history.lr.at(-1)).toBeCloseTo(lr(STEPS - 1), 12);
      expect(history.valStep).toEqual([6, 12]);
      expect(history.val.relL2).toEqual([0.9, 0.6]);
    } finally {
      storage.close();
    }

    const again = await install(fetchFile);
    expect(again.status).toBe('current');
    expect(requests.filter((r) => r === 'mae-tiny.ckpt')).toHaveLength(1);
  });

  it('replaces an older shipped model with a newer one', async () => {
    const files = { 'mae.json': manifest(), 'mae-tiny.ckpt': checkpointBytes };
    await install(site(files).fetchFile);
    files['mae.json'] = manifest({ createdAt: '2026-12-01T00:00:00.000Z' });
    const newer = await install(site(files).fetchFile);
    expect(newer.status).toBe('installed');
  });

  it('says absent when the site ships no model', async () => {
    const result = await install(site({}).fetchFile);
    expect(result).toEqual({ status: 'absent' });
    const html = site({ 'mae.json': '<!doctype html><title>Lab</title>' });
    expect(await install(html.fetchFile)).toEqual({ status: 'absent' });
  });

  it('refuses a damaged checkpoint and keeps nothing', async () => {
    const damaged = checkpointBytes.slice(0, checkpointBytes.byteLength - 100);
    const { fetchFile } = site({ 'mae.json': manifest(), 'mae-tiny.ckpt': damaged });
    await expect(install(fetchFile)).rejects.toThrow(/damaged/);
    const storage = await open();
    try {
      expect((await storage.runs.list()).records).toHaveLength(0);
      expect((await storage.checkpoints.list()).records).toHaveLength(0);
    } finally {
      storage.close();
    }
  });

  it('names what is wrong with a malformed manifest', async () => {
    const bad = { ...manifest(), checkpoint: '../../etc/passwd' };
    const { fetchFile } = site({ 'mae.json': bad });
    await expect(install(fetchFile)).rejects.toThrow(/manifest is malformed: the checkpoint name/);
  });
});

describe('installPretrained', () => {
  const files = () => site({ 'mae.json': manifest(), 'mae-tiny.ckpt': checkpointBytes });

  it('installs every model that ships one, under its own run id', async () => {
    const result = await installPretrained(DIRECTORY, open, files().fetchFile, [maeRuntime]);
    expect(result.problems).toEqual([]);
    expect(result.installed).toMatchObject([
      { modelId: 'mae', status: 'installed', checkpointId: checkpointIdOf('pretrained-mae') },
    ]);
    expect(result.installed[0]!.manifest.preset).toBe('tiny');
  });

  it('skips models that ship nothing, and keeps one broken model from stopping the others', async () => {
    const silent = { ...maeRuntime, pretrained: undefined } as ModelRuntime;
    const broken = {
      ...maeRuntime,
      info: { ...maeRuntime.info, id: 'broken' },
      pretrained: { ...maeRuntime.pretrained!, manifestFile: 'broken.json' },
    } as ModelRuntime;
    const { fetchFile } = site({
      'broken.json': { ...manifest(), checkpoint: '../x' },
      'mae.json': manifest(),
      'mae-tiny.ckpt': checkpointBytes,
    });
    const result = await installPretrained(DIRECTORY, open, fetchFile, [
      silent,
      broken,
      maeRuntime,
    ]);
    expect(result.installed.map((m) => m.modelId)).toEqual(['mae']);
    expect(result.problems).toEqual([expect.stringMatching(/manifest is malformed/)]);
    expect(await installPretrained(DIRECTORY, open, site({}).fetchFile)).toEqual({
      installed: [],
      problems: [],
    });
  });
});
