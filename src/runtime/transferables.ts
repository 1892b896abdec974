/** Finds the ArrayBuffers inside a job result so they can be moved, not copied, to the UI. */
export function collectTransferables(
  value: unknown,
  found = new Set<ArrayBuffer>(),
): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value instanceof ArrayBuffer) {
    found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectTransferables(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectTransferables(item, found);
  }
  return [...found];
}
