import type { Metadata } from 'h5wasm';

// HDF5 type classes (H5T_class_t).
const INTEGER = 0;
const FLOAT = 1;
const STRING = 3;
const COMPOUND = 6;
const ENUM = 8;

/** True for float32 and float64: the element types a field can be imported from. */
export function isFloatType(metadata: Metadata): boolean {
  return metadata.type === FLOAT && (metadata.size === 4 || metadata.size === 8);
}

/** A numpy-style type code ('<f4', '>f8', '<i4', '|u1') or a word for non-numeric types. */
export function hdf5TypeCode(metadata: Metadata): string {
  const order = metadata.size === 1 ? '|' : metadata.littleEndian ? '<' : '>';
  if (metadata.type === INTEGER) return `${order}${metadata.signed ? 'i' : 'u'}${metadata.size}`;
  if (metadata.type === FLOAT) return `${order}f${metadata.size}`;
  if (metadata.type === STRING) return 'string';
  if (metadata.type === COMPOUND) return 'compound';
  if (metadata.type === ENUM) return 'enum';
  return 'other';
}

/** The element type in words, for messages: "32-bit signed integers". */
export function hdf5TypeWords(metadata: Metadata): string {
  const bits = `${metadata.size * 8}-bit`;
  if (metadata.type === INTEGER)
    return `${bits} ${metadata.signed ? 'signed' : 'unsigned'} integers`;
  if (metadata.type === FLOAT) return `${bits} floats`;
  if (metadata.type === STRING) return 'text';
  if (metadata.type === COMPOUND) return 'records with named fields';
  if (metadata.type === ENUM) return 'enumerated values';
  return 'a type PDE Lab cannot read';
}
