/**
 * The portable dataset archive: data.npy (the [N, T, X, Y, C] float32 array) and meta.json.
 * Python reads it with `z = np.load('dataset.zip'); z['data']; json.loads(z['meta.json'])` or
 * with zipfile.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Unzipped, ZipOptions } from 'fflate';
import { checkBundle } from './bundle';
import type { DatasetBundle } from './bundle';
import { DatasetFormatError } from './errors';
import { parseDatasetMetaJson, stringifyDatasetMeta } from './meta';
import type { BinaryInput } from './ndarray';
import { DEFAULT_MAX_BYTES, asBytes } from './ndarray';
import { decodeNpy, encodeNpy } from './npy';
import { isZip } from './signatures';
import { formatCount } from './text';

export const ZIP_DATA_ENTRY = 'data.npy';
export const ZIP_META_ENTRY = 'meta.json';

/** meta.json holds a few numbers per trajectory; anything near this size is not ours. */
const MAX_META_BYTES = 64 * 1024 ** 2;
/** Room for the .npy header on top of the data when screening entry sizes before inflating. */
const NPY_HEADER_ALLOWANCE = 1024 ** 2;

export interface DatasetZipOptions {
  /**
   * Deflate level for data.npy. 0 (the default) stores it: simulation floats shrink little and
   * compressing a large array would hold the worker for seconds.
   */
  level?: ZipOptions['level'];
}

export interface DatasetZipReadOptions {
  /** Refuse arrays whose float32 data would exceed this many bytes (default 1 GiB). */
  maxBytes?: number;
}

export function encodeDatasetZip(
  bundle: DatasetBundle,
  options: DatasetZipOptions = {},
): Uint8Array {
  checkBundle(bundle);
  return zipSync({
    [ZIP_META_ENTRY]: [strToU8(stringifyDatasetMeta(bundle.meta)), { level: 6 }],
    [ZIP_DATA_ENTRY]: [encodeNpy(bundle), { level: options.level ?? 0 }],
  });
}

export function decodeDatasetZip(
  input: BinaryInput,
  options: DatasetZipReadOptions = {},
): DatasetBundle {
  const bytes = asBytes(input);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isZip(bytes)) {
    throw new DatasetFormatError(
      `This is not a zip archive: PDE Lab's dataset archives contain ${ZIP_DATA_ENTRY} and ` +
        `${ZIP_META_ENTRY}.`,
    );
  }
  const entries = unzipEntries(bytes, maxBytes);
  const dataBytes = findEntry(entries, ZIP_DATA_ENTRY);
  const metaBytes = findEntry(entries, ZIP_META_ENTRY);
  const meta = withEntryName(ZIP_META_ENTRY, () => parseDatasetMetaJson(strFromU8(metaBytes)));
  const array = withEntryName(ZIP_DATA_ENTRY, () => decodeNpy(dataBytes, { maxBytes }));
  const bundle = { ...array, meta };
  checkBundle(bundle);
  return bundle;
}

/** Inflates only our two entries, after checking their declared sizes (a zip bomb stops here). */
function unzipEntries(bytes: Uint8Array, maxBytes: number): Unzipped {
  try {
    return unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        if (name.startsWith('__MACOSX/')) return false;
        const base = name.slice(name.lastIndexOf('/') + 1);
        // float64 data takes twice the bytes of the float32 it becomes.
        const limit =
          base === ZIP_DATA_ENTRY
            ? 2 * maxBytes + NPY_HEADER_ALLOWANCE
            : base === ZIP_META_ENTRY
              ? MAX_META_BYTES
              : undefined;
        if (limit === undefined) return false;
        if (originalSize > limit) {
          throw new DatasetFormatError(
            `${name} in the zip archive unpacks to ${formatCount(originalSize)} bytes, more than ` +
              `the ${formatCount(limit)} this import allows.`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DatasetFormatError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetFormatError(`The zip archive is damaged or unsupported (${reason}).`, {
      cause: error,
    });
  }
}

function findEntry(entries: Unzipped, base: string): Uint8Array {
  const names = Object.keys(entries).filter((name) => name === base || name.endsWith(`/${base}`));
  const [name] = names;
  if (name === undefined) {
    throw new DatasetFormatError(
      `The zip archive has no ${base}; a PDE Lab dataset archive contains ${ZIP_DATA_ENTRY} and ` +
        `${ZIP_META_ENTRY}.`,
    );
  }
  if (names.length > 1) {
    throw new DatasetFormatError(
      `The zip archive has several ${base} files (${names.join(', ')}); keep one dataset per ` +
        'archive.',
    );
  }
  return entries[name] ?? new Uint8Array(0);
}

function withEntryName<T>(entry: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof DatasetFormatError)) throw error;
    throw new DatasetFormatError(`In ${entry}: ${error.message}`, { cause: error });
  }
}
