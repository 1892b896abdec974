/**
 * Settings ⇄ URL query string. Compact (only values that differ from the defaults, under each
 * param's short key), versioned (`v=`), and forgiving: anything unknown or invalid falls back to
 * its default and is listed, so the UI can say what was ignored.
 */
import { defaults, formatText, parseText, type Schema } from '../schema/params';

export const URL_VERSION = 1;
const VERSION_KEY = 'v';

/** Upgrades a query written by version n to version n + 1. Add one when a key changes meaning. */
const MIGRATIONS: Record<number, (query: URLSearchParams) => URLSearchParams> = {};

export interface IgnoredValue {
  key: string;
  value: string;
  reason: string;
}

export type SchemaGroups = Readonly<Record<string, Schema>>;
export type GroupValues<G extends SchemaGroups> = { [S in keyof G]: Record<string, unknown> };

/** A rule between settings that the decoded values break: the settings involved and why. */
export interface CrossCheckProblem {
  section: string;
  names: readonly string[];
  message: string;
}

/** Checks rules between settings once each value is valid on its own. */
export type CrossCheck<G extends SchemaGroups> = (values: GroupValues<G>) => CrossCheckProblem[];

export function encodeQuery<G extends SchemaGroups>(groups: G, values: GroupValues<G>): string {
  const query = new URLSearchParams();
  for (const [section, schema] of Object.entries(groups)) {
    for (const [name, param] of Object.entries(schema)) {
      const value = values[section]?.[name];
      if (value === undefined || value === param.default) continue;
      query.set(param.key, formatText(param, value as never));
    }
  }
  if ([...query.keys()].length === 0) return '';
  return `${VERSION_KEY}=${URL_VERSION}&${query.toString()}`;
}

/**
 * Reads a query. A value that is invalid on its own, or that breaks a `crossCheck` rule with
 * others (together with those others), falls back to its default and is listed as ignored.
 */
export function decodeQuery<G extends SchemaGroups>(
  groups: G,
  search: string,
  crossCheck?: CrossCheck<G>,
): { values: GroupValues<G>; ignored: IgnoredValue[] } {
  const ignored: IgnoredValue[] = [];
  let query = new URLSearchParams(search);
  const version = readVersion(query, ignored);
  for (let v = version; v < URL_VERSION; v++) query = MIGRATIONS[v]?.(query) ?? query;
  query.delete(VERSION_KEY);

  const byKey = new Map<string, { section: string; name: string }>();
  const values: Record<string, Record<string, unknown>> = {};
  for (const [section, schema] of Object.entries(groups)) {
    values[section] = defaults(schema);
    for (const [name, param] of Object.entries(schema)) byKey.set(param.key, { section, name });
  }

  for (const [key, text] of query) {
    const target = byKey.get(key);
    if (!target) {
      ignored.push({ key, value: text, reason: 'is not a setting of this version of the lab' });
      continue;
    }
    const param = groups[target.section]![target.name]!;
    const parsed = parseText(param, text);
    if (parsed.ok) values[target.section]![target.name] = parsed.value;
    else ignored.push({ key, value: text, reason: `${param.label} ${parsed.reason}` });
  }
  for (const problem of crossCheck?.(values as GroupValues<G>) ?? []) {
    for (const name of problem.names) {
      const param = groups[problem.section]?.[name];
      if (!param) continue;
      values[problem.section]![name] = param.default;
      const text = query.get(param.key);
      if (text === null || ignored.some((i) => i.key === param.key)) continue;
      ignored.push({ key: param.key, value: text, reason: problem.message });
    }
  }
  return { values: values as GroupValues<G>, ignored };
}

/**
 * One line per reason, naming the values it refused as the link wrote them: values refused
 * together (a rule between them) share their line.
 */
export function describeIgnored(ignored: readonly IgnoredValue[]): string[] {
  const lines: { values: string[]; reason: string }[] = [];
  for (const { key, value, reason } of ignored) {
    const last = lines.at(-1);
    if (last?.reason === reason) last.values.push(`“${key}=${value}”`);
    else lines.push({ values: [`“${key}=${value}”`], reason });
  }
  return lines.map((line) => `${line.values.join(', ')}: ${line.reason}`);
}

function readVersion(query: URLSearchParams, ignored: IgnoredValue[]): number {
  const text = query.get(VERSION_KEY);
  if (text === null) return URL_VERSION;
  const version = Number(text);
  if (Number.isInteger(version) && version >= 1 && version <= URL_VERSION) return version;
  ignored.push({
    key: VERSION_KEY,
    value: text,
    reason:
      Number.isInteger(version) && version > URL_VERSION
        ? `the link was made by a newer version of the lab (this one reads v${URL_VERSION}); settings it shares are kept`
        : 'is not a valid link version',
  });
  return URL_VERSION;
}

/** Throws at startup if two params share a URL key: a link would be ambiguous. */
export function assertUniqueKeys(groups: SchemaGroups): void {
  const seen = new Set<string>([VERSION_KEY]);
  for (const schema of Object.values(groups)) {
    for (const param of Object.values(schema)) {
      if (seen.has(param.key)) throw new Error(`URL key "${param.key}" is used twice.`);
      seen.add(param.key);
    }
  }
}
