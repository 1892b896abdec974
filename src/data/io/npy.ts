/**
 * The NumPy .npy format (NEP 1): a magic string, a Python-literal header dict padded so the data
 * starts on a 64-byte boundary, then the raw array. Writes float32 little-endian C-order arrays
 * byte-for-byte as numpy.save does; reads float32 and float64 (either byte order) as float32.
 */
import { DatasetFormatError } from './errors';
import type { BinaryInput, Float32NdArray } from './ndarray';
import {
  DEFAULT_MAX_BYTES,
  FLOAT32_MAX,
  HOST_LITTLE_ENDIAN,
  asBytes,
  checkSizeLimit,
  elementCount,
  float32OverflowError,
} from './ndarray';
import { PythonLiteralError, isPyDict, parsePythonLiteral } from './pyLiteral';
import { detectDatasetFormat } from './signatures';
import type { PyValue } from './pyLiteral';
import { describeValue, formatCount, formatShape, plural } from './text';

const MAGIC = '\x93NUMPY';
const ALIGNMENT = 64;
/** numpy pads the header so the first dimension can grow to 21 digits without rewriting it. */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** numpy refuses headers above 10,000 bytes by default; this is looser but still bounded. */
const MAX_HEADER_BYTES = 1_000_000;
const HEADER_KEYS = ['descr', 'fortran_order', 'shape'];

export interface NpyReadOptions {
  /** Refuse arrays whose float32 data would exceed this many bytes (default 1 GiB). */
  maxBytes?: number;
}

interface NpyDtype {
  itemSize: 4 | 8;
  littleEndian: boolean;
}

export function encodeNpy({ data, shape }: Float32NdArray): Uint8Array {
  const count = elementCount(shape);
  if (count !== data.length) {
    throw new DatasetFormatError(
      `Cannot write .npy: shape ${formatShape(shape)} holds ${plural(count, 'value')}, ` +
        `but ${plural(data.length, 'value')} were given.`,
    );
  }
  const header = npyHeaderDict(shape);
  const newlineLength = 1;
  let version = 1;
  let prefixLength = MAGIC.length + 4;
  let padding = ALIGNMENT - ((prefixLength + header.length + newlineLength) % ALIGNMENT);
  if (header.length + newlineLength + padding > 0xffff) {
    version = 2;
    prefixLength = MAGIC.length + 6;
    padding = ALIGNMENT - ((prefixLength + header.length + newlineLength) % ALIGNMENT);
  }
  const headerLength = header.length + padding + newlineLength;
  const out = new Uint8Array(prefixLength + headerLength + data.byteLength);
  const view = new DataView(out.buffer);
  writeAscii(out, 0, MAGIC);
  out[6] = version;
  out[7] = 0;
  if (version === 1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  writeAscii(out, prefixLength, `${header}${' '.repeat(padding)}\n`);
  const dataOffset = prefixLength + headerLength;
  if (HOST_LITTLE_ENDIAN) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataOffset);
  } else {
    data.forEach((value, i) => view.setFloat32(dataOffset + 4 * i, value, true));
  }
  return out;
}

/** The header dict exactly as numpy's `repr`-based writer produces it (keys sorted). */
function npyHeaderDict(shape: readonly number[]): string {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  if (shape.length === 0) return dict;
  return dict + ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length));
}

function writeAscii(out: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
}

