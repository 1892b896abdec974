import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from './errors';
import { stringifyDatasetMeta } from './meta';
import { encodeNpy } from './npy';
import { sampleBundle } from './testData';
import { decodeDatasetZip, encodeDatasetZip } from './zip';

describe('dataset zip archive', () => {
  it('round-trips data, shape and metadata', () => {
    const bundle = sampleBundle();
    const zip = encodeDatasetZip(bundle);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['data.npy', 'meta.json']);
    expect(decodeDatasetZip(zip)).toEqual(bundle);
    expect(decodeDatasetZip(encodeDatasetZip(bundle, { level: 9 })).data).toEqual(bundle.data);
  });

  it('accepts the files inside one folder (an archive re-zipped by hand)', () => {
    const bundle = sampleBundle();
    const zip = zipSync({
      'my-dataset/': {
        'data.npy': encodeNpy(bundle),
        'meta.json': strToU8(stringifyDatasetMeta(bundle.meta)),
      },
      '__MACOSX/my-dataset/._data.npy': new Uint8Array(4),
    });
    expect(decodeDatasetZip(zip).shape).toEqual(bundle.shape);
  });

  it('rejects what is not a dataset archive', () => {
    const bundle = sampleBundle();
    const cases: [Uint8Array, RegExp][] = [
      [strToU8('hello'), /not a zip archive/],
      [encodeDatasetZip(bundle).subarray(0, 100), /damaged or unsupported/],
      [zipSync({ 'meta.json': strToU8('{}') }), /has no data\.npy/],
      [
        zipSync({ 'data.npy': encodeNpy(bundle), 'meta.json': strToU8('{"equation": 1') }),
        /^In meta\.json: The dataset metadata is not valid JSON/,
      ],
      [
        zipSync({
          'data.npy': encodeNpy(bundle).subarray(0, 500),
          'meta.json': strToU8(stringifyDatasetMeta(bundle.meta)),
        }),
        /^In data\.npy: The file ends after 500 bytes/,
      ],
      [
        zipSync({
          'data.npy': encodeNpy({ data: new Float32Array(6), shape: [2, 3] }),
          'meta.json': strToU8(stringifyDatasetMeta(bundle.meta)),
        }),
        /should have 5 axes/,
      ],
      [
        zipSync({ a: { 'data.npy': new Uint8Array(1) }, b: { 'data.npy': new Uint8Array(1) } }),
        /several data\.npy files \(a\/data\.npy, b\/data\.npy\)/,
      ],
    ];
    for (const [bytes, message] of cases) {
      expect(() => decodeDatasetZip(bytes)).toThrow(DatasetFormatError);
      expect(() => decodeDatasetZip(bytes)).toThrow(message);
    }
  });

  it('refuses oversized entries before inflating them', () => {
    const bomb = zipSync({ 'data.npy': [new Uint8Array(3_000_000), { level: 9 }] });
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => decodeDatasetZip(bomb, { maxBytes: 100 })).toThrow(
      'data.npy in the zip archive unpacks to 3,000,000 bytes, more than the 1,048,776 this ' +
        'import allows.',
    );
    const zip = encodeDatasetZip(sampleBundle());
    expect(() => decodeDatasetZip(zip, { maxBytes: 1000 })).toThrow(
      /^In data\.npy: The array \(shape 3×4×5×5×2, 600 values\) needs 2.4 kB as float32/,
    );
  });
});
