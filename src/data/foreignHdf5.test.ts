import { describe, expect, it } from 'vitest';
import { exportDataset, importDataset, NeedsAxisMappingError } from './datasetFiles';
import { importForeignHdf5 } from './foreignHdf5';
import { checkForeignPlan } from './foreignHdf5Check';
import type { ForeignHdf5Plan } from './foreignHdf5Plan';
import { guessAxes, proposeForeignPlan, replanAxes, replanFields } from './foreignHdf5Propose';
import { DatasetFormatError } from './io/errors';
import { writeHdf5 } from './io/h5file';
import { inspectHdf5 } from './io/hdf5Inspect';
import { formatError, sampleBundle } from './io/testData';

/** Value of element (n, t, x, y, c) of the lab array: every index is visible in the number. */
const value = (n: number, t: number, x: number, y: number, c: number): number =>
  n * 10000 + t * 1000 + x * 100 + y * 10 + c;

/** A C-order array of `shape` whose element at index i holds f(i). */
function filled(shape: readonly number[], f: (index: number[]) => number): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  const index = shape.map(() => 0);
  for (let j = 0; j < out.length; j++) {
    out[j] = f(index);
    for (let k = shape.length - 1; k >= 0; k--) {
      index[k] = (index[k] ?? 0) + 1;
      if ((index[k] ?? 0) < (shape[k] ?? 0)) break;
      index[k] = 0;
    }
  }
  return out;
}

const [T, X, C] = [3, 4, 2];
const DX = 2 / X;
/** Cell centres on [−1, 1], as PDEBench stores them (float32). */
const CENTRES = Float32Array.from({ length: X }, (_, i) => -1 + DX / 2 + i * DX);
const TIMES = Float32Array.from([0, 0.05, 0.1]);

/** PDEBench 2D diffusion–reaction: groups "0000"… holding data [T, X, Y, C] and grid/{x,y,t}. */
function diffReactFile(groups: number): Promise<Uint8Array> {
  return writeHdf5((file) => {
    for (let n = 0; n < groups; n++) {
      const group = file.create_group(String(n).padStart(4, '0'));
      const data = filled([T, X, X, C], ([t, x, y, c]) => value(n, t!, x!, y!, c!));
      group.create_dataset({ name: 'data', data, shape: [T, X, X, C], dtype: '<f' });
      const grid = group.create_group('grid');
      grid.create_dataset({ name: 'x', data: CENTRES, dtype: '<f' });
      grid.create_dataset({ name: 'y', data: CENTRES, dtype: '<f' });
      grid.create_dataset({ name: 't', data: TIMES, dtype: '<f' });
    }
  });
}

const CFD_ORDER = ['density', 'Vx', 'Vy', 'pressure'];

/**
 * PDEBench 2D compressible NS: density, Vx, Vy, pressure each [N, T, X, Y] at the root (variable
 * k holds value(…, c = k)), coordinates beside them; `times` is the t-coordinate.
 */
function cfdFile(n: number, times: ArrayLike<number>): Promise<Uint8Array> {
  return writeHdf5((file) => {
    CFD_ORDER.forEach((name, k) => {
      const data = filled([n, T, X, X], ([i, t, x, y]) => value(i!, t!, x!, y!, k));
      file.create_dataset({ name, data, shape: [n, T, X, X], dtype: '<f' });
    });
    file.create_dataset({ name: 'x-coordinate', data: CENTRES, dtype: '<f' });
    file.create_dataset({ name: 'y-coordinate', data: CENTRES, dtype: '<f' });
    file.create_dataset({ name: 't-coordinate', data: Float32Array.from(times), dtype: '<f' });
  });
}

