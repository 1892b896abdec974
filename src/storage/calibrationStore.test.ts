import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openCalibrationStore } from './calibrationStore';
import { openRawDb, uniqueDbName } from './testDb';
import type { Calibration } from './calibrationTypes';

const calibration: Calibration = {
  key: 'v1 || Chrome || google|swiftshader|| || ANGLE',
  measuredAt: 1_700_000_000_000,
  entries: [{ backend: 'wasm', outcome: 'measured', trainMs: 3, solverMs: 2 }],
  chosen: 'wasm',
};

describe('calibration store', () => {
  it('returns what was stored under the same key, and nothing under another', async () => {
    const name = uniqueDbName();
    const store = await openCalibrationStore(name);
    await store.put(calibration);
    store.close();
    const reopened = await openCalibrationStore(name);
    expect(await reopened.get(calibration.key)).toEqual(calibration);
    expect(await reopened.get('v1 || Firefox || none || none')).toBeUndefined();
    reopened.close();
  });

  it('ignores a malformed row', async () => {
    const name = uniqueDbName();
    (await openCalibrationStore(name)).close();
    const raw = await openRawDb(name);
    await raw.put('calibrations', { key: 'bad', entries: 'nope' });
    raw.close();
    const store = await openCalibrationStore(name);
    expect(await store.get('bad')).toBeUndefined();
    store.close();
  });
});
