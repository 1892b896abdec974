import { describe, expect, it } from 'vitest';
import { LAB_AXES, checkAxisMapping, labShape, labStrides, scatter } from './axes';
import type { LabAxis } from './axes';
import { DatasetFormatError } from './errors';

/** Reference transpose: element by element through explicit multi-indices. */
function naivePermute(src: Float32Array, shape: number[], axes: LabAxis[]): Float32Array {
  const out = labShape(shape, axes);
  const result = new Float32Array(src.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let j = 0; j < src.length; j++) {
    let rest = j;
    for (let k = shape.length - 1; k >= 0; k--) {
      index[k] = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    let o = 0;
    LAB_AXES.forEach((axis, l) => {
      const k = axes.indexOf(axis);
      o = o * out[l]! + (k < 0 ? 0 : index[k]!);
    });
    result[o] = src[j]!;
  }
  return result;
}

describe('axis mapping', () => {
  it.each<[number[], LabAxis[]]>([
    [
      [2, 3, 4, 5, 2],
      ['N', 'T', 'X', 'Y', 'C'],
    ],
    [
      [3, 4, 5, 2],
      ['T', 'X', 'Y', 'C'],
    ],
    [
      [2, 3, 4, 5],
      ['N', 'T', 'X', 'Y'],
    ],
    [
      [4, 5, 3, 2],
      ['X', 'Y', 'T', 'N'],
    ],
    [
      [2, 5, 3, 4, 3],
      ['C', 'Y', 'T', 'X', 'N'],
    ],
    [
      [1, 1, 1],
      ['Y', 'X', 'T'],
    ],
  ])('permutes shape %j stored as %j into [N, T, X, Y, C]', (shape, axes) => {
    const src = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i);
    const outShape = labShape(shape, axes);
    const out = new Float32Array(src.length);
    scatter(out, 0, src, shape, labStrides(outShape, axes));
    expect(Array.from(out)).toEqual(Array.from(naivePermute(src, shape, axes)));
  });

  it('leaves unmapped N and C at length 1', () => {
    expect(labShape([3, 4, 5], ['T', 'X', 'Y'])).toEqual([1, 3, 4, 5, 1]);
  });

  it.each<[number[], string[], boolean, RegExp]>([
    [[3, 4, 5, 2], ['T', 'X', 'Y'], false, /has 4 axes \(shape 3×4×5×2\), but the mapping names 3/],
    [[3, 4, 5], ['T', 'X', 'X'], false, /Axis X is mapped to more than one/],
    [[3, 4, 5], ['T', 'X', 'Z'], false, /"Z" is not a lab axis/],
    [[3, 4, 5], ['N', 'X', 'Y'], false, /Map a stored axis to T \(time\)/],
    [[2, 3, 4, 5], ['N', 'T', 'X', 'Y'], true, /no stored axis can be N/],
  ])('rejects shape %j mapped as %j', (shape, axes, series, message) => {
    expect(() => checkAxisMapping('u', shape, axes, series)).toThrow(DatasetFormatError);
    expect(() => checkAxisMapping('u', shape, axes, series)).toThrow(message);
  });
});
