import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gridPoints } from '../../pde/grid';
import { HDF5_SCRATCH_DIR, writeHdf5 } from './h5file';
import { decodeDatasetHdf5 } from './hdf5Decode';
import { encodeDatasetHdf5 } from './hdf5Export';
import { inspectHdf5 } from './hdf5Inspect';
import { readHdf5Array, readHdf5Vector } from './hdf5Read';
import { formatError, sampleBundle, sampleMixedMeta } from './testData';

/** Value of element (n, t, x, y, c): every index is visible in the number. */
const value = (n: number, t: number, x: number, y: number, c: number): number =>
  n * 10000 + t * 1000 + x * 100 + y * 10 + c;

/** [N, T, X, Y, C] array filled with `value`. */
function expected([N, T, X, Y, C]: number[]): Float32Array {
  const out: number[] = [];
  for (let n = 0; n < N!; n++)
    for (let t = 0; t < T!; t++)
      for (let x = 0; x < X!; x++)
        for (let y = 0; y < Y!; y++) for (let c = 0; c < C!; c++) out.push(value(n, t, x, y, c));
  return Float32Array.from(out);
}

const [T, X, Y, C] = [3, 4, 5, 2];

const H5PY_BIG_ENDIAN =
  'H4sIAAAAAAACA+v0cHHj5ZLiYgABDg4GFgYBBmTwHwoOcKDyYfIJUJoRSndA6RVMMHFGsJwEVFwQaj66upAgV1eQ6v9oAGaPAQuE5mAYBSMReLg6BoDoCCgflkpPMKGqS0pFTY8eFNrLyMAKMYsRxreA0MwQAZj1zFAamkxxijMDcwJIp6CiPTQtOzCYcDOY/IcqZAWKguSZmJgYIekdknOA1kGT/gE0F2bQNR6C/fxdQDkalg8VmEfT5igYBUMd2D+A0h+g9A8GaOkEpaEFmAM04zvwQGloQewgBKVFoLQYlIZW/A5SUFoGSstBaQUorQillaC0MpRWgdKqUFoNSqtDaAA7Q5k1wAgAAA==';

/** A PDEBench 2D-style file: groups "0000"… with data [T, X, Y, C] and grid/{t,x,y}. */
function pdebenchGrouped(groups: number): Promise<Uint8Array> {
  return writeHdf5((file) => {
    for (let n = 0; n < groups; n++) {
      const group = file.create_group(String(n).padStart(4, '0'));
      const data = expected([1, T, X, Y, C]).map((v) => v + n * 10000);
      group.create_dataset({ name: 'data', data, shape: [T, X, Y, C], dtype: '<f' });
      const grid = group.create_group('grid');
      grid.create_dataset({ name: 't', data: Float32Array.from([0, 0.5, 1]), dtype: '<f' });
      grid.create_dataset({ name: 'x', data: new Float32Array(X), dtype: '<f' });
      grid.create_dataset({ name: 'y', data: new Float32Array(Y), dtype: '<f' });
    }
  });
}