export function decodeNpy(input: BinaryInput, options: NpyReadOptions = {}): Float32NdArray {
  const bytes = asBytes(input);
  checkMagic(bytes);
  const { text, dataOffset } = readHeaderText(bytes);
  const { dtype, shape } = parseHeader(text);
  const count = elementCount(shape);
  checkSizeLimit(count, shape, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const expected = count * dtype.itemSize;
  const available = bytes.length - dataOffset;
  const typeName = dtype.itemSize === 4 ? 'float32' : 'float64';
  if (available < expected) {
    throw new DatasetFormatError(
      `The file ends after ${formatCount(bytes.length)} bytes, but its header promises ` +
        `${formatCount(expected)} bytes of ${typeName} data (shape ${formatShape(shape)}) after ` +
        `the ${formatCount(dataOffset)}-byte header: the file is truncated ` +
        '(an interrupted download or copy?).',
    );
  }
  if (available > expected) {
    throw new DatasetFormatError(
      `The file has ${formatCount(available - expected)} bytes more than its header describes ` +
        `(${formatCount(expected)} bytes of ${typeName} data, shape ${formatShape(shape)}): ` +
        'it is corrupt or not a plain .npy array.',
    );
  }
  return { data: toFloat32(bytes, dataOffset, count, dtype), shape };
}

function checkMagic(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new DatasetFormatError('The file is empty.');
  const format = detectDatasetFormat(bytes);
  if (format === 'zip') {
    throw new DatasetFormatError(
      'This is a zip archive (an .npz or a PDE Lab .zip export?), not a .npy file.',
    );
  }
  if (format === 'hdf5') {
    throw new DatasetFormatError('This is an HDF5 file, not a .npy file: import it as HDF5.');
  }
  if (format !== 'npy') {
    throw new DatasetFormatError(
      'This is not a .npy file: it does not start with the "\\x93NUMPY" signature that ' +
        'numpy.save writes.',
    );
  }
}

function readHeaderText(bytes: Uint8Array): { text: string; dataOffset: number } {
  const major = bytes[6];
  const minor = bytes[7];
  if (major === undefined || minor === undefined) throw truncatedHeader(bytes.length);
  if (minor !== 0 || (major !== 1 && major !== 2 && major !== 3)) {
    throw new DatasetFormatError(
      `This .npy file uses format version ${major}.${minor}, which PDE Lab cannot read ` +
        '(it reads versions 1.0, 2.0 and 3.0).',
    );
  }
  const prefixLength = major === 1 ? 10 : 12;
  if (bytes.length < prefixLength) throw truncatedHeader(bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, prefixLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new DatasetFormatError(
      `The .npy header claims to be ${formatCount(headerLength)} bytes long, far more than any ` +
        'array needs: the file is corrupt.',
    );
  }
  const dataOffset = prefixLength + headerLength;
  if (bytes.length < dataOffset) throw truncatedHeader(bytes.length, dataOffset);
  const headerBytes = bytes.subarray(prefixLength, dataOffset);
  if (major === 3) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(headerBytes), dataOffset };
    } catch {
      throw new DatasetFormatError('The .npy header is not valid UTF-8 text: the file is corrupt.');
    }
  }
  // Versions 1 and 2 are latin-1: one character per byte.
  let text = '';
  for (const b of headerBytes) text += String.fromCharCode(b);
  return { text, dataOffset };
}

function truncatedHeader(length: number, headerEnd?: number): DatasetFormatError {
  const promised =
    headerEnd === undefined ? '' : ` (the header should end at byte ${formatCount(headerEnd)})`;
  return new DatasetFormatError(
    `The file ends after ${plural(length, 'byte')}, inside the .npy header${promised}: ` +
      'it is truncated.',
  );
}

