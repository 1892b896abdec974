/**
 * A sweep's runs as assignments of values to parameter ids: a grid (every combination of each
 * dimension's values, ranges taken at evenly spaced points, on a log scale where asked) or a
 * seeded random search (values drawn uniformly from each list, ranges sampled uniformly or
 * log-uniformly). The same seed gives the same runs; whole-number parameters stay whole.
 */
import type { SweepDimension, SweepValue } from './sweepParams';

export type Assignment = Record<string, SweepValue>;

/** The most runs one sweep may queue. */
export const MAX_SWEEP_RUNS = 64;

export type Planned = { ok: true; runs: Assignment[] } | { ok: false; problem: string };

/** A number rounded to what its parameter accepts, and to 6 significant digits for display. */
function tidy(dimension: SweepDimension, value: number): number {
  if (dimension.param.kind === 'number' && dimension.param.integer) return Math.round(value);
  return Number(value.toPrecision(6));
}

/** Evenly spaced points of a range (log-spaced on a log range), duplicates dropped. */
export function rangePoints(dimension: SweepDimension & { kind: 'range' }): number[] {
  const { min, max, log, levels } = dimension;
  const points: number[] = [];
  for (let i = 0; i < levels; i++) {
    const t = levels === 1 ? 0 : i / (levels - 1);
    const value = log
      ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min)))
      : min + t * (max - min);
    const tidied = Math.min(max, Math.max(min, tidy(dimension, value)));
    if (!points.includes(tidied)) points.push(tidied);
  }
  return points;
}

function gridValues(dimension: SweepDimension): SweepValue[] {
  return dimension.kind === 'values' ? dimension.values : rangePoints(dimension);
}

/** How many runs a grid over these dimensions has. */
export function gridSize(dimensions: readonly SweepDimension[]): number {
  return dimensions.reduce((n, d) => n * gridValues(d).length, 1);
}

/** Every combination, the first dimension varying slowest. */
export function gridPlan(dimensions: readonly SweepDimension[], cap = MAX_SWEEP_RUNS): Planned {
  if (dimensions.length === 0) return { ok: false, problem: 'Choose at least one parameter.' };
  const size = gridSize(dimensions);
  if (size > cap) {
    return {
      ok: false,
      problem:
        `This grid has ${size} settings, more than the ${cap} runs a sweep may queue: ` +
        'give fewer values or grid points, or use random search.',
    };
  }
  let runs: Assignment[] = [{}];
  for (const d of dimensions) {
    const values = gridValues(d);
    runs = runs.flatMap((run) => values.map((v) => ({ ...run, [d.id]: v })));
  }
  return { ok: true, runs };
}

/** A small seeded generator (mulberry32): uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(dimension: SweepDimension, random: () => number): SweepValue {
  if (dimension.kind === 'values') {
    return dimension.values[Math.floor(random() * dimension.values.length)]!;
  }
  const { min, max, log } = dimension;
  const u = random();
  const value = log
    ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
    : min + u * (max - min);
  return Math.min(max, Math.max(min, tidy(dimension, value)));
}

/** `count` runs drawn independently with the generator seeded by `seed`. */
export function randomPlan(
  dimensions: readonly SweepDimension[],
  count: number,
  seed: number,
  cap = MAX_SWEEP_RUNS,
): Planned {
  if (dimensions.length === 0) return { ok: false, problem: 'Choose at least one parameter.' };
  if (!Number.isInteger(count) || count < 1 || count > cap) {
    return { ok: false, problem: `The number of runs must be a whole number from 1 to ${cap}.` };
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    return { ok: false, problem: 'The seed must be a whole number from 0 to 4294967295.' };
  }
  const random = seededRandom(seed);
  const runs = Array.from({ length: count }, () =>
    Object.fromEntries(dimensions.map((d) => [d.id, sample(d, random)])),
  );
  return { ok: true, runs };
}
