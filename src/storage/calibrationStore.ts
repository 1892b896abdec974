/**
 * Remembers backend calibrations per browser and adapter, so the lab measures once, not on every
 * load. Its own small database: it is a cache of measurements, not user data, so "Clear all saved
 * data" leaves it alone, and the lab database's layout does not change for it. Works in workers.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Calibration } from './calibrationTypes';

export const CALIBRATION_DB_NAME = 'pde-lab-calibration';
const STORE = 'calibrations';

interface CalibrationDbSchema extends DBSchema {
  calibrations: { key: string; value: Calibration };
}

export interface CalibrationStore {
  get(key: string): Promise<Calibration | undefined>;
  put(calibration: Calibration): Promise<void>;
  close(): void;
}

export async function openCalibrationStore(
  name: string = CALIBRATION_DB_NAME,
): Promise<CalibrationStore> {
  const db: IDBPDatabase<CalibrationDbSchema> = await openDB<CalibrationDbSchema>(name, 1, {
    upgrade(database) {
      database.createObjectStore(STORE, { keyPath: 'key' });
    },
  });
  return {
    async get(key) {
      const row = await db.get(STORE, key);
      return isCalibration(row) ? row : undefined;
    },
    async put(calibration) {
      await db.put(STORE, calibration);
    },
    close: () => db.close(),
  };
}

/** Rows written by an older lab may lack fields; such a row is measured again. */
function isCalibration(row: unknown): row is Calibration {
  if (typeof row !== 'object' || row === null) return false;
  const candidate = row as Partial<Calibration>;
  return (
    typeof candidate.key === 'string' &&
    typeof candidate.measuredAt === 'number' &&
    Array.isArray(candidate.entries)
  );
}
