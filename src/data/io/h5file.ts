/**
 * Opening HDF5 bytes with h5wasm, and making HDF5 bytes with it. h5wasm works on files in its
 * Emscripten in-memory file system; these helpers give each call a scratch file there and always
 * close and delete it, so nothing accumulates in the worker's memory.
 */
import type * as H5wasmModule from 'h5wasm';
import { DatasetFormatError } from './errors';
import type { BinaryInput } from './ndarray';
import { asBytes } from './ndarray';
import { hdf5SignatureOffset } from './signatures';
import { formatCount } from './text';

export type H5wasm = typeof H5wasmModule;
export type H5File = H5wasmModule.File;
type H5FileSystem = Awaited<H5wasm['ready']>['FS'];

/** Where scratch files live in h5wasm's file system (exported for leak checks in tests). */
export const HDF5_SCRATCH_DIR = '/pde-lab-io';

let loading: Promise<{ h5: H5wasm; fs: H5FileSystem }> | undefined;
let scratchCounter = 0;

/**
 * h5wasm (4 MB with its WebAssembly inlined) is imported on first use, so bundles that never
 * touch HDF5 do not load it.
 */
function loadH5wasm(): Promise<{ h5: H5wasm; fs: H5FileSystem }> {
  loading ??= import('h5wasm')
    .then(async (h5) => ({ h5, fs: (await h5.ready).FS }))
    .catch((error: unknown) => {
      loading = undefined;
      throw new Error('The HDF5 library (h5wasm) could not be loaded.', { cause: error });
    });
  return loading;
}

function scratchPath(fs: H5FileSystem): string {
  if (!fs.analyzePath(HDF5_SCRATCH_DIR).exists) fs.mkdir(HDF5_SCRATCH_DIR);
  scratchCounter += 1;
  return `${HDF5_SCRATCH_DIR}/${scratchCounter}.h5`;
}

/**
 * The file size the superblock records (its end-of-file address), or undefined when it cannot
 * be read. Checking it here gives a clear message for the commonest damage, a cut-off download,
 * where HDF5 itself would only print a diagnostic trace.
 */
function recordedSize(bytes: Uint8Array, start: number): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  if (view.byteLength < 16) return undefined;
  const version = view.getUint8(8);
  const offsetSize = view.getUint8(version <= 1 ? 13 : 9);
  if (offsetSize !== 4 && offsetSize !== 8) return undefined;
  // Base address, then (v0/v1) free-space address or (v2/v3) superblock-extension address, then EOF.
  const addresses = version === 0 ? 24 : version === 1 ? 28 : 12;
  const at = addresses + 2 * offsetSize;
  if (at + offsetSize > view.byteLength) return Number.POSITIVE_INFINITY;
  const eof = offsetSize === 4 ? view.getUint32(at, true) : Number(view.getBigUint64(at, true));
  const undefinedAddress = offsetSize === 4 ? 0xffffffff : Number(0xffffffffffffffffn);
  return eof === undefinedAddress ? undefined : eof;
}

/**
 * Opens `input` read-only and runs `read` on it. Errors h5wasm raises while reading (a damaged
 * file) become DatasetFormatErrors.
 */
export async function readHdf5<T>(
  input: BinaryInput,
  read: (file: H5File, h5: H5wasm) => T,
): Promise<T> {
  const bytes = asBytes(input);
  const start = hdf5SignatureOffset(bytes);
  if (start < 0) {
    throw new DatasetFormatError(
      bytes.length === 0
        ? 'The file is empty.'
        : 'This is not an HDF5 file: it lacks the HDF5 signature (.h5, .hdf5 and MATLAB v7.3 ' +
            '.mat files have it).',
    );
  }
  const size = recordedSize(bytes, start);
  if (size !== undefined && bytes.length < size) {
    throw new DatasetFormatError(
      `The HDF5 file is truncated: it has ${formatCount(bytes.length)} bytes, but its header ` +
        (Number.isFinite(size) ? `says ${formatCount(size)}` : 'is cut off') +
        ' (an interrupted download or copy?).',
    );
  }
  const { h5, fs } = await loadH5wasm();
  const path = scratchPath(fs);
  try {
    const stream = fs.open(path, 'w');
    try {
      // canOwn: the file system keeps a view of `bytes` instead of copying a possibly huge file.
      fs.write(stream, bytes, 0, bytes.length, 0, true);
    } finally {
      fs.close(stream);
    }
    const file = new h5.File(path, 'r');
    if (file.file_id < 0n) {
      throw new DatasetFormatError(
        'The HDF5 file could not be opened: it is damaged or truncated (an interrupted download?).',
      );
    }
    try {
      return read(file, h5);
    } finally {
      file.close();
    }
  } catch (error) {
    if (error instanceof DatasetFormatError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetFormatError(`The HDF5 file could not be read (${reason}).`, { cause: error });
  } finally {
    if (fs.analyzePath(path).exists) fs.unlink(path);
  }
}

/** Creates an HDF5 file, lets `write` fill it, and returns its bytes. */
export async function writeHdf5(write: (file: H5File, h5: H5wasm) => void): Promise<Uint8Array> {
  const { h5, fs } = await loadH5wasm();
  const path = scratchPath(fs);
  try {
    const file = new h5.File(path, 'w');
    try {
      write(file, h5);
    } finally {
      file.close();
    }
    return fs.readFile(path);
  } finally {
    if (fs.analyzePath(path).exists) fs.unlink(path);
  }
}
