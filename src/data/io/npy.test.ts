import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from './errors';
import { decodeNpy, encodeNpy } from './npy';

/** A .npy file with an arbitrary header text and payload, padded like numpy's. */
function npyFile(header: string, payload: Uint8Array, version = 1): Uint8Array<ArrayBuffer> {
  const prefix = version === 1 ? 10 : 12;
  const padded =
    header.padEnd(Math.ceil((prefix + header.length + 1) / 64) * 64 - prefix - 1) + '\n';
  const out = new Uint8Array(prefix + padded.length + payload.length);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  out.set(new TextEncoder().encode(padded), prefix);
  out.set(payload, prefix + padded.length);
  return out;
}

const header = (descr: string, shape: string, fortran = 'False'): string =>
  `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

function floats(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
}

function errorOf(run: () => unknown): DatasetFormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetFormatError);
    return error as DatasetFormatError;
  }
  throw new Error('expected a DatasetFormatError');
}

describe('encodeNpy / decodeNpy', () => {
  it.each([[[2, 3]], [[5]], [[]], [[0, 4]], [[2, 3, 4, 5, 1]], [[1, 1, 7]], [[3, 16, 8, 8, 2]]])(
    'round-trips shape %j exactly',
    (shape) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const data = floats(n);
      data[0] = n > 0 ? -0 : 0;
      if (n > 2) data[1] = NaN;
      const decoded = decodeNpy(encodeNpy({ data, shape }));
      expect(decoded.shape).toEqual(shape);
      expect(Array.from(decoded.data)).toEqual(Array.from(data));
      expect(decoded.data.buffer).not.toBe(data.buffer);
    },
  );

  it('writes the exact bytes numpy.save writes for a (2, 3) float32 array', () => {
    const data = Float32Array.from([0, 1, 2, 3, 4, 5]);
    const bytes = encodeNpy({ data, shape: [2, 3] });
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    // numpy pads to a multiple of 64 bytes: 10-byte prefix + 118-byte header = 128.
    const expectedHeader = '\x93NUMPY\x01\x00' + 'v\x00' + dict.padEnd(117, ' ') + '\n';
    expect(expectedHeader).toHaveLength(128);
    expect(String.fromCharCode(...bytes.subarray(0, 128))).toBe(expectedHeader);
    expect(bytes).toHaveLength(128 + 24);
    expect(Array.from(new Float32Array(bytes.slice(128).buffer))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('starts the data on a 64-byte boundary whatever the shape', () => {
    for (const shape of [[1], [12345678, 0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const bytes = encodeNpy({ data: new Float32Array(n), shape });
      expect((bytes.length - 4 * n) % 64).toBe(0);
      expect(bytes[bytes.length - 4 * n - 1]).toBe(0x0a);
    }
  });

  it('refuses to write a shape that does not match the data', () => {
    expect(errorOf(() => encodeNpy({ data: new Float32Array(5), shape: [2, 3] })).message).toBe(
      'Cannot write .npy: shape 2×3 holds 6 values, but 5 values were given.',
    );
  });

  it('reads float64 (as float32), big-endian data and version 2 and 3 headers', () => {
    const f64 = new Uint8Array(16);
    new DataView(f64.buffer).setFloat64(0, 1.5, true);
    new DataView(f64.buffer).setFloat64(8, -1e-3, true);
    expect(Array.from(decodeNpy(npyFile(header('<f8', '(2,)'), f64)).data)).toEqual([
      1.5,
      Math.fround(-1e-3),
    ]);
    const be = new Uint8Array(8);
    new DataView(be.buffer).setFloat32(0, 2.25, false);
    new DataView(be.buffer).setFloat32(4, -7, false);
    expect(decodeNpy(npyFile(header('>f4', '(1, 2)'), be))).toEqual({
      data: Float32Array.from([2.25, -7]),
      shape: [1, 2],
    });
    const le = new Uint8Array(Float32Array.from([3, 4]).buffer);
    expect(decodeNpy(npyFile(header('<f4', '(2,)'), le, 2)).shape).toEqual([2]);
    expect(decodeNpy(npyFile(header('<f4', '(2,)'), le, 3)).shape).toEqual([2]);
    // Python 2's numpy: long literals and keys in another order.
    const py2 = "{'shape': (2L,), 'fortran_order': False, 'descr': '<f4'}";
    expect(decodeNpy(npyFile(py2, le)).shape).toEqual([2]);
    expect(decodeNpy(npyFile(header('<f4', '(2,)'), le).buffer)).toEqual({
      data: Float32Array.from([3, 4]),
      shape: [2],
    });
  });

  it('reads a file that is a view into a larger, unaligned buffer', () => {
    const file = encodeNpy({ data: Float32Array.from([1, 2, 3]), shape: [3] });
    const big = new Uint8Array(file.length + 20).fill(0xff);
    big.set(file, 7);
    expect(Array.from(decodeNpy(big.subarray(7, 7 + file.length)).data)).toEqual([1, 2, 3]);
  });

  it('refuses float64 values that float32 cannot hold', () => {
    const f64 = new Uint8Array(8);
    new DataView(f64.buffer).setFloat64(0, 1e300, true);
    expect(errorOf(() => decodeNpy(npyFile(header('<f8', '(1,)'), f64))).message).toMatch(
      /1e\+300 .* too large for float32/,
    );
  });
});

describe('decodeNpy rejects malformed files with a useful message', () => {
  const good = (): Uint8Array => encodeNpy({ data: floats(6), shape: [2, 3] });

  it('bad magic', () => {
    const bytes = good();
    bytes[1] = 0x4d;
    expect(errorOf(() => decodeNpy(bytes)).message).toMatch(/not a \.npy file.*\\x93NUMPY/);
    expect(errorOf(() => decodeNpy(new Uint8Array(0))).message).toBe('The file is empty.');
    expect(errorOf(() => decodeNpy(new TextEncoder().encode('PK\x03\x04...'))).message).toMatch(
      /zip archive/,
    );
  });

  it('unsupported version', () => {
    const bytes = good();
    bytes[6] = 4;
    expect(errorOf(() => decodeNpy(bytes)).message).toMatch(/format version 4\.0/);
  });

  it('truncated data, with sizes and shape in the message', () => {
    const bytes = encodeNpy({ data: new Float32Array(4 * 64 * 64), shape: [4, 64, 64] });
    expect(errorOf(() => decodeNpy(bytes.subarray(0, 1024))).message).toBe(
      'The file ends after 1,024 bytes, but its header promises 65,536 bytes of float32 data ' +
        '(shape 4×64×64) after the 128-byte header: the file is truncated (an interrupted ' +
        'download or copy?).',
    );
  });

  it('truncated header', () => {
    expect(errorOf(() => decodeNpy(good().subarray(0, 40))).message).toMatch(
      /ends after 40 bytes, inside the \.npy header \(the header should end at byte 128\)/,
    );
    expect(errorOf(() => decodeNpy(good().subarray(0, 8))).message).toMatch(
      /inside the .npy header/,
    );
  });

  it('extra bytes after the data', () => {
    const bytes = new Uint8Array(good().length + 3);
    bytes.set(good());
    expect(errorOf(() => decodeNpy(bytes)).message).toMatch(/3 bytes more than its header/);
  });

  it.each([
    ['<i4', /32-bit signed integers \(dtype '<i4'\)/],
    ['|u1', /8-bit unsigned integers \(dtype '\|u1'\)/],
    ['<f2', /16-bit floating-point numbers/],
    ['<c8', /complex numbers/],
    ['|O', /Python objects/],
    ['|b1', /booleans/],
  ])('wrong dtype %s', (descr, message) => {
    const error = errorOf(() => decodeNpy(npyFile(header(descr, '(2,)'), new Uint8Array(16))));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/astype\(np\.float32\)/);
  });

  it('structured dtype', () => {
    const dict = "{'descr': [('u', '<f4'), ('v', '<f4')], 'fortran_order': False, 'shape': (1,), }";
    expect(errorOf(() => decodeNpy(npyFile(dict, new Uint8Array(8)))).message).toMatch(
      /named fields/,
    );
  });

  it('fortran order', () => {
    const file = npyFile(header('<f4', '(2, 3)', 'True'), new Uint8Array(24));
    expect(errorOf(() => decodeNpy(file)).message).toMatch(/Fortran \(column-major\) order/);
  });

  it.each([
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ", /not readable \(expected/],
    [
      "{'descr': '<f4' 'fortran_order': False}",
      /expected ',' or '}' but found "'" at character 17/,
    ],
    ['garbage!', /not readable/],
    ["['descr', '<f4']", /should be a dictionary/],
    ["{'descr': '<f4', 'shape': (2,)}", /lacks 'fortran_order'/],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", /unexpected 'x'/],
    ["{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}", /'fortran_order' should be True/],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': 'big'}", /'shape' should be a tuple/],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1)}", /sizes must be whole numbers/],
  ])('header garbage: %s', (text, message) => {
    expect(errorOf(() => decodeNpy(npyFile(text, new Uint8Array(8)))).message).toMatch(message);
  });

  it('oversized arrays are refused from the header, before reading data', () => {
    const bytes = npyFile(header('<f4', '(100000, 100000)'), new Uint8Array(0));
    expect(errorOf(() => decodeNpy(bytes)).message).toMatch(
      /shape 100000×100000, 10,000,000,000 values\) needs 40 GB as float32, more than the 1.1 GB/,
    );
    expect(() => decodeNpy(good(), { maxBytes: 23 })).toThrow(/more than the 23 B this import/);
    expect(decodeNpy(good(), { maxBytes: 24 }).shape).toEqual([2, 3]);
  });
});
