import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteLabDb } from './db';
import { openLabStorage, RECORD_SCHEMA_VERSIONS, type LabStorage } from './labStorage';
import { emptyHistory, type RunRecordMeta } from './runRecords';
import { openRawDb, uniqueDbName } from './testDb';

let dbName: string;
let storage: LabStorage;

async function countAllRows(): Promise<Record<string, number>> {
  const raw = await openRawDb(dbName);
  try {
    const stores = ['datasets', 'checkpoints', 'runs', 'payloads'];
    return Object.fromEntries(
      await Promise.all(stores.map(async (s) => [s, await raw.count(s)] as const)),
    );
  } finally {
    raw.close();
  }
}

/** A valid dataset record of `frames` frames of a 10×10 grid (one trajectory, one channel). */
function dataset(equation: string, frames: number) {
  return {
    name: equation,
    meta: {
      equation,
      scheme: 'spectral',
      seed: 0,
      grid: { n: 10, length: 1, origin: 0 },
      times: Array.from({ length: frames }, (_, i) => i),
      channels: ['u'],
      coefficients: {},
      split: { train: 1, val: 0, test: 0 },
    },
    payload: { data: new Float32Array(frames * 100), shape: [1, frames, 10, 10, 1] },
  };
}

async function fill(): Promise<void> {
  await storage.datasets.put(dataset('burgers', 256));
  await storage.datasets.put(dataset('heat', 10));
  await storage.checkpoints.put({
    name: 'fno',
    meta: {
      modelId: 'fno',
      modelVersion: 1,
      config: { width: 8 },
      step: 3,
      runId: 'run-1',
      datasetId: 'd',
      createdAt: 1,
    },
    payload: { bytes: new Uint8Array(288).fill(7) },
  });
  await storage.runs.put({
    name: 'run 1',
    meta: runMeta(),
    payload: {
      history: { ...emptyHistory(), step: [1, 2, 3], loss: [0.5, 0.25, 0.125], lr: [1, 1, 1] },
    },
  });
}

function runMeta(): RunRecordMeta {
  return {
    modelId: 'mae',
    config: { size: 16, positions: 'learned', normalizeTargets: false },
    options: {
      steps: 3,
      batchSize: 2,
      peakLr: 1e-3,
      schedule: 'one-cycle',
      warmupFraction: 0.2,
      weightDecay: 0.01,
      clipNorm: 1,
      seed: 0,
      validateEvery: 1,
      checkpointEvery: 1,
      snapshotEvery: 1,
    },
    datasetId: 'd',
    datasetName: 'heat',
    status: 'done',
    step: 3,
    startedAt: 1,
    updatedAt: 2,
    finalLoss: 0.125,
  };
}

beforeEach(async () => {
  dbName = uniqueDbName();
  storage = await openLabStorage(dbName);
});

afterEach(async () => {
  vi.unstubAllGlobals();
  storage.close();
  await deleteLabDb(dbName);
});

