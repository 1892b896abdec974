/**
 * Estimates how many bytes a structured-cloneable value takes in storage: binary data exactly,
 * everything else by the length of its JSON-like text. Good enough for usage displays and quota
 * messages, not for accounting.
 */
export function estimateSizeBytes(value: unknown): number {
  const visited = new WeakSet<object>();
  const countedBuffers = new WeakSet<ArrayBufferLike>();

  // Structured clone stores a view's whole underlying buffer, once however many views share it;
  // so a small subarray of a large buffer costs the large buffer.
  const bufferBytes = (buffer: ArrayBufferLike): number => {
    if (countedBuffers.has(buffer)) return 0;
    countedBuffers.add(buffer);
    return buffer.byteLength;
  };

  const walk = (v: unknown): number => {
    if (typeof v === 'string') return v.length + 2;
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
      return String(v).length;
    }
    if (v === null || v === undefined) return 4;
    if (typeof v !== 'object') return 0; // functions and symbols are not stored
    if (v instanceof ArrayBuffer) return bufferBytes(v);
    if (ArrayBuffer.isView(v)) return bufferBytes(v.buffer);
    if (visited.has(v)) return 0;
    visited.add(v);
    if (v instanceof Date) return 24;
    if (typeof Blob !== 'undefined' && v instanceof Blob) return v.size;
    if (Array.isArray(v)) return sumWith(v, walk) + v.length + 1;
    if (v instanceof Map) {
      let total = 2;
      for (const [key, item] of v) total += walk(key) + walk(item) + 2;
      return total;
    }
    if (v instanceof Set) return sumWith(v, walk) + v.size + 1;
    let total = 2;
    for (const [key, item] of Object.entries(v)) total += key.length + 4 + walk(item);
    return total;
  };

  return walk(value);
}

function sumWith<T>(items: Iterable<T>, size: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += size(item);
  return total;
}
