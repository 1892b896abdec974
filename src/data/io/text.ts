/** Wording shared by the readers' and writers' error messages. */

/** `65536` → "65,536": separators make byte counts in messages readable. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** `[4, 64, 64]` → "4×64×64"; a 0-d array is "() (a single value)". */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? '() (a single value)' : shape.join('×');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** A value as it should appear inside a message: short, and quoted when it is a string. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return `a list of ${plural(value.length, 'item')}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
