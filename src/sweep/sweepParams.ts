/**
 * What a sweep can vary and how the user writes it: the train settings (trainSchema, less the
 * run's budget and bookkeeping) and every parameter of the chosen model's config schema, each
 * given as a comma list of values or as a number range (linear or log). Parsing checks every
 * value against its schema (range, whole numbers, choices) and says what is wrong in words.
 */
import { trainSchema } from '../models/trainOptions';
import { parseText, type NumberParam, type Param, type Schema } from '../schema/params';

export type SweepValue = number | string | boolean;
export type SweepTarget = 'options' | 'config';
export type SweepStrategy = 'grid' | 'random';

export interface SweepParam {
  /** `options.<name>` or `config.<name>`: unique across both. */
  id: string;
  target: SweepTarget;
  name: string;
  param: Param;
}

/** What the user typed for one swept parameter. */
export interface SweepParamInput {
  id: string;
  mode: 'values' | 'range';
  /** Comma-separated values (mode `values`). */
  values: string;
  /** Range ends and spacing (mode `range`, numbers only). */
  min: string;
  max: string;
  scale: 'linear' | 'log';
  /** Points a grid takes along the range. */
  levels: string;
}

export type SweepDimension =
  | { id: string; label: string; param: Param; kind: 'values'; values: SweepValue[] }
  | {
      id: string;
      label: string;
      param: NumberParam;
      kind: 'range';
      min: number;
      max: number;
      log: boolean;
      /** Grid points along the range (grids only). */
      levels: number;
    };

/** The train settings a sweep does not vary: its budget sets the steps; the rest is bookkeeping. */
const NOT_SWEPT = new Set(['steps', 'validateEvery', 'checkpointEvery', 'snapshotEvery']);

export const MAX_LEVELS = 20;

/** Every parameter a sweep may vary for a model with this config schema. */
export function sweepableParams(configSchema: Schema): SweepParam[] {
  const options = Object.entries(trainSchema as Schema)
    .filter(([name]) => !NOT_SWEPT.has(name))
    .map(([name, param]) => ({ id: `options.${name}`, target: 'options' as const, name, param }));
  const config = Object.entries(configSchema).map(([name, param]) => ({
    id: `config.${name}`,
    target: 'config' as const,
    name,
    param,
  }));
  return [...options, ...config];
}

/** A fresh input for a parameter, prefilled from its schema so it is valid as it stands. */
export function defaultInput(p: SweepParam): SweepParamInput {
  const { param } = p;
  const base = { id: p.id, min: '', max: '', scale: 'linear' as const, levels: '3' };
  if (param.kind === 'number') {
    return {
      ...base,
      mode: 'range',
      values: String(param.default),
      min: String(param.min),
      max: String(param.max),
      scale: param.log ? 'log' : 'linear',
    };
  }
  if (param.kind === 'boolean') return { ...base, mode: 'values', values: 'true, false' };
  return { ...base, mode: 'values', values: param.options.map((o) => o.value).join(', ') };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function parseValues(p: SweepParam, text: string): Parsed<SweepValue[]> {
  const label = p.param.label;
  const tokens = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0) return { ok: false, problems: [`${label}: give at least one value.`] };
  const values: SweepValue[] = [];
  const problems: string[] = [];
  for (const token of tokens) {
    const checked = parseText(p.param, token);
    if (!checked.ok) problems.push(`${label}: “${token}” ${checked.reason}.`);
    else if (values.includes(checked.value)) problems.push(`${label}: “${token}” is given twice.`);
    else values.push(checked.value);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: values };
}

function parseRange(
  p: SweepParam & { param: NumberParam },
  input: SweepParamInput,
  strategy: SweepStrategy,
): Parsed<SweepDimension> {
  const { param } = p;
  const label = param.label;
  const problems: string[] = [];
  const end = (text: string, which: string) => {
    const checked = parseText(param, text.trim());
    if (!checked.ok) problems.push(`${label}: the ${which} “${text.trim()}” ${checked.reason}.`);
    return checked.ok ? checked.value : Number.NaN;
  };
  const min = end(input.min, 'minimum');
  const max = end(input.max, 'maximum');
  const log = input.scale === 'log';
  if (problems.length === 0 && !(min < max)) {
    problems.push(`${label}: the minimum must be below the maximum.`);
  }
  if (log && min <= 0) problems.push(`${label}: a log range needs a minimum above 0.`);
  let levels = 0;
  if (strategy === 'grid') {
    levels = Number(input.levels.trim());
    if (!/^\d+$/.test(input.levels.trim()) || levels < 2 || levels > MAX_LEVELS) {
      problems.push(`${label}: grid points must be a whole number from 2 to ${MAX_LEVELS}.`);
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { id: p.id, label, param, kind: 'range', min, max, log, levels } };
}

/** Parses one parameter's input into a dimension of the sweep, or the problems with it. */
export function parseDimension(
  p: SweepParam,
  input: SweepParamInput,
  strategy: SweepStrategy,
): Parsed<SweepDimension> {
  if (input.mode === 'range') {
    if (p.param.kind !== 'number') {
      return { ok: false, problems: [`${p.param.label}: only numbers take a range; list values.`] };
    }
    return parseRange({ ...p, param: p.param }, input, strategy);
  }
  const values = parseValues(p, input.values);
  if (!values.ok) return values;
  return {
    ok: true,
    value: { id: p.id, label: p.param.label, param: p.param, kind: 'values', values: values.value },
  };
}

/** The `options` and `config` overrides one assignment of parameter ids to values makes. */
export function splitAssignment(assignment: Readonly<Record<string, SweepValue>>): {
  options: Record<string, SweepValue>;
  config: Record<string, SweepValue>;
} {
  const options: Record<string, SweepValue> = {};
  const config: Record<string, SweepValue> = {};
  for (const [id, value] of Object.entries(assignment)) {
    const dot = id.indexOf('.');
    const target = id.slice(0, dot);
    const name = id.slice(dot + 1);
    if (target === 'options') options[name] = value;
    else if (target === 'config') config[name] = value;
    else throw new Error(`"${id}" names no train setting or model parameter`);
  }
  return { options, config };
}
