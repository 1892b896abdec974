import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteLabDb, openLabDb, type LabDb } from './db';
import { StorageFullError, StorageRecordError } from './errors';
import { createRepository, type RecordRepository } from './repository';
import { openRawDb, uniqueDbName } from './testDb';

interface FieldMeta {
  resolution: number;
}
interface FieldPayload {
  field: Float32Array;
  label: string;
}

function parseFieldMeta(value: unknown): FieldMeta {
  const resolution = (value as { resolution?: unknown } | null)?.resolution;
  if (typeof resolution !== 'number') throw new Error('meta.resolution should be a number');
  return { resolution };
}

function parseFieldPayload(value: unknown): FieldPayload {
  const payload = value as Partial<FieldPayload> | null;
  if (!(payload?.field instanceof Float32Array)) {
    throw new Error('payload.field should be a Float32Array');
  }
  if (typeof payload.label !== 'string') throw new Error('payload.label should be a string');
  return { field: payload.field, label: payload.label };
}

let dbName: string;
let db: LabDb;
let clock: number;
let repo: RecordRepository<FieldMeta, FieldPayload>;

function makeRepo(schemaVersion = 2): RecordRepository<FieldMeta, FieldPayload> {
  return createRepository(db, {
    kind: 'datasets',
    schemaVersion,
    parseMeta: parseFieldMeta,
    parsePayload: parseFieldPayload,
    now: () => ++clock,
  });
}

function sample(seed: number, length = 64): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.sin(seed + i * 0.1) * 1e-3 + i);
}

async function countRows(store: string): Promise<number> {
  const raw = await openRawDb(dbName);
  try {
    return await raw.count(store);
  } finally {
    raw.close();
  }
}

async function plantRow(store: string, row: unknown): Promise<void> {
  const raw = await openRawDb(dbName);
  try {
    await raw.put(store, row);
  } finally {
    raw.close();
  }
}

beforeEach(async () => {
  dbName = uniqueDbName();
  db = await openLabDb(dbName);
  clock = 1_000;
  repo = makeRepo();
});

afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await deleteLabDb(dbName);
});

describe('createRepository: round trip', () => {
  it('puts, lists, gets and deletes a record, preserving a Float32Array exactly', async () => {
    const field = sample(1);
    const summary = await repo.put({
      name: 'heat 64',
      meta: { resolution: 64 },
      payload: { field, label: 'u' },
    });

    expect(summary.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(summary).toMatchObject({
      name: 'heat 64',
      createdAt: 1_001,
      schemaVersion: 2,
      meta: { resolution: 64 },
    });

    const listed = await repo.list();
    expect(listed.skipped).toEqual([]);
    expect(listed.records).toEqual([summary]);

    const loaded = await repo.get(summary.id);
    expect(loaded?.summary).toEqual(summary);
    expect(loaded?.payload.field).toBeInstanceOf(Float32Array);
    expect(loaded?.payload.field).not.toBe(field);
    expect(Array.from(loaded?.payload.field ?? [])).toEqual(Array.from(field));
    expect(loaded?.payload.label).toBe('u');

    await repo.delete(summary.id);
    expect(await repo.get(summary.id)).toBeUndefined();
    expect((await repo.list()).records).toEqual([]);
    expect(await countRows('payloads')).toBe(0);
  });

  it('keeps a given id, and a second put with it replaces the record', async () => {
    await repo.put({
      id: 'run-a',
      name: 'first',
      meta: { resolution: 8 },
      payload: { field: sample(1, 8), label: 'a' },
    });
    await repo.put({
      id: 'run-a',
      name: 'second',
      meta: { resolution: 16 },
      payload: { field: sample(2, 16), label: 'b' },
    });

    const { records } = await repo.list();
    expect(records.map((r) => [r.id, r.name])).toEqual([['run-a', 'second']]);
    const loaded = await repo.get('run-a');
    expect(loaded?.payload.field.length).toBe(16);
    expect(await countRows('payloads')).toBe(1);
  });

  it('lists newest first', async () => {
    for (const name of ['old', 'middle', 'new']) {
      await repo.put({
        name,
        meta: { resolution: 1 },
        payload: { field: sample(0, 1), label: name },
      });
    }
    expect((await repo.list()).records.map((r) => r.name)).toEqual(['new', 'middle', 'old']);
  });

  it('stamps createdAt from Date.now when no clock is given', async () => {
    const realClockRepo = createRepository(db, {
      kind: 'runs',
      schemaVersion: 1,
      parseMeta: parseFieldMeta,
      parsePayload: parseFieldPayload,
    });
    const before = Date.now();
    const summary = await realClockRepo.put({
      name: 'r',
      meta: { resolution: 1 },
      payload: { field: sample(0, 1), label: '' },
    });
    expect(summary.createdAt).toBeGreaterThanOrEqual(before);
    expect(summary.createdAt).toBeLessThanOrEqual(Date.now());
  });

  it('counts typed-array bytes in sizeBytes', async () => {
    const small = await repo.put({
      name: 's',
      meta: { resolution: 1 },
      payload: { field: new Float32Array(10), label: 'x' },
    });
    const large = await repo.put({
      name: 'l',
      meta: { resolution: 1 },
      payload: { field: new Float32Array(100_000), label: 'x' },
    });
    expect(large.sizeBytes - small.sizeBytes).toBe(4 * (100_000 - 10));
    expect(large.sizeBytes).toBeGreaterThanOrEqual(400_000);
    expect(large.sizeBytes).toBeLessThan(400_200);
  });

  it('refuses to write meta or payload its own parsers reject', async () => {
    await expect(
      repo.put({
        name: 'bad',
        meta: { resolution: 'high' } as unknown as FieldMeta,
        payload: { field: sample(0), label: '' },
      }),
    ).rejects.toThrow(
      'Refusing to save datasets "bad": invalid meta: meta.resolution should be a number',
    );
    await expect(
      repo.put({
        name: 'bad',
        meta: { resolution: 1 },
        payload: { field: [1, 2], label: '' } as unknown as FieldPayload,
      }),
    ).rejects.toThrow(/invalid payload: payload.field should be a Float32Array/);
    expect(await countRows('datasets')).toBe(0);
    expect(await countRows('payloads')).toBe(0);
  });

  it('keeps kinds apart: clear() empties only its own kind, payloads included', async () => {
    const runs = createRepository(db, {
      kind: 'runs',
      schemaVersion: 2,
      parseMeta: parseFieldMeta,
      parsePayload: parseFieldPayload,
    });
    // Ids at the edges of string key order, to exercise the payload key range.
    for (const id of ['', 'a', '\uffff\uffff']) {
      await repo.put({
        id,
        name: id,
        meta: { resolution: 1 },
        payload: { field: sample(0, 4), label: '' },
      });
      await runs.put({
        id,
        name: id,
        meta: { resolution: 1 },
        payload: { field: sample(1, 4), label: '' },
      });
    }
    expect(await countRows('payloads')).toBe(6);

    await repo.clear();

    expect((await repo.list()).records).toEqual([]);
    expect((await runs.list()).records).toHaveLength(3);
    expect(await countRows('payloads')).toBe(3);
    expect((await runs.get('\uffff\uffff'))?.payload.field).toEqual(sample(1, 4));
  });
});

describe('createRepository: list reads summaries only', () => {
  it('never opens a transaction on the payloads store while listing', async () => {
    await repo.put({
      name: 'a',
      meta: { resolution: 1 },
      payload: { field: sample(0, 1000), label: '' },
    });
    const storesTouched: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      const names = args[0];
      storesTouched.push(...(typeof names === 'string' ? [names] : names));
      return transaction.apply(this, args);
    });

    const { records } = await repo.list();
    expect(records).toHaveLength(1);
    expect(storesTouched).toEqual(['datasets']);

    // The spy does see payload reads: get() goes through it.
    await repo.get(records[0]?.id ?? '');
    expect(storesTouched).toContain('payloads');
  });
});

