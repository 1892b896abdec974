import { formatBytes } from '../../storage/formatBytes';
import { DatasetFormatError } from './errors';
import { formatCount, formatShape } from './text';

/** A dense C-order float32 array: the in-memory form every reader returns and writer takes. */
export interface Float32NdArray {
  data: Float32Array;
  shape: number[];
}

/**
 * The default ceiling on the float32 data a reader will produce (1 GiB). Browsers refuse much
 * larger typed arrays, and h5wasm's heap stops at 2 GiB.
 */
export const DEFAULT_MAX_BYTES = 1024 ** 3;

/** The largest finite float32; float64 values beyond it would silently become ±Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

export type BinaryInput = Uint8Array | ArrayBuffer;

export function asBytes(input: BinaryInput): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** Number of elements of `shape`, refusing shapes whose size JavaScript cannot count exactly. */
export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const size of shape) {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new DatasetFormatError(
        `The array shape (${shape.join(', ')}) is invalid: sizes must be whole numbers ≥ 0.`,
      );
    }
    count *= size;
  }
  if (!Number.isSafeInteger(count)) {
    throw new DatasetFormatError(`The array shape ${formatShape(shape)} is impossibly large.`);
  }
  return count;
}

/** Throws when `count` float32 values would exceed `maxBytes`; checked before anything is read. */
export function checkSizeLimit(count: number, shape: readonly number[], maxBytes: number): void {
  const bytes = count * 4;
  if (bytes > maxBytes) {
    throw new DatasetFormatError(
      `The array (shape ${formatShape(shape)}, ${formatCount(count)} values) needs ` +
        `${formatBytes(bytes)} as float32, more than the ${formatBytes(maxBytes)} this import ` +
        'allows. Export a smaller subset (fewer trajectories or time steps) and try again.',
    );
  }
}

export function float32OverflowError(value: number, index: number): DatasetFormatError {
  return new DatasetFormatError(
    `Value ${value} (element ${formatCount(index)}) is too large for float32 ` +
      `(largest ±${FLOAT32_MAX.toExponential(3)}); rescale the data before importing it.`,
  );
}

export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
