/**
 * PLACEHOLDER validation for the three record kinds, deliberately permissive until the real
 * dataset / checkpoint / run shapes are defined. Later work replaces these parsers (and the types
 * below) with strict ones and bumps the kind's schema version in `labStorage.ts` whenever the
 * stored shape changes; the storage core does not change.
 */

export type PlaceholderMeta = Record<string, unknown>;
export type PlaceholderPayload = Record<string, unknown>;

export type CheckpointMeta = PlaceholderMeta;
export type CheckpointPayload = PlaceholderPayload;
export type RunMeta = PlaceholderMeta;
export type RunPayload = PlaceholderPayload;

/** Meta must be a plain object (`{...}`, not an array, class instance or typed array). */
export function parsePlaceholderMeta(value: unknown): PlaceholderMeta {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`meta should be an object, got ${value === null ? 'null' : typeof value}`);
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new Error(`meta should be a plain object, got ${describeObject(value)}`);
  }
  return value as PlaceholderMeta;
}

/** Payload must be a non-array object; its fields are not checked yet. */
export function parsePlaceholderPayload(value: unknown): PlaceholderPayload {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`payload should be an object, got ${value === null ? 'null' : typeof value}`);
  }
  if (Array.isArray(value)) throw new Error('payload should be an object, got an array');
  return value as PlaceholderPayload;
}

function describeObject(value: object): string {
  if (Array.isArray(value)) return 'an array';
  const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'a non-plain object';
}
