/**
 * The main thread must never load TensorFlow.js or Plotly up front: all tfjs compute runs in the
 * worker, and Plotly loads on first use. This walks the static imports from the entry points.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

/** Every source file under `dir`, as paths relative to src/. */
function sourceFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path, base);
    return /\.tsx?$/.test(entry.name) ? [relative(base, path)] : [];
  });
}

describe('models as plugins', () => {
  it('names no model outside its own folders, the registries and tests', () => {
    const src = import.meta.dirname;
    const allowed = [
      /^models\/(mae|dino)\//,
      /^ui\/models\/(mae|dino)\//,
      /^models\/(catalog|registry)\.ts$/,
      /^ui\/models\/registry\.ts$/,
      /^cli\/modelCommands\.ts$/,
      /\.test\.tsx?$/,
    ];
    const offenders = sourceFiles(src)
      .filter((file) => !allowed.some((pattern) => pattern.test(file)))
      .filter((file) =>
        /'mae'|MaeConfig|models\/mae|'dino'|DinoConfig|models\/dino/.test(
          readFileSync(join(src, file), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
