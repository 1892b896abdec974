/**
 * A dataset's recipe: the canonical text of the build request and split it was made from, kept
 * with the stored dataset so a shared link that carries the same Data settings finds it again
 * instead of building it twice. Plain data the UI may import.
 */
import type { BuildDatasetParams } from './buildDatasetConfig';

/**
 * The recipe of a build: everything that decides the stored numbers and split, in a canonical
 * form. The name is left out (it only describes), and so is the batch size: the generators give
 * the same data whatever the batch (buildDataset.test.ts checks it).
 */
export function datasetRecipe({ request, split }: BuildDatasetParams): string {
  const { batchSize, ...numbers } = request.kind === 'single' ? request.single : request.mix;
  return canonicalJson({ kind: request.kind, request: numbers, split });
}

/**
 * JSON with object keys sorted at every depth and undefined members dropped, so equal values
 * give equal text whatever order their keys were written in. Typed arrays become plain arrays.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}
