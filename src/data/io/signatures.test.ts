import { describe, expect, it } from 'vitest';
import { encodeNpy } from './npy';
import { detectDatasetFormat } from './signatures';
import { encodeDatasetZip } from './zip';
import { sampleBundle } from './testData';

describe('detectDatasetFormat', () => {
  it('recognises each format by its first bytes', () => {
    expect(detectDatasetFormat(encodeNpy({ data: new Float32Array(1), shape: [1] }))).toBe('npy');
    expect(detectDatasetFormat(encodeDatasetZip(sampleBundle()))).toBe('zip');
    const hdf5 = new Uint8Array(600);
    hdf5.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 512);
    expect(detectDatasetFormat(hdf5)).toBe('hdf5');
    expect(detectDatasetFormat(new TextEncoder().encode('{"equation": "ns"}'))).toBeUndefined();
    expect(detectDatasetFormat(new Uint8Array(0))).toBeUndefined();
  });
});