describe('createRepository: unreadable records', () => {
  async function plantGoodAndBad(): Promise<string> {
    const good = await repo.put({
      name: 'good',
      meta: { resolution: 32 },
      payload: { field: sample(3), label: '' },
    });
    const row = { name: 'x', createdAt: 5, sizeBytes: 10 };
    await plantRow('datasets', { ...row, id: 'future', schemaVersion: 3, meta: { resolution: 1 } });
    await plantRow('datasets', { ...row, id: 'past', schemaVersion: 1, meta: { resolution: 1 } });
    await plantRow('datasets', {
      ...row,
      id: 'bad-meta',
      schemaVersion: 2,
      meta: { resolution: 'fine' },
    });
    await plantRow('datasets', {
      id: 'no-date',
      name: 'x',
      sizeBytes: 1,
      schemaVersion: 2,
      meta: {},
    });
    for (const id of ['future', 'past', 'bad-meta', 'no-date']) {
      await plantRow('payloads', {
        kind: 'datasets',
        id,
        payload: { field: sample(0), label: '' },
      });
    }
    return good.id;
  }

  it('skips them with readable reasons while still listing good records', async () => {
    const goodId = await plantGoodAndBad();
    const { records, skipped } = await repo.list();

    expect(records.map((r) => r.id)).toEqual([goodId]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { id: 'future', kind: 'datasets', reason: 'written by schema v3, this version reads v2' },
        { id: 'past', kind: 'datasets', reason: 'written by schema v1, this version reads v2' },
        {
          id: 'bad-meta',
          kind: 'datasets',
          reason: 'invalid meta: meta.resolution should be a number',
        },
        {
          id: 'no-date',
          kind: 'datasets',
          reason: 'summary row is malformed: "createdAt" should be a finite number, got nothing',
        },
      ]),
    );
    expect(skipped).toHaveLength(4);
  });

  it('get throws StorageRecordError carrying the reason', async () => {
    await plantGoodAndBad();
    const error: unknown = await repo.get('future').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageRecordError);
    expect(error).toMatchObject({
      name: 'StorageRecordError',
      kind: 'datasets',
      recordId: 'future',
      reason: 'written by schema v3, this version reads v2',
      message: 'Cannot read datasets record "future": written by schema v3, this version reads v2',
    });
    await expect(repo.get('bad-meta')).rejects.toThrow(StorageRecordError);
    await expect(repo.get('bad-meta')).rejects.toThrow(/invalid meta: meta.resolution/);
  });

  it('get throws StorageRecordError for a bad or missing payload behind a good summary', async () => {
    const a = await repo.put({
      name: 'a',
      meta: { resolution: 1 },
      payload: { field: sample(0), label: '' },
    });
    const b = await repo.put({
      name: 'b',
      meta: { resolution: 1 },
      payload: { field: sample(0), label: '' },
    });
    await plantRow('payloads', {
      kind: 'datasets',
      id: a.id,
      payload: { field: 'not an array', label: '' },
    });
    const raw = await openRawDb(dbName);
    await raw.delete('payloads', ['datasets', b.id]);
    raw.close();

    await expect(repo.get(a.id)).rejects.toThrow(
      new StorageRecordError(
        'datasets',
        a.id,
        'invalid payload: payload.field should be a Float32Array',
      ),
    );
    await expect(repo.get(b.id)).rejects.toThrow(
      new StorageRecordError('datasets', b.id, 'its payload is missing'),
    );
  });

  it('reads them once the repository reads their schema version', async () => {
    await plantGoodAndBad();
    const v3 = makeRepo(3);
    const { records } = await v3.list();
    expect(records.map((r) => r.id)).toEqual(['future']);
    expect((await v3.get('future'))?.summary.meta).toEqual({ resolution: 1 });
  });

  it('can still delete them', async () => {
    await plantGoodAndBad();
    await repo.delete('future');
    expect((await repo.list()).skipped.map((s) => s.id)).not.toContain('future');
    expect(await repo.get('future')).toBeUndefined();
  });
});

