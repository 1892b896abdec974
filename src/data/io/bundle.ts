import { DatasetFormatError } from './errors';
import type { DatasetMeta } from './meta';
import { trajectoryCount } from './meta';
import type { Float32NdArray } from './ndarray';
import { elementCount } from './ndarray';
import { formatShape, plural } from './text';

/** A whole dataset as files carry it: the [N, T, X, Y, C] array and its metadata. */
export interface DatasetBundle extends Float32NdArray {
  meta: DatasetMeta;
}

/**
 * Throws DatasetFormatError, in words for the person who chose the file, when the array holds no
 * values at all (an axis of length 0): there is nothing to import.
 */
export function checkHasValues(shape: readonly number[]): void {
  if (!shape.includes(0)) return;
  const python = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  throw new DatasetFormatError(
    `The file holds an empty array (shape ${python}): there are no numbers in it to import. ` +
      'It was probably saved before the data was put in. Save the data itself, as an array ' +
      'of shape (trajectories, time steps, x, y, channels) — in Python: ' +
      "np.save('data.npy', u.astype(np.float32)) — and import that file.",
  );
}

/** Throws DatasetFormatError unless the array is [N, T, X, Y, C] and agrees with its metadata. */
export function checkBundle({ data, shape, meta }: DatasetBundle): void {
  checkHasValues(shape);
  if (shape.length !== 5) {
    throw new DatasetFormatError(
      `A dataset array should have 5 axes [N, T, X, Y, C], but it has shape ${formatShape(shape)}.`,
    );
  }
  const count = elementCount(shape);
  if (count !== data.length) {
    throw new DatasetFormatError(
      `The shape ${formatShape(shape)} holds ${plural(count, 'value')}, but the data has ` +
        `${plural(data.length, 'value')}.`,
    );
  }
  const [n, t, x, y, c] = shape;
  const mismatches: string[] = [];
  const expect = (axis: string, actual: number | undefined, wanted: number, why: string): void => {
    if (actual !== wanted) mismatches.push(`${axis} is ${actual} but ${why} ${wanted}`);
  };
  expect('N', n, trajectoryCount(meta), 'the split counts add up to');
  expect('T', t, meta.times.length, 'the times list has length');
  expect('X', x, meta.grid.n, 'the grid has n =');
  expect('Y', y, meta.grid.n, 'the grid has n =');
  expect('C', c, meta.channels.length, 'the channel list has length');
  if (mismatches.length > 0) {
    throw new DatasetFormatError(
      `The array (shape ${formatShape(shape)}) does not match its metadata: ` +
        `${mismatches.join('; ')}.`,
    );
  }
}
