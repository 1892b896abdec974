/** Strict field readers for stored records: each throws an Error naming the field and what is wrong. */

export type Fields = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'number' ? String(value) : typeof value;
}

/** A plain object (`{…}`), not an array, typed array or class instance. */
export function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function plainObject(value: unknown, what: string): Fields {
  if (!isPlainObject(value)) throw new Error(`${what} should be an object, got ${describe(value)}`);
  return value;
}

export function string(fields: Fields, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string')
    throw new Error(`"${name}" should be text, got ${describe(value)}`);
  return value;
}

export function finite(fields: Fields, name: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`"${name}" should be a finite number, got ${describe(value)}`);
  }
  return value;
}

export function count(fields: Fields, name: string): number {
  const value = finite(fields, name);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`"${name}" should be a whole number ≥ 0, got ${value}`);
  }
  return value;
}

export function oneOf<T extends string>(fields: Fields, name: string, options: readonly T[]): T {
  const value = fields[name];
  if (!options.includes(value as T)) {
    throw new Error(`"${name}" should be one of ${options.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/** An array of numbers (NaN allowed: a metric that could not be computed). */
export function numbers(fields: Fields, name: string): number[] {
  const value = fields[name];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number')) {
    throw new Error(`"${name}" should be a list of numbers`);
  }
  return value as number[];
}

/** An object of named numbers, e.g. metrics. */
export function numberMap(value: unknown, name: string): Record<string, number> {
  const fields = plainObject(value, `"${name}"`);
  for (const [key, v] of Object.entries(fields)) {
    if (typeof v !== 'number') throw new Error(`"${name}.${key}" should be a number`);
  }
  return fields as Record<string, number>;
}

/** A flat object of numbers, strings and booleans, e.g. a model config. */
export function flatSettings(
  value: unknown,
  name: string,
): Record<string, number | string | boolean> {
  const fields = plainObject(value, `"${name}"`);
  for (const [key, v] of Object.entries(fields)) {
    if (!['number', 'string', 'boolean'].includes(typeof v)) {
      throw new Error(`"${name}.${key}" should be a number, text or a yes/no`);
    }
  }
  return fields as Record<string, number | string | boolean>;
}