describe('createRepository: failed writes', () => {
  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  async function putOriginal(): Promise<void> {
    await repo.put({
      id: 'keep',
      name: 'keep',
      meta: { resolution: 4 },
      payload: { field: sample(7, 4), label: 'v1' },
    });
  }

  async function expectOnlyOriginal(): Promise<void> {
    expect(await countRows('datasets')).toBe(1);
    expect(await countRows('payloads')).toBe(1);
    const loaded = await repo.get('keep');
    expect(loaded?.summary.meta).toEqual({ resolution: 4 });
    expect(loaded?.payload.label).toBe('v1');
  }

  function failPayloadPuts(
    fail: (store: IDBObjectStore, args: Parameters<IDBObjectStore['put']>) => IDBRequest,
  ): void {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      return this.name === 'payloads' ? fail(this, args) : put.apply(this, args);
    });
  }

  it('turns a QuotaExceededError into StorageFullError and leaves nothing partial', async () => {
    await putOriginal();
    failPayloadPuts(() => {
      throw quotaError();
    });

    const error: unknown = await repo
      .put({
        name: 'big',
        meta: { resolution: 512 },
        payload: { field: new Float32Array(250_000), label: '' },
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({ name: 'StorageFullError', kind: 'datasets' });
    const { message, requestedBytes } = error as StorageFullError;
    expect(requestedBytes).toBeGreaterThanOrEqual(1_000_000);
    expect(message).toMatch(/about 1 MB/);
    expect(message).toMatch(/Delete old datasets or checkpoints/);
    expect((error as Error).cause).toMatchObject({ name: 'QuotaExceededError' });

    vi.restoreAllMocks();
    await expectOnlyOriginal();
  });

  it('also recognises quota reported only on the aborted transaction, and keeps the old record', async () => {
    await putOriginal();
    const put = IDBObjectStore.prototype.put;
    failPayloadPuts((store, args) => {
      // As Chrome does when it runs out of space at commit: the requests fail with AbortError and
      // only the transaction's error names the quota.
      const request = put.apply(store, args);
      Object.defineProperty(store.transaction, 'error', { value: quotaError(), writable: true });
      store.transaction.abort();
      return request;
    });

    await expect(
      repo.put({
        id: 'keep',
        name: 'keep',
        meta: { resolution: 9 },
        payload: { field: sample(0), label: 'v2' },
      }),
    ).rejects.toThrow(StorageFullError);

    vi.restoreAllMocks();
    await expectOnlyOriginal();
  });

  it('passes other errors through unchanged, still leaving nothing partial', async () => {
    await putOriginal();
    // The strict parser copies only known fields, so use one that keeps the function.
    const lenient = createRepository(db, {
      kind: 'datasets',
      schemaVersion: 2,
      parseMeta: parseFieldMeta,
      parsePayload: (value) => value as FieldPayload,
    });
    const payload = { field: sample(0), label: 'v2', notCloneable: () => 1 };

    const error: unknown = await lenient
      .put({ id: 'keep', name: 'keep', meta: { resolution: 9 }, payload })
      .catch((e: unknown) => e);

    expect(error).not.toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({ name: 'DataCloneError' });
    await expectOnlyOriginal();
  });
});
