/**
 * The main thread must never load TensorFlow.js or Plotly up front: all tfjs compute runs in the
 * worker, and Plotly loads on first use. This walks the static imports from the entry points.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORT = /^\s*import\s+(?!type\b)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm;

function resolveModule(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return ['', '.ts', '.tsx', '/index.ts']
    .map((ext) => base + ext)
    .find((p) => existsSync(p) && !p.endsWith('/'));
}

/** Every package imported (not type-only) by modules reachable from `entry`, with who imports it. */
function staticPackageImports(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const local = resolveModule(file, specifier!);
      if (local) visit(local);
      else if (!specifier!.startsWith('.')) packages.set(specifier!, file);
    }
  };
  visit(entry);
  return packages;
}

describe('main-thread bundle', () => {
  it('imports neither TensorFlow.js nor Plotly statically', () => {
    const packages = staticPackageImports(join(import.meta.dirname, 'main.tsx'));
    const offenders = [...packages].filter(([name]) => /^@tensorflow\/|^plotly\.js/.test(name));
    expect(offenders).toEqual([]);
    expect(packages.has('react')).toBe(true); // the walk really follows the imports
  });
});
