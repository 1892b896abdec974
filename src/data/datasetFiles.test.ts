import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from './io/errors';
import { encodeNpy } from './io/npy';
import { exportDataset, importDataset } from './datasetFiles';

const bundle = {
  data: Float32Array.from({ length: 2 * 3 * 4 * 4 * 1 }, (_, i) => Math.sin(i)),
  shape: [2, 3, 4, 4, 1],
  meta: {
    equation: 'heat',
    scheme: 'spectral',
    seed: 3,
    grid: { n: 4, length: 2, origin: -1 },
    times: [0, 0.1, 0.2],
    channels: ['u'],
    coefficients: { nu: [0.01, 0.02] },
    split: { train: 1, val: 1, test: 0 },
  },
};

describe('dataset files', () => {
  it.each(['zip', 'hdf5'] as const)('round-trips through %s exactly', async (format) => {
    const [file] = await exportDataset(bundle, 'heat data', format);
    expect(file!.name).toBe(format === 'zip' ? 'heat_data.zip' : 'heat_data.h5');
    const back = await importDataset(file!.bytes, file!.name);
    expect(back.data).toEqual(bundle.data);
    expect(back.shape).toEqual(bundle.shape);
    expect(back.meta).toEqual(bundle.meta);
  });

  it('exports .npy with a metadata sidecar and imports a bare .npy with a neutral description', async () => {
    const files = await exportDataset(bundle, 'x', 'npy');
    expect(files.map((f) => f.name)).toEqual(['x.npy', 'x.json']);
    const back = await importDataset(files[0]!.bytes, 'x.npy');
    expect(back.data).toEqual(bundle.data);
    expect(back.meta).toMatchObject({ equation: 'imported', channels: ['c0'], times: [0, 1, 2] });
  });

  it('imports a .npy with its .json sidecar exactly, and checks the sidecar against the array', async () => {
    const [npy, json] = await exportDataset(bundle, 'x', 'npy');
    const sidecar = new TextDecoder().decode(json!.bytes);
    const back = await importDataset(npy!.bytes, 'x.npy', undefined, sidecar);
    expect(back.meta).toEqual(bundle.meta);
    const wrong = sidecar.replace('"train": 1', '"train": 2');
    await expect(importDataset(npy!.bytes, 'x.npy', undefined, wrong)).rejects.toThrow(
      DatasetFormatError,
    );
    await expect(importDataset(npy!.bytes, 'x.npy', undefined, '{')).rejects.toThrow(
      /not valid JSON/,
    );
  });

  it('rejects garbage, wrong ranks and truncated files with clear errors', async () => {
    await expect(importDataset(new TextEncoder().encode('hello'), 'notes.txt')).rejects.toThrow(
      /not a dataset file/,
    );
    const flat = encodeNpy({ data: new Float32Array(6), shape: [2, 3] });
    await expect(importDataset(flat, 'flat.npy')).rejects.toThrow(/needs 5 axes/);
    const full = encodeNpy({ data: bundle.data, shape: bundle.shape });
    await expect(
      importDataset(full.subarray(0, full.length - 10), 'cut.npy'),
    ).rejects.toBeInstanceOf(DatasetFormatError);
  });
});
