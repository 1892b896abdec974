/**
 * Mapping a stored array's axes onto the lab's [N, T, X, Y, C] layout, and the strided copy that
 * performs the permutation.
 */
import { DatasetFormatError } from './errors';
import { FLOAT32_MAX, float32OverflowError } from './ndarray';
import { formatShape } from './text';

export const LAB_AXES = ['N', 'T', 'X', 'Y', 'C'] as const;
export type LabAxis = (typeof LAB_AXES)[number];

const AXIS_WORDS: Record<LabAxis, string> = {
  N: 'N (trajectories)',
  T: 'T (time)',
  X: 'X',
  Y: 'Y',
  C: 'C (channels)',
};

/**
 * Checks that `axes` names a lab axis for each stored axis of `shape`, none twice, with T, X and
 * Y present. N and C may be left out (they become length 1); with `nFromGroups` the trajectories
 * come from numbered groups, so no stored axis may be N.
 */
export function checkAxisMapping(
  name: string,
  shape: readonly number[],
  axes: readonly string[],
  nFromGroups = false,
): asserts axes is readonly LabAxis[] {
  if (axes.length !== shape.length) {
    throw new DatasetFormatError(
      `"${name}" has ${shape.length} axes (shape ${formatShape(shape)}), but the mapping names ` +
        `${axes.length} (${axes.join(', ') || 'none'}): give one lab axis per stored axis.`,
    );
  }
  for (const axis of axes) {
    if (!(LAB_AXES as readonly string[]).includes(axis)) {
      throw new DatasetFormatError(`"${axis}" is not a lab axis; use ${LAB_AXES.join(', ')}.`);
    }
    if (axes.indexOf(axis) !== axes.lastIndexOf(axis)) {
      throw new DatasetFormatError(`Axis ${axis} is mapped to more than one stored axis.`);
    }
  }
  const missing = (['T', 'X', 'Y'] as const).filter((axis) => !axes.includes(axis));
  if (missing.length > 0) {
    throw new DatasetFormatError(
      `Map a stored axis to ${missing.map((a) => AXIS_WORDS[a]).join(', ')}: every dataset ` +
        'needs time and both space axes.',
    );
  }
  if (nFromGroups && axes.includes('N')) {
    throw new DatasetFormatError(
      'The trajectories come from the numbered groups, so no stored axis can be N.',
    );
  }
}

/** The [N, T, X, Y, C] shape of a stored block; unmapped axes have length 1. */
export function labShape(shape: readonly number[], axes: readonly LabAxis[]): number[] {
  return LAB_AXES.map((axis) => {
    const k = axes.indexOf(axis);
    return k < 0 ? 1 : (shape[k] ?? 1);
  });
}

/** For each stored axis, its stride in a C-order array of shape `outShape` ([N, T, X, Y, C]). */
export function labStrides(outShape: readonly number[], axes: readonly LabAxis[]): number[] {
  const strides = new Array<number>(LAB_AXES.length);
  let stride = 1;
  for (let k = LAB_AXES.length - 1; k >= 0; k--) {
    strides[k] = stride;
    stride *= outShape[k] ?? 1;
  }
  return axes.map((axis) => strides[LAB_AXES.indexOf(axis)] ?? 0);
}

/**
 * Copies the C-order block `src` (shape `srcShape`) into `out`, element (i0, i1, …) landing at
 * `base + Σ ik·strides[k]`. float64 values outside the float32 range are refused, not turned
 * into ±Infinity.
 */
export function scatter(
  out: Float32Array,
  base: number,
  src: Float32Array | Float64Array,
  srcShape: readonly number[],
  strides: readonly number[],
): void {
  const rank = srcShape.length;
  if (rank === 0) {
    out[base] = src[0] as number;
    return;
  }
  const inner = srcShape[rank - 1] as number;
  const innerStride = strides[rank - 1] as number;
  if (inner === 0 || src.length === 0) return;
  const rows = src.length / inner;
  const index = new Array<number>(rank - 1).fill(0);
  const checkRange = src instanceof Float64Array;
  let offset = base;
  let j = 0;
  for (let row = 0; row < rows; row++) {
    let o = offset;
    if (checkRange) {
      for (let i = 0; i < inner; i++, o += innerStride, j++) {
        const value = src[j] as number;
        if (Math.abs(value) > FLOAT32_MAX && Number.isFinite(value)) {
          throw float32OverflowError(value, j);
        }
        out[o] = value;
      }
    } else {
      for (let i = 0; i < inner; i++, o += innerStride) out[o] = src[j++] as number;
    }
    // Advance the multi-index over the outer axes, odometer style.
    for (let k = rank - 2; k >= 0; k--) {
      const size = srcShape[k] as number;
      const stride = strides[k] as number;
      const next = (index[k] ?? 0) + 1;
      offset += stride;
      if (next < size) {
        index[k] = next;
        break;
      }
      index[k] = 0;
      offset -= stride * size;
    }
  }
}
