import { describe, expect, it } from 'vitest';
import { trainSchema } from '../models/trainOptions';
import type { NumberParam } from '../schema/params';
import { gridPlan, gridSize, randomPlan, rangePoints } from './plan';
import type { SweepDimension } from './sweepParams';

const lr: SweepDimension = {
  id: 'options.peakLr',
  label: 'Peak learning rate',
  param: trainSchema.peakLr,
  kind: 'range',
  min: 1e-4,
  max: 1e-2,
  log: true,
  levels: 3,
};
const batch: SweepDimension = {
  id: 'options.batchSize',
  label: 'Batch',
  param: trainSchema.batchSize,
  kind: 'values',
  values: [2, 4],
};
const schedule: SweepDimension = {
  id: 'options.schedule',
  label: 'Schedule',
  param: trainSchema.schedule,
  kind: 'values',
  values: ['one-cycle', 'constant', 'warmup-cosine'],
};

describe('grid plans', () => {
  it('take every combination: the product of the dimensions', () => {
    expect(gridSize([lr, batch, schedule])).toBe(18);
    const planned = gridPlan([lr, batch, schedule]);
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.runs).toHaveLength(18);
    const keys = new Set(planned.runs.map((r) => JSON.stringify(r)));
    expect(keys.size).toBe(18);
    expect(planned.runs[0]).toEqual({
      'options.peakLr': 1e-4,
      'options.batchSize': 2,
      'options.schedule': 'one-cycle',
    });
  });

  it('space log ranges evenly in the exponent', () => {
    expect(rangePoints({ ...lr, kind: 'range', levels: 3 } as never)).toEqual([1e-4, 1e-3, 1e-2]);
    const linear = { ...lr, log: false, min: 0, max: 1, levels: 5 } as SweepDimension & {
      kind: 'range';
    };
    expect(rangePoints(linear)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('keep whole-number parameters whole, without repeats', () => {
    const steps: SweepDimension = {
      id: 'options.batchSize',
      label: 'Batch',
      param: trainSchema.batchSize,
      kind: 'range',
      min: 1,
      max: 3,
      log: false,
      levels: 5,
    };
    expect(rangePoints(steps as SweepDimension & { kind: 'range' })).toEqual([1, 2, 3]);
  });

  it('refuse a grid larger than the cap, saying how large it is', () => {
    const planned = gridPlan([lr, batch, schedule], 10);
    expect(planned).toEqual({ ok: false, problem: expect.stringContaining('18 settings') });
    expect(gridPlan([])).toEqual({ ok: false, problem: 'Choose at least one parameter.' });
  });
});

describe('random plans', () => {
  it('are reproducible from the seed and differ with another seed', () => {
    const a = randomPlan([lr, schedule], 12, 7);
    const b = randomPlan([lr, schedule], 12, 7);
    const c = randomPlan([lr, schedule], 12, 8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('stay in range, sample log ranges across the decades and pick listed values', () => {
    const planned = randomPlan([lr, schedule], 60, 3);
    if (!planned.ok) throw new Error(planned.problem);
    const rates = planned.runs.map((r) => r['options.peakLr'] as number);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...rates)).toBeLessThanOrEqual(1e-2);
    // Log-uniform: about a half below 1e-3 (a linear draw would put only ~9% there).
    const low = rates.filter((r) => r < 1e-3).length;
    expect(low).toBeGreaterThan(18);
    expect(low).toBeLessThan(42);
    for (const run of planned.runs) {
      expect(['one-cycle', 'constant', 'warmup-cosine']).toContain(run['options.schedule']);
    }
  });

  it('round whole-number parameters', () => {
    const param: NumberParam = { ...trainSchema.batchSize };
    const dim: SweepDimension = {
      id: 'options.batchSize',
      label: 'Batch',
      param,
      kind: 'range',
      min: 1,
      max: 64,
      log: true,
      levels: 0,
    };
    const planned = randomPlan([dim], 30, 1);
    if (!planned.ok) throw new Error(planned.problem);
    for (const run of planned.runs) expect(Number.isInteger(run['options.batchSize'])).toBe(true);
  });

  it('refuse a bad count or seed', () => {
    expect(randomPlan([lr], 0, 1).ok).toBe(false);
    expect(randomPlan([lr], 1000, 1).ok).toBe(false);
    expect(randomPlan([lr], 3, -1).ok).toBe(false);
    expect(randomPlan([lr], 2.5, 1).ok).toBe(false);
  });
});
