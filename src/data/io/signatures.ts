/** Telling the dataset file formats apart by their first bytes, whatever the file is called. */

export type DatasetFileFormat = 'npy' | 'zip' | 'hdf5';

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]; // "\x89HDF\r\n\x1a\n"
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];

function matchesAt(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return (
    offset + signature.length <= bytes.length && signature.every((b, i) => bytes[offset + i] === b)
  );
}

export function isNpy(bytes: Uint8Array): boolean {
  return matchesAt(bytes, NPY_MAGIC);
}

export function isZip(bytes: Uint8Array): boolean {
  return matchesAt(bytes, ZIP_LOCAL_HEADER) || matchesAt(bytes, ZIP_EMPTY_ARCHIVE);
}

/** Where the HDF5 signature is: byte 0, or 512, 1024, 2048, … after a user block; -1 if absent. */
export function hdf5SignatureOffset(bytes: Uint8Array): number {
  for (let offset = 0; offset + HDF5_SIGNATURE.length <= bytes.length;) {
    if (matchesAt(bytes, HDF5_SIGNATURE, offset)) return offset;
    offset = offset === 0 ? 512 : 2 * offset;
  }
  return -1;
}

export function detectDatasetFormat(bytes: Uint8Array): DatasetFileFormat | undefined {
  if (isNpy(bytes)) return 'npy';
  if (isZip(bytes)) return 'zip';
  if (hdf5SignatureOffset(bytes) >= 0) return 'hdf5';
  return undefined;
}
