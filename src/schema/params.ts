/**
 * Parameter schemas: the single description of every user-visible setting. Controls, the URL
 * codec, validation and docs are generated from these, so a setting is declared exactly once.
 * Plain data with no dependencies: the UI, the compute worker, Node tests and the CLI share it.
 */

interface ParamBase {
  /** Short, stable name used in URLs and files. Never reuse a key for a different meaning. */
  key: string;
  label: string;
  help?: string;
}

export interface NumberParam extends ParamBase {
  kind: 'number';
  min: number;
  max: number;
  default: number;
  unit?: string;
  integer?: boolean;
  /** Controls move on a log scale (learning rates, viscosities). */
  log?: boolean;
  step?: number;
  /** The range a reference dataset samples from; dataset builders start from it. */
  datasetRange?: readonly [number, number];
}

export interface ChoiceParam<T extends string = string> extends ParamBase {
  kind: 'choice';
  options: readonly { value: T; label: string }[];
  default: T;
}

export interface BooleanParam extends ParamBase {
  kind: 'boolean';
  default: boolean;
}

export type Param = NumberParam | ChoiceParam | BooleanParam;

export type Schema = Readonly<Record<string, Param>>;

export type ParamValue<P extends Param> = P extends NumberParam
  ? number
  : P extends ChoiceParam<infer T>
    ? T
    : boolean;

export type SchemaValues<S extends Schema> = { [K in keyof S]: ParamValue<S[K]> };

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export function defaults<S extends Schema>(schema: S): SchemaValues<S> {
  const out: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(schema)) out[name] = param.default;
  return out as SchemaValues<S>;
}

/** Checks a value of unknown origin (a store update, a file, a message) against its param. */
export function checkValue<P extends Param>(param: P, value: unknown): Checked<ParamValue<P>> {
  switch (param.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { ok: false, reason: 'is not a finite number' };
      }
      if (param.integer && !Number.isInteger(value)) {
        return { ok: false, reason: 'must be a whole number' };
      }
      if (value < param.min || value > param.max) {
        return {
          ok: false,
          reason: `is outside ${param.min}…${param.max}`,
        };
      }
      return { ok: true, value: value as ParamValue<P> };
    }
    case 'choice': {
      if (typeof value === 'string' && param.options.some((o) => o.value === value)) {
        return { ok: true, value: value as ParamValue<P> };
      }
      const allowed = param.options.map((o) => o.value).join(', ');
      return { ok: false, reason: `is not one of ${allowed}` };
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? { ok: true, value: value as ParamValue<P> }
        : { ok: false, reason: 'is not true or false' };
  }
}

/** A whole number in plain decimal digits: "42", "-3"; not "0x10", "1e3", "+4" or " 7". */
const PLAIN_INTEGER = /^-?\d+$/;
/** A decimal number as String(number) writes it: "0.001", "-2.5", "1e-7"; never hex or spaces. */
const PLAIN_DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Parses the compact text form used in URLs (numbers as written, booleans as 1/0). Numbers must
 * be written in plain decimal: JavaScript's Number() would also read "0x10", "0b1", " 16" or "",
 * which no link this lab writes contains.
 */
export function parseText<P extends Param>(param: P, text: string): Checked<ParamValue<P>> {
  if (param.kind === 'number') {
    const value = Number(text);
    if (!PLAIN_DECIMAL.test(text)) {
      // Number() reads hex, binary, octal and padded text too: refuse those by how they look.
      const readable = text.trim() !== '' && Number.isFinite(value);
      return {
        ok: false,
        reason: !readable
          ? 'is not a finite number'
          : param.integer
            ? 'must be a whole number written in plain digits, like 42'
            : 'must be written as a plain decimal number, like 0.01 or 1e-3',
      };
    }
    if (param.integer && Number.isInteger(value) && !PLAIN_INTEGER.test(text)) {
      return { ok: false, reason: 'must be a whole number written in plain digits, like 42' };
    }
    return checkValue(param, value);
  }
  if (param.kind === 'boolean') {
    if (text === '1' || text === 'true') return checkValue(param, true);
    if (text === '0' || text === 'false') return checkValue(param, false);
    return { ok: false, reason: 'is not 1 or 0' };
  }
  return checkValue(param, text);
}

export function formatText<P extends Param>(param: P, value: ParamValue<P>): string {
  if (param.kind === 'boolean') return value ? '1' : '0';
  if (param.kind === 'number') return String(value);
  return String(value);
}

/** Checks every field of a partial update, returning the accepted values and the rejections. */
export function checkValues<S extends Schema>(
  schema: S,
  update: Readonly<Record<string, unknown>>,
): { accepted: Partial<SchemaValues<S>>; rejected: { name: string; reason: string }[] } {
  const accepted: Record<string, unknown> = {};
  const rejected: { name: string; reason: string }[] = [];
  for (const [name, value] of Object.entries(update)) {
    const param = schema[name];
    if (!param) {
      rejected.push({ name, reason: 'is not a known setting' });
      continue;
    }
    const checked = checkValue(param, value);
    if (checked.ok) accepted[name] = checked.value;
    else rejected.push({ name, reason: `${param.label} ${checked.reason}` });
  }
  return { accepted: accepted as Partial<SchemaValues<S>>, rejected };
}

/** Declares a schema with its literal types kept (choice values stay a union, not `string`). */
export function defineSchema<const S extends Schema>(schema: S): S {
  return schema;
}
