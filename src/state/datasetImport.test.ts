/**
 * Importing dataset files (datasetImport.ts): NaN or ±Infinity are kept but marked,
 * with a warning naming where they are, and training refuses them; empty files get a plain answer.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { writeHdf5 } from '../data/io/h5file';
import { encodeNpy } from '../data/io/npy';
import { datasetProblem } from '../ui/panels/train/trainChecks';
import { importDatasetFiles } from './datasetImport';
import { useDatasets } from './datasetsStore';
import { useHdf5Import } from './hdf5ImportStore';
import { labStorage } from './storageStore';

vi.mock('./runtimeStore', () => ({ computeClient: () => ({}) }));

const SHAPE = [4, 2, 8, 8, 1];
const PER_TRAJECTORY = 2 * 8 * 8;

function npyFile(name: string, shape: number[], planted: Record<number, number> = {}): File {
  const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
    Math.sin(i),
  );
  for (const [i, v] of Object.entries(planted)) data[Number(i)] = v;
  return new File([encodeNpy({ data, shape }) as BlobPart], name);
}

const outcome = () => useDatasets.getState().outcome;
const record = (name: string) => useDatasets.getState().records.find((r) => r.name === name);

beforeEach(async () => {
  await (await labStorage()).clearAll();
  useDatasets.setState({ outcome: undefined, records: [] });
});

describe('importing a .npy dataset', () => {
  it('keeps finite data unmarked and trainable', async () => {
    await importDatasetFiles([npyFile('clean.npy', SHAPE)]);
    expect(outcome()).toEqual({ tone: 'info', text: 'Imported “clean.npy” (4 × 2 × 8 × 8 × 1).' });
    expect(record('clean.npy')?.meta.nonFinite).toBeUndefined();
    expect(datasetProblem(record('clean.npy')!.meta, { frames: 2 })).toBeUndefined();
  });

  it('warns about NaN and ±Infinity, saying how many and in which trajectories, and marks it', async () => {
    const planted = {
      [PER_TRAJECTORY + 5]: NaN,
      [PER_TRAJECTORY + 6]: NaN,
      [3 * PER_TRAJECTORY]: Infinity,
    };
    await importDatasetFiles([npyFile('poisoned.npy', SHAPE, planted)]);
    expect(outcome()?.tone).toBe('problem');
    expect(outcome()?.text).toBe(
      'Imported “poisoned.npy” (4 × 2 × 8 × 8 × 1), but 3 values are not finite numbers ' +
        '(2 NaN, 1 +Infinity), in trajectories 1 and 3 (of 4, numbered from 0). It is saved and ' +
        'marked: you can preview it, but the lab will not train a model on it. Replace them in ' +
        'the file (in Python: np.nan_to_num(u), or drop those trajectories) and import it again.',
    );
    // The mark survives storage: it is read back from IndexedDB with the list.
    const saved = record('poisoned.npy');
    expect(saved?.meta.nonFinite).toEqual({
      nan: 2,
      positiveInfinity: 1,
      negativeInfinity: 0,
      trajectories: [1, 3],
    });
    expect(datasetProblem(saved!.meta, { frames: 2 })).toMatch(
      /^This dataset cannot be trained on: 3 values are not finite numbers .* trajectories 1 and 3/,
    );
  });

  it('answers an empty array in plain words: what is wrong with the file and what to do', async () => {
    await importDatasetFiles([npyFile('empty.npy', [0])]);
    expect(outcome()).toEqual({
      tone: 'problem',
      text:
        '“empty.npy” was not imported: The file holds an empty array (shape (0,)): there are ' +
        'no numbers in it to import. It was probably saved before the data was put in. Save ' +
        'the data itself, as an array of shape (trajectories, time steps, x, y, channels) — in ' +
        "Python: np.save('data.npy', u.astype(np.float32)) — and import that file. Nothing else changed.",
    });
    await importDatasetFiles([npyFile('none.npy', [0, 2, 8, 8, 1])]);
    expect(outcome()?.text).toMatch(
      /^“none\.npy” was not imported: The file holds an empty array \(shape \(0, 2, 8, 8, 1\)\)/,
    );
    expect((await (await labStorage()).datasets.list()).records).toEqual([]);
  });
});

describe('importing a foreign HDF5 file', () => {
  it('warns about non-finite values after the axis mapping is confirmed', async () => {
    const shape = [3, 2, 8, 8];
    const data = new Float32Array(3 * PER_TRAJECTORY).fill(0.5);
    data[2 * PER_TRAJECTORY + 1] = -Infinity;
    const bytes = await writeHdf5((file) => {
      file.create_dataset({ name: 'u', data, shape, dtype: '<f' });
    });
    await importDatasetFiles([new File([bytes as BlobPart], 'field.h5')]);
    const pending = useHdf5Import.getState().pending;
    expect(pending?.plan.fields).toEqual(['u']);
    await useHdf5Import.getState().confirm(pending!.plan);
    expect(useHdf5Import.getState().problem).toBeUndefined();
    expect(outcome()?.tone).toBe('problem');
    expect(outcome()?.text).toMatch(
      /^Imported “field\.h5” \(3 × 2 × 8 × 8 × 1\), but 1 value is not a finite number \(1 −Infinity\), in trajectory 2 \(of 3, numbered from 0\)\./,
    );
    expect(record('field.h5')?.meta.nonFinite?.trajectories).toEqual([2]);
  });
});