describe('importing foreign HDF5 files', () => {
  it('proposes and imports PDEBench’s per-group layout (2D diffusion–reaction)', async () => {
    const bytes = await diffReactFile(3);
    const contents = await inspectHdf5(bytes);
    const plan = proposeForeignPlan(contents, '2D_diff-react_NA_NA.h5');
    expect(plan).toEqual({
      fields: ['data'],
      series: true,
      axes: ['T', 'X', 'Y', 'C'],
      channels: ['u', 'v'],
      coordinates: { x: '0000/grid/x', y: '0000/grid/y', t: '0000/grid/t' },
      split: { val: 0, test: 0 },
      name: '2D_diff-react_NA_NA.h5',
      equation: 'diffusion-reaction',
      layout: expect.stringMatching(/^PDEBench 2D, one trajectory per numbered group/),
    });
    expect(checkForeignPlan(contents, plan)).toEqual({
      shape: [3, T, X, X, C],
      available: 3,
      problem: undefined,
    });

    const { bundle, notes } = await importForeignHdf5(bytes, plan);
    expect(notes).toEqual([]);
    expect(bundle.shape).toEqual([3, T, X, X, C]);
    expect(bundle.data).toEqual(
      filled(bundle.shape, ([n, t, x, y, c]) => value(n!, t!, x!, y!, c!)),
    );
    expect(bundle.meta).toEqual({
      equation: 'diffusion-reaction',
      scheme: 'imported',
      seed: 0,
      // The lab's points origin + i·length/n are the file's cell centres.
      grid: { n: X, length: 2, origin: -0.75 },
      times: [0, 0.05, 0.1],
      channels: ['u', 'v'],
      coefficients: {},
      split: { train: 3, val: 0, test: 0 },
    });
  });

  it('limits the trajectories and splits off validation and test ones', async () => {
    const bytes = await diffReactFile(4);
    const contents = await inspectHdf5(bytes);
    const plan: ForeignHdf5Plan = {
      ...proposeForeignPlan(contents, 'seeds.h5'),
      trajectoryLimit: 3,
      split: { val: 1, test: 1 },
      name: 'three seeds',
    };
    expect(plan.channels).toEqual(['data_0', 'data_1']);
    expect(plan.equation).toBe('imported');
    const { bundle, notes } = await importForeignHdf5(bytes, plan);
    expect(notes).toEqual(['Read the first 3 of 4 trajectories.']);
    expect(bundle.shape).toEqual([3, T, X, X, C]);
    expect(bundle.data).toEqual(
      filled(bundle.shape, ([n, t, x, y, c]) => value(n!, t!, x!, y!, c!)),
    );
    expect(bundle.meta.split).toEqual({ train: 1, val: 1, test: 1 });
  });

  it('proposes and imports PDEBench’s compressible NS layout, variables as channels', async () => {
    // PDEBench's t-coordinate may hold one value more than the frames.
    const bytes = await cfdFile(2, [0, 0.05, 0.1, 0.15]);
    const contents = await inspectHdf5(bytes);
    const plan = proposeForeignPlan(
      contents,
      '2D_CFD_Rand_M0.1_Eta0.1_Zeta0.1_periodic_128_Train.hdf5',
    );
    expect(plan).toMatchObject({
      fields: CFD_ORDER,
      series: false,
      axes: ['N', 'T', 'X', 'Y'],
      channels: CFD_ORDER,
      coordinates: { x: 'x-coordinate', y: 'y-coordinate', t: 't-coordinate' },
      equation: 'compressible-ns',
      layout: expect.stringMatching(/compressible Navier–Stokes/),
    });
    expect(plan.trajectoryLimit).toBeUndefined();
    const { bundle, notes } = await importForeignHdf5(bytes, plan);
    expect(bundle.shape).toEqual([2, T, X, X, 4]);
    expect(bundle.data).toEqual(
      filled(bundle.shape, ([n, t, x, y, c]) => value(n!, t!, x!, y!, c!)),
    );
    expect(bundle.meta.times).toEqual([0, 0.05, 0.1]);
    expect(bundle.meta.channels).toEqual(CFD_ORDER);
    expect(notes).toEqual([
      '"t-coordinate" has one value more than there are frames: its first 3 are used.',
    ]);

    // Limited along N (axis 0 here): only the first trajectory is read.
    const one = await importForeignHdf5(bytes, { ...plan, trajectoryLimit: 1 });
    expect(one.bundle.shape).toEqual([1, T, X, X, 4]);
    expect(one.bundle.data).toEqual(bundle.data.subarray(0, bundle.data.length / 2));
  });

  it('guesses a layout it does not know from the shapes, and reads N from any stored axis', async () => {
    const N = 3;
    // PDEArena-like variables (float64), and one more stored [X, Y, T, N] as MATLAB writes it.
    const bytes = await writeHdf5((file) => {
      for (const [k, name] of ['u', 'vx'].entries()) {
        const data = Float64Array.from(
          filled([N, T, X, X], ([n, t, x, y]) => value(n!, t!, x!, y!, k)),
        );
        file.create_dataset({ name, data, shape: [N, T, X, X], dtype: '<d' });
      }
      const reversed = filled([X, X, T, N], ([x, y, t, n]) => value(n!, t!, x!, y!, 0));
      file.create_dataset({ name: 'w', data: reversed, shape: [X, X, T, N], dtype: '<f' });
      file.create_dataset({ name: 't', data: Float64Array.from([0, 1, 0.5]), dtype: '<d' });
      const uneven = Float64Array.from([0, 0.1, 0.3, 0.6]);
      file.create_dataset({ name: 'x', data: uneven, dtype: '<d' });
    });
    const contents = await inspectHdf5(bytes);
    const plan = proposeForeignPlan(contents, 'smoke.h5');
    expect(plan).toMatchObject({
      fields: ['u', 'vx'],
      series: false,
      axes: ['N', 'T', 'X', 'Y'],
      channels: ['u', 'vx'],
      coordinates: { x: 'x', t: 't' },
      equation: 'imported',
    });
    expect(plan.layout).toBeUndefined();
    const { bundle, notes } = await importForeignHdf5(bytes, plan);
    expect(bundle.data).toEqual(
      filled([N, T, X, X, 2], ([n, t, x, y, c]) => value(n!, t!, x!, y!, c!)),
    );
    expect(bundle.meta.grid).toEqual({ n: X, length: 1, origin: 0 });
    expect(bundle.meta.times).toEqual([0, 1, 2]);
    expect(notes).toEqual([
      '"x" is not evenly spaced and increasing: the grid is the unit square.',
      '"t" does not increase: the times are frame indices.',
    ]);

    const w = { ...plan, fields: ['w'], axes: guessAxes([X, X, T, N], false), channels: ['w'] };
    expect(w.axes).toEqual(['X', 'Y', 'T', 'N']);
    const limited = await importForeignHdf5(bytes, { ...w, trajectoryLimit: 2 });
    expect(limited.bundle.shape).toEqual([2, T, X, X, 1]);
    expect(limited.bundle.data).toEqual(
      filled([2, T, X, X, 1], ([n, t, x, y]) => value(n!, t!, x!, y!, 0)),
    );
  });

  it('guesses the usual axis orders', () => {
    expect(guessAxes([100, 21, 64, 64], false)).toEqual(['N', 'T', 'X', 'Y']);
    expect(guessAxes([101, 128, 128, 2], true)).toEqual(['T', 'X', 'Y', 'C']);
    expect(guessAxes([128, 128, 101], true)).toEqual(['X', 'Y', 'T']);
    expect(guessAxes([8, 20, 32, 32, 2], false)).toEqual(['N', 'T', 'X', 'Y', 'C']);
    expect(guessAxes([1200, 64, 64, 50], false)).toEqual(['N', 'X', 'Y', 'T']); // FNO
    expect(guessAxes([1200, 64, 64, 10, 4], false)).toEqual(['N', 'X', 'Y', 'T', 'C']); // DPOT
    expect(guessAxes([64, 64, 50, 1200], false)).toEqual(['X', 'Y', 'T', 'N']); // MATLAB v7.3
    expect(guessAxes([21, 64, 64], false)).toEqual(['T', 'X', 'Y']);
    expect(guessAxes([10, 5, 96, 192], false)).toEqual(['N', 'T', 'X', 'Y']); // not square
  });

  it('re-plans axes and channel names as the user changes fields and axes', async () => {
    const bytes = await cfdFile(2, [0, 0.05, 0.1]);
    const contents = await inspectHdf5(bytes);
    const plan = proposeForeignPlan(contents, 'cfd.h5');
    const two = replanFields(contents, plan, ['density', 'pressure'], false);
    expect(two).toMatchObject({
      fields: ['density', 'pressure'],
      channels: ['density', 'pressure'],
    });
    expect(two.axes).toEqual(plan.axes);
    // A hand-made mapping survives a field change that keeps the shape.
    const swapped = replanAxes(contents, plan, ['T', 'N', 'X', 'Y']);
    expect(swapped.channels).toBe(plan.channels);
    expect(replanFields(contents, swapped, ['Vx'], false).axes).toEqual(['T', 'N', 'X', 'Y']);
    // Another shape gets a fresh guess; mapping a stored axis to C renames the channels.
    const coordinate = replanFields(contents, plan, ['x-coordinate'], false);
    expect(coordinate.axes).toEqual(guessAxes([X], false));
    const asChannels = replanAxes(contents, two, ['C', 'T', 'X', 'Y']);
    expect(asChannels.channels).toEqual(['density_0', 'density_1', 'pressure_0', 'pressure_1']);
    expect(checkForeignPlan(contents, asChannels).shape).toEqual([1, T, X, X, 4]);

    const grouped = await inspectHdf5(await diffReactFile(2));
    const seriesPlan = proposeForeignPlan(grouped, '2D_diff-react_NA_NA.h5');
    expect(replanFields(grouped, seriesPlan, ['data'], true).channels).toEqual([
      'data_0',
      'data_1',
    ]);
  });

  it('rejects wrong mappings, types, shapes and sizes with clear messages', async () => {
    const bytes = await cfdFile(2, [0, 0.05, 0.1]);
    const contents = await inspectHdf5(bytes);
    const plan = proposeForeignPlan(contents, 'cfd.h5');
    const problem = (edit: Partial<ForeignHdf5Plan>, maxBytes?: number) =>
      checkForeignPlan(contents, { ...plan, ...edit }, maxBytes).problem;

    const twice = { axes: ['T', 'T', 'X', 'Y'] as ForeignHdf5Plan['axes'] };
    expect(problem(twice)).toBe('Axis T is mapped to more than one stored axis.');
    expect(await formatError(importForeignHdf5(bytes, { ...plan, ...twice }))).toBe(
      'Axis T is mapped to more than one stored axis.',
    );
    expect(problem({ axes: ['N', 'T', 'X'] })).toMatch(
      /^"density" has 4 axes \(shape 2×3×4×4\), but the mapping names 3/,
    );
    expect(problem({ axes: ['N', 'C', 'X', 'Y'] })).toMatch(/^Map a stored axis to T \(time\)/);
    const notSquare = { axes: ['X', 'T', 'N', 'Y'] as ForeignHdf5Plan['axes'] };
    expect(checkForeignPlan(contents, { ...plan, ...notSquare }).shape).toEqual([4, 3, 2, 4, 4]);
    expect(problem(notSquare)).toMatch(
      /^The lab needs a square grid \(X = Y\), but X has 2 points and Y has 4/,
    );
    expect(problem({ fields: [] })).toBe('Choose the dataset(s) holding the field.');
    expect(problem({ fields: ['density', 'x-coordinate'] })).toMatch(
      /"x-coordinate" has shape 4 but "density" has 2×3×4×4: datasets stacked as channels/,
    );
    expect(problem({ fields: ['nope'] })).toBe('The file has no dataset "nope".');
    expect(problem({ channels: ['a', 'b'] })).toBe(
      'The result has 4 channels but 2 names are given: name each channel once.',
    );
    expect(problem({ channels: ['a', 'b', 'a', 'c'] })).toBe('The channel name "a" is used twice.');
    expect(problem({ split: { val: 1, test: 1 } })).toMatch(/^Keep at least one trajectory/);
    expect(problem({ trajectoryLimit: 0 })).toMatch(/trajectory limit should be a whole number/);
    expect(problem({ name: ' ' })).toBe('Give the dataset a name.');
    // One trajectory is 3·4·4·4 float32 = 768 B.
    expect(problem({}, 1000)).toBe(
      'The result (2×3×4×4×4) needs 1.5 kB as float32, more than the 1 kB this import allows: ' +
        'set the trajectory limit to 1 or fewer.',
    );
    expect(problem({ trajectoryLimit: 1 }, 1000)).toBeUndefined();
    expect(proposeForeignPlan(contents, 'cfd.h5', 1000).trajectoryLimit).toBe(1);

    const ints = await writeHdf5((file) => {
      const data = new Int32Array(2 * T * X * X);
      file.create_dataset({ name: 'labels', data, shape: [2, T, X, X], dtype: '<i' });
    });
    const intContents = await inspectHdf5(ints);
    const intPlan = { ...plan, fields: ['labels'], channels: ['labels'] };
    expect(checkForeignPlan(intContents, intPlan).problem).toBe(
      `"labels" holds '<i4' values; PDE Lab imports float32 or float64 datasets.`,
    );
    // Nothing to import: the proposal is empty, and the check says why and what would work.
    const empty = proposeForeignPlan(intContents, 'labels.h5');
    expect(empty.fields).toEqual([]);
    expect(checkForeignPlan(intContents, empty).problem).toMatch(
      /^No dataset in this file can be imported: .* "labels" holds 32-bit signed integers, not floating-point numbers\. Save the field/,
    );
  });

  it('importDataset hands foreign HDF5 to the mapping step and still reads its own files', async () => {
    const bytes = await diffReactFile(2);
    let error: unknown;
    await importDataset(bytes, '2D_rdb_NA_NA.h5', 5000).catch((e: unknown) => (error = e));
    expect(error).toBeInstanceOf(NeedsAxisMappingError);
    const needs = error as NeedsAxisMappingError;
    expect(needs).toBeInstanceOf(DatasetFormatError);
    expect(needs.message).toMatch(/“2D_rdb_NA_NA.h5” is an HDF5 file PDE Lab did not write/);
    expect(needs.bytes).toBe(bytes);
    expect(needs.maxBytes).toBe(5000);
    expect(needs.contents.series.map((s) => s.path)).toContain('data');
    expect(needs.plan).toMatchObject({ fields: ['data'], equation: 'shallow-water' });
    // data [T, X, Y, C]: one trajectory is 3·4·4·2 float32 = 384 B, so 13 fit in 5000 B.
    expect(needs.plan.trajectoryLimit).toBeUndefined();
    expect(proposeForeignPlan(needs.contents, 'x.h5', 500).trajectoryLimit).toBe(1);

    const [own] = await exportDataset(sampleBundle(), 'own', 'hdf5');
    expect(await importDataset(own!.bytes, own!.name)).toEqual(sampleBundle());
  });
});