function parseHeader(text: string): { dtype: NpyDtype; shape: number[] } {
  let header: PyValue;
  try {
    header = parsePythonLiteral(text);
  } catch (error) {
    if (!(error instanceof PythonLiteralError)) throw error;
    throw new DatasetFormatError(
      `The .npy header is not readable (${error.message} of ${JSON.stringify(snippet(text))}): ` +
        'the file is corrupt or was not written by numpy.',
    );
  }
  if (!isPyDict(header)) {
    throw new DatasetFormatError(
      `The .npy header should be a dictionary, but it is ${describeValue(header)}.`,
    );
  }
  const missing = HEADER_KEYS.filter((key) => !(key in header));
  const extra = Object.keys(header).filter((key) => !HEADER_KEYS.includes(key));
  if (missing.length > 0 || extra.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`lacks ${missing.map((k) => `'${k}'`).join(', ')}`] : []),
      ...(extra.length > 0 ? [`has unexpected ${extra.map((k) => `'${k}'`).join(', ')}`] : []),
    ];
    throw new DatasetFormatError(
      `The .npy header ${problems.join(' and ')} (it should have exactly 'descr', ` +
        "'fortran_order' and 'shape').",
    );
  }
  const dtype = parseDescr(header.descr ?? null);
  if (typeof header.fortran_order !== 'boolean') {
    throw new DatasetFormatError(
      `The .npy header's 'fortran_order' should be True or False, not ` +
        `${describeValue(header.fortran_order)}.`,
    );
  }
  if (header.fortran_order) {
    throw new DatasetFormatError(
      'The array is stored in Fortran (column-major) order; PDE Lab reads C-order arrays only. ' +
        'In Python: np.save(path, np.ascontiguousarray(arr)).',
    );
  }
  const shape = header.shape;
  if (!Array.isArray(shape) || !shape.every((n) => typeof n === 'number')) {
    throw new DatasetFormatError(
      `The .npy header's 'shape' should be a tuple of whole numbers, not ${describeValue(shape)}.`,
    );
  }
  return { dtype, shape: shape as number[] };
}

function snippet(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text.trimEnd();
}

const DTYPE_KINDS: Record<string, string> = {
  b: 'booleans',
  i: 'signed integers',
  u: 'unsigned integers',
  f: 'floating-point numbers',
  c: 'complex numbers',
  U: 'text strings',
  S: 'byte strings',
  a: 'byte strings',
  O: 'Python objects',
  M: 'dates',
  m: 'time intervals',
  V: 'raw bytes',
};

function parseDescr(descr: PyValue): NpyDtype {
  if (Array.isArray(descr)) {
    throw new DatasetFormatError(
      'The array has named fields (a structured dtype); PDE Lab reads plain float arrays. ' +
        "In Python, save one field: np.save(path, arr['u'].astype(np.float32)).",
    );
  }
  if (typeof descr !== 'string') {
    throw new DatasetFormatError(
      `The .npy header's 'descr' should be a dtype string such as '<f4', not ` +
        `${describeValue(descr)}.`,
    );
  }
  const match = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  const [, order = '', kind = '', size = ''] = match ?? [];
  if (kind === 'f' && (size === '4' || size === '8') && (order === '<' || order === '>')) {
    return { itemSize: size === '4' ? 4 : 8, littleEndian: order === '<' };
  }
  const bits = size !== '' && 'iufc'.includes(kind) ? `${Number(size) * 8}-bit ` : '';
  const what = DTYPE_KINDS[kind] ? `${bits}${DTYPE_KINDS[kind]}` : 'an unknown type';
  throw new DatasetFormatError(
    `The array holds ${what} (dtype '${descr}'); PDE Lab reads float32 ('<f4') or float64 ` +
      "('<f8') arrays. In Python: np.save(path, arr.astype(np.float32)).",
  );
}

function toFloat32(
  bytes: Uint8Array,
  offset: number,
  count: number,
  dtype: NpyDtype,
): Float32Array {
  if (dtype.itemSize === 4 && dtype.littleEndian === HOST_LITTLE_ENDIAN) {
    // Copy into a fresh, 4-byte-aligned buffer (Node's Buffer.slice would not copy).
    const out = new Float32Array(count);
    new Uint8Array(out.buffer).set(bytes.subarray(offset, offset + count * 4));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * dtype.itemSize);
  const out = new Float32Array(count);
  const le = dtype.littleEndian;
  if (dtype.itemSize === 4) {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, le);
    return out;
  }
  for (let i = 0; i < count; i++) {
    const value = view.getFloat64(8 * i, le);
    if (Math.abs(value) > FLOAT32_MAX && Number.isFinite(value)) {
      throw float32OverflowError(value, i);
    }
    out[i] = value;
  }
  return out;
}
