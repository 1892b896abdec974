/** An HDF5 file with nothing importable as a field: the import step says why, dataset by dataset. */
import { describe, expect, it } from 'vitest';
import { importDataset, NeedsAxisMappingError } from './datasetFiles';
import { checkForeignPlan } from './foreignHdf5Check';
import { noFieldProblem, whyNotField } from './foreignHdf5Plan';
import { writeHdf5 } from './io/h5file';

async function mappingStep(bytes: Uint8Array): Promise<NeedsAxisMappingError> {
  const error = await importDataset(bytes, 'labels.h5').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NeedsAxisMappingError);
  return error as NeedsAxisMappingError;
}

describe('an HDF5 file with no usable float field', () => {
  it('says why nothing can be imported and what would work', async () => {
    const bytes = await writeHdf5((file) => {
      file.create_dataset({
        name: 'labels',
        data: Int32Array.from({ length: 4 * 8 * 8 }, (_, i) => i),
        shape: [4, 8, 8],
        dtype: '<i4',
      });
      file.create_dataset({ name: 'x', data: new Float64Array(8), dtype: '<d' });
    });
    const { contents, plan } = await mappingStep(bytes);
    expect(plan.fields).toEqual([]);
    expect(checkForeignPlan(contents, plan).problem).toBe(
      'No dataset in this file can be imported: a field needs floating-point values (float32 or ' +
        'float64) with at least 3 axes: time and two space axes. Here, "labels" holds 32-bit ' +
        'signed integers, not floating-point numbers; "x" has only 1 axis. Save the field that ' +
        'way (for example as float32 with axes [N, T, X, Y]) and import that file.',
    );
  });

  it('keeps asking to tick a field when the file has one', async () => {
    const bytes = await writeHdf5((file) => {
      file.create_dataset({
        name: 'u',
        data: new Float32Array(2 * 3 * 4 * 4),
        shape: [2, 3, 4, 4],
        dtype: '<f',
      });
    });
    const { contents, plan } = await mappingStep(bytes);
    expect(noFieldProblem(contents)).toBeUndefined();
    expect(checkForeignPlan(contents, { ...plan, fields: [] }).problem).toBe(
      'Choose the dataset(s) holding the field.',
    );
  });

  it('names each reason a dataset cannot be a field', () => {
    const info = (dtype: string, shape: number[], isFloat = false) => ({
      path: 'd',
      dtype,
      shape,
      isFloat,
    });
    expect(whyNotField(info('<f4', [2, 3, 4], true))).toBeUndefined();
    expect(whyNotField(info('<f2', [2, 3, 4]))).toBe(
      'holds 16-bit floats, and PDE Lab reads only 32- and 64-bit floats',
    );
    expect(whyNotField(info('string', [3]))).toBe('holds text, not floating-point numbers');
    expect(whyNotField(info('<f8', [], true))).toBe('is a single value');
    expect(whyNotField(info('<f8', [5, 5], true))).toBe('has only 2 axes');
    expect(noFieldProblem({ isPdeLabExport: false, datasets: [], series: [] })).toMatch(
      /^Nothing to import: this file holds no datasets/,
    );
  });
});