describe('openLabStorage', () => {
  it('keeps the three kinds in separate repositories', async () => {
    await fill();
    expect((await storage.datasets.list()).records.map((r) => r.name)).toEqual(['heat', 'burgers']);
    expect((await storage.checkpoints.list()).records.map((r) => r.name)).toEqual(['fno']);
    expect((await storage.runs.list()).records.map((r) => r.name)).toEqual(['run 1']);
    const checkpoint = (await storage.checkpoints.list()).records[0];
    const loaded = await storage.checkpoints.get(checkpoint?.id ?? '');
    expect(loaded?.payload).toEqual({ bytes: new Uint8Array(288).fill(7) });
    expect(loaded?.summary.meta.step).toBe(3);
  });

  it('clearAll empties every store, payloads included', async () => {
    await fill();
    expect(await countAllRows()).toEqual({ datasets: 2, checkpoints: 1, runs: 1, payloads: 4 });

    await storage.clearAll();

    expect(await countAllRows()).toEqual({ datasets: 0, checkpoints: 0, runs: 0, payloads: 0 });
    expect((await storage.datasets.list()).records).toEqual([]);
  });

  it('usage reports per-kind counts and bytes, and no quota without navigator.storage', async () => {
    vi.stubGlobal('navigator', undefined);
    await fill();
    const usage = await storage.usage();

    expect(usage.quotaBytes).toBeUndefined();
    expect(usage.perKind.datasets.count).toBe(2);
    expect(usage.perKind.datasets.bytes).toBeGreaterThanOrEqual(4 * (256 * 100 + 1000));
    expect(usage.perKind.datasets.bytes).toBeLessThan(4 * (256 * 100 + 1000) + 2000); // + the metadata JSON
    expect(usage.perKind.checkpoints).toEqual({ count: 1, bytes: expect.any(Number) });
    expect(usage.perKind.checkpoints.bytes).toBeGreaterThanOrEqual(4 * 72);
    expect(usage.perKind.runs.count).toBe(1);
    expect(usage.usedBytes).toBe(
      usage.perKind.datasets.bytes + usage.perKind.checkpoints.bytes + usage.perKind.runs.bytes,
    );
  });

  it('usage takes origin usage and quota from navigator.storage.estimate', async () => {
    vi.stubGlobal('navigator', {
      storage: { estimate: () => Promise.resolve({ usage: 123_456, quota: 10_000_000 }) },
    });
    await fill();
    const usage = await storage.usage();
    expect(usage.usedBytes).toBe(123_456);
    expect(usage.quotaBytes).toBe(10_000_000);
    expect(usage.perKind.runs.count).toBe(1);
  });

  it('usage counts records it cannot read, since they still take space', async () => {
    await fill();
    const raw = await openRawDb(dbName);
    await raw.put('runs', {
      id: 'from-the-future',
      name: 'x',
      createdAt: 1,
      sizeBytes: 5000,
      schemaVersion: 99,
      meta: {},
    });
    raw.close();
    const usage = await storage.usage();
    expect(usage.perKind.runs.count).toBe(2);
    expect(usage.perKind.runs.bytes).toBeGreaterThan(5000);
  });
});

describe('run and checkpoint records', () => {
  it('refuse invalid meta and payloads on write', async () => {
    const history = emptyHistory();
    await expect(
      storage.runs.put({ name: 'r', meta: [] as never, payload: { history } }),
    ).rejects.toThrow(
      'Refusing to save runs "r": invalid meta: meta should be an object, got an array',
    );
    await expect(
      storage.runs.put({
        name: 'r',
        meta: { ...runMeta(), status: 'lost' as never },
        payload: { history },
      }),
    ).rejects.toThrow(
      '"status" should be one of running, paused, stopped, done, failed, got "lost"',
    );
    await expect(
      storage.runs.put({
        name: 'r',
        meta: runMeta(),
        payload: { history: { ...history, step: [1], loss: [] } },
      }),
    ).rejects.toThrow('of different lengths');
    await expect(
      storage.checkpoints.put({
        name: 'c',
        meta: { ...runMeta(), modelVersion: 1, config: {}, runId: 'r', createdAt: 1 } as never,
        payload: { bytes: new Float32Array(2) } as never,
      }),
    ).rejects.toThrow('the checkpoint payload has no bytes');
    expect((await countAllRows()).runs).toBe(0);
    expect((await countAllRows()).checkpoints).toBe(0);
  });

  it('skip stored runs whose meta is not valid', async () => {
    await fill();
    const raw = await openRawDb(dbName);
    const row = {
      name: 'x',
      createdAt: 1,
      sizeBytes: 1,
      schemaVersion: RECORD_SCHEMA_VERSIONS.runs,
    };
    await raw.put('runs', { ...row, id: 'list-meta', meta: ['a'] });
    await raw.put('runs', { ...row, id: 'no-step', meta: { ...runMeta(), step: -1 } });
    raw.close();

    const { records, skipped } = await storage.runs.list();
    expect(records).toHaveLength(1);
    expect(skipped).toEqual([
      {
        id: 'list-meta',
        kind: 'runs',
        reason: 'invalid meta: meta should be an object, got an array',
      },
      {
        id: 'no-step',
        kind: 'runs',
        reason: 'invalid meta: "step" should be a whole number ≥ 0, got -1',
      },
    ]);
  });
});

describe('dataset records', () => {
  it('refuse a payload whose shape does not match its data, and keep good ones', async () => {
    const good = dataset('heat', 3);
    await storage.datasets.put(good);
    await expect(
      storage.datasets.put({
        ...good,
        payload: { data: new Float32Array(5), shape: [1, 3, 10, 10, 1] },
      }),
    ).rejects.toThrow(/does not match the 5 values/);
    const { records } = await storage.datasets.list();
    expect(records.map((r) => r.meta.times)).toEqual([[0, 1, 2]]);
  });
});