describe('HDF5 export and import', () => {
  it('round-trips a dataset: data, metadata, coordinates and coefficients', async () => {
    const bundle = sampleBundle();
    const bytes = await encodeDatasetHdf5(bundle);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x89, 0x48, 0x44, 0x46]);
    expect(await decodeDatasetHdf5(bytes)).toEqual(bundle);

    const contents = await inspectHdf5(bytes);
    expect(contents.isPdeLabExport).toBe(true);
    expect(contents.series).toEqual([]);
    expect(contents.datasets).toEqual(
      expect.arrayContaining([
        { path: 'data', shape: [3, 4, 5, 5, 2], dtype: '<f4', isFloat: true },
        { path: 't-coordinate', shape: [4], dtype: '<f8', isFloat: true },
        { path: 'x-coordinate', shape: [5], dtype: '<f8', isFloat: true },
        { path: 'y-coordinate', shape: [5], dtype: '<f8', isFloat: true },
        { path: 'coefficients/nu', shape: [3], dtype: '<f8', isFloat: true },
        { path: 'coefficients/forcing', shape: [3], dtype: '<f8', isFloat: true },
      ]),
    );
    expect(await readHdf5Vector(bytes, 't-coordinate')).toEqual(bundle.meta.times);
    expect(await readHdf5Vector(bytes, 'x-coordinate')).toEqual(
      Array.from(gridPoints(bundle.meta.grid)),
    );
    expect(await readHdf5Vector(bytes, 'coefficients/nu')).toEqual(bundle.meta.coefficients.nu);
    // The generic reader sees the same array.
    const generic = await readHdf5Array(bytes, { path: 'data', axes: ['N', 'T', 'X', 'Y', 'C'] });
    expect(generic).toEqual({ data: bundle.data, shape: bundle.shape });
  });

  it('round-trips a mixed dataset: its mix and absent coefficients (NaN)', async () => {
    const bundle = { ...sampleBundle(), meta: sampleMixedMeta() };
    expect(await decodeDatasetHdf5(await encodeDatasetHdf5(bundle))).toEqual(bundle);
  });

  it('refuses to export what the layout cannot hold', async () => {
    const bundle = sampleBundle();
    bundle.meta.channels = ['u,1', 'v'];
    expect(await formatError(encodeDatasetHdf5(bundle))).toMatch(/"u,1" contains a comma/);
    const mismatched = { ...sampleBundle(), shape: [3, 4, 5, 5, 1] };
    expect(await formatError(encodeDatasetHdf5(mismatched))).toMatch(/holds 300 values/);
  });

  it('reads a PDEBench-style grouped file, stacking the groups along N', async () => {
    const bytes = await pdebenchGrouped(3);
    const contents = await inspectHdf5(bytes);
    const groups = ['0000', '0001', '0002'];
    expect(contents.isPdeLabExport).toBe(false);
    expect(contents.datasets).toEqual([]);
    expect(contents.series).toEqual([
      { path: 'data', shape: [T, X, Y, C], dtype: '<f4', isFloat: true, groups },
      { path: 'grid/t', shape: [3], dtype: '<f4', isFloat: true, groups },
      { path: 'grid/x', shape: [X], dtype: '<f4', isFloat: true, groups },
      { path: 'grid/y', shape: [Y], dtype: '<f4', isFloat: true, groups },
    ]);
    const array = await readHdf5Array(bytes, {
      path: 'data',
      series: true,
      axes: ['T', 'X', 'Y', 'C'],
    });
    expect(array.shape).toEqual([3, T, X, Y, C]);
    expect(array.data).toEqual(expected([3, T, X, Y, C]));
    expect(await readHdf5Vector(bytes, '0000/grid/t')).toEqual([0, 0.5, 1]);
  });

  it('reads single-variable [N, T, X, Y] data as C = 1, other axis orders, and stacks variables as channels', async () => {
    const N = 2;
    const single = expected([N, T, X, Y, 1]);
    // The same values stored [X, Y, T, N] (as a MATLAB v7.3 file would hold them).
    const transposed = new Float32Array(single.length);
    let j = 0;
    for (let x = 0; x < X; x++)
      for (let y = 0; y < Y; y++)
        for (let t = 0; t < T; t++)
          for (let n = 0; n < N; n++) transposed[j++] = value(n, t, x, y, 0);
    const bytes = await writeHdf5((file) => {
      file.create_dataset({ name: 'u', data: single, shape: [N, T, X, Y], dtype: '<f' });
      file.create_dataset({
        name: 'v',
        data: Float64Array.from(single, (v) => v + 1),
        shape: [N, T, X, Y],
        dtype: '<d',
      });
      file.create_dataset({ name: 'w', data: transposed, shape: [X, Y, T, N], dtype: '<f' });
    });
    const u = await readHdf5Array(bytes, { path: 'u', axes: ['N', 'T', 'X', 'Y'] });
    expect(u).toEqual({ data: single, shape: [N, T, X, Y, 1] });
    const w = await readHdf5Array(bytes, { path: 'w', axes: ['X', 'Y', 'T', 'N'] });
    expect(w).toEqual({ data: single, shape: [N, T, X, Y, 1] });
    const uv = await readHdf5Array(bytes, { path: ['u', 'v'], axes: ['N', 'T', 'X', 'Y'] });
    expect(uv.shape).toEqual([N, T, X, Y, 2]);
    expect(uv.data.filter((_, i) => i % 2 === 0)).toEqual(single);
    expect(uv.data.filter((_, i) => i % 2 === 1)).toEqual(single.map((v) => v + 1));
  });

  it('reads large datasets in several chunks', async () => {
    // 5 rows of 16 MiB along the first stored axis: read as 4 + 1 rows.
    const shape = [5, 2, 2, 1024, 1024];
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i += 4099) data[i] = i;
    const bytes = await writeHdf5((file) => {
      file.create_dataset({ name: 'data', data, shape, dtype: '<f' });
    });
    const array = await readHdf5Array(bytes, {
      path: 'data',
      axes: ['N', 'C', 'T', 'X', 'Y'],
      maxBytes: 2 * data.byteLength,
    });
    expect(array.shape).toEqual([5, 2, 1024, 1024, 2]);
    const [, , x, y, c] = array.shape as [number, number, number, number, number];
    for (let i = 0; i < data.length; i += 4099 * 37) {
      // Stored (n, c, t, x, y) → lab (n, t, x, y, c).
      const iy = i % y;
      const ix = Math.floor(i / y) % x;
      const it = Math.floor(i / (x * y)) % 2;
      const ic = Math.floor(i / (2 * x * y)) % c;
      const n = Math.floor(i / (2 * c * x * y));
      expect(array.data[(((n * 2 + it) * x + ix) * y + iy) * c + ic]).toBe(data[i]);
    }
  });

  it('reads a big-endian float64 dataset written by h5py', async () => {
    // h5py: f['be'] = (np.arange(24) * 0.5).reshape(2, 3, 4).astype('>f8'), gzipped, base64'd.
    const gzipped = Uint8Array.from(atob(H5PY_BIG_ENDIAN), (c) => c.charCodeAt(0));
    const bytes = gunzipSync(gzipped);
    expect((await inspectHdf5(bytes)).datasets).toEqual([
      { path: 'be', shape: [2, 3, 4], dtype: '>f8', isFloat: true },
    ]);
    const array = await readHdf5Array(bytes, { path: 'be', axes: ['T', 'X', 'Y'] });
    expect(array.shape).toEqual([1, 2, 3, 4, 1]);
    expect(Array.from(array.data)).toEqual(Array.from({ length: 24 }, (_, i) => i * 0.5));
  });

  it('rejects garbage, missing datasets, wrong types, ranks and sizes with clear messages', async () => {
    const grouped = await pdebenchGrouped(2);
    const plain = await writeHdf5((file) => {
      file.create_dataset({
        name: 'labels',
        data: new Int32Array(6),
        shape: [1, 2, 3],
        dtype: '<i',
      });
      file.create_dataset({ name: 'u', data: new Float32Array(60), shape: [3, 4, 5], dtype: '<f' });
    });
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251);
    expect(await formatError(inspectHdf5(garbage))).toMatch(/not an HDF5 file/);
    expect(await formatError(inspectHdf5(new Uint8Array(0)))).toBe('The file is empty.');
    expect(await formatError(inspectHdf5(grouped.subarray(0, 1200)))).toMatch(
      /^The HDF5 file is truncated: it has 1,200 bytes, but its header says \d{1,3},\d{3} \(/,
    );
    expect(await formatError(inspectHdf5(grouped.subarray(0, 20)))).toMatch(/header is cut off/);
    const badVersion = grouped.slice();
    badVersion[8] = 9;
    // HDF5 prints a diagnostic trace to stderr here; the error is still ours.
    expect(await formatError(inspectHdf5(badVersion))).toMatch(
      /could not be opened: it is damaged/,
    );
    const axes = ['T', 'X', 'Y'] as const;
    expect(await formatError(readHdf5Array(plain, { path: 'nope', axes }))).toBe(
      'The file has no dataset "nope" (it has "labels", "u", …).',
    );
    expect(await formatError(readHdf5Array(grouped, { path: '0000', axes }))).toMatch(
      /"0000" is a group, not a dataset/,
    );
    expect(await formatError(readHdf5Array(plain, { path: 'labels', axes }))).toMatch(
      /"labels" holds 32-bit signed integers \('<i4'\); PDE Lab imports float32 or float64/,
    );
    expect(
      await formatError(readHdf5Array(grouped, { path: '0000/data', axes: ['T', 'X', 'Y'] })),
    ).toMatch(/"0000\/data" has 4 axes \(shape 3×4×5×2\), but the mapping names 3/);
    expect(
      await formatError(readHdf5Array(plain, { path: 'u', series: true, axes: ['T', 'X', 'Y'] })),
    ).toMatch(/no numbered groups/);
    expect(
      await formatError(
        readHdf5Array(grouped, {
          path: 'data',
          series: true,
          axes: ['T', 'X', 'Y', 'C'],
          maxBytes: 100,
        }),
      ),
    ).toMatch(/shape 2×3×4×5×2, 240 values\) needs 960 B as float32, more than the 100 B/);
    expect(await formatError(decodeDatasetHdf5(grouped))).toMatch(/not exported by PDE Lab/);
    expect(await formatError(readHdf5Vector(plain, 'u'))).toMatch(/should be a list of numbers/);
  });

  it('leaves no files or open handles in h5wasm’s file system', async () => {
    const { FS } = await (await import('h5wasm')).ready;
    const openStreams = (): number =>
      (FS as unknown as { streams: unknown[] }).streams.filter(Boolean).length;
    const before = openStreams();
    const bytes = await encodeDatasetHdf5(sampleBundle());
    await decodeDatasetHdf5(bytes);
    await inspectHdf5(bytes);
    await readHdf5Array(bytes, { path: 'nope', axes: ['T', 'X', 'Y'] }).catch(() => undefined);
    const damaged = bytes.slice();
    damaged[8] = 9;
    await inspectHdf5(damaged).catch(() => undefined);
    await writeHdf5(() => {
      throw new Error('writer failed');
    }).catch(() => undefined);
    expect(openStreams()).toBe(before);
    expect(FS.readdir(HDF5_SCRATCH_DIR)).toEqual(['.', '..']);
  });
});
