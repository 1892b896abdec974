import { describe, expect, it } from 'vitest';
import {
  constantSchedule,
  oneCycleMomentumSchedule,
  oneCycleSchedule,
  warmupCosineSchedule,
} from './schedules';

describe('learning-rate schedules', () => {
  it('constant', () => {
    const s = constantSchedule(3e-4);
    expect([0, 10, 1e6].map(s)).toEqual([3e-4, 3e-4, 3e-4]);
  });

  it('linear warm-up then cosine to the floor', () => {
    const s = warmupCosineSchedule({ peak: 1e-3, warmupSteps: 10, totalSteps: 110, min: 1e-5 });
    expect(s(0)).toBe(0);
    expect(s(5)).toBeCloseTo(5e-4, 15);
    expect(s(10)).toBeCloseTo(1e-3, 15); // peak when warm-up ends
    expect(s(60)).toBeCloseTo((1e-3 + 1e-5) / 2, 15); // halfway down the cosine
    expect(s(35)).toBeCloseTo(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.SQRT1_2), 15); // a quarter
    expect(s(110)).toBeCloseTo(1e-5, 15);
    expect(s(500)).toBeCloseTo(1e-5, 15);
    // No warm-up: CosineAnnealingLR from the first step.
    expect(warmupCosineSchedule({ peak: 2, warmupSteps: 0, totalSteps: 4 })(0)).toBe(2);
  });

  it('OneCycle with PyTorch defaults: max/25 → max at 30% → max/25/1e4, cosine phases', () => {
    const s = oneCycleSchedule({ maxLr: 1, totalSteps: 100 });
    expect(s(0)).toBeCloseTo(0.04, 15);
    // Phase 1 ends at step pct_start·total − 1 = 29.
    expect(s(29)).toBeCloseTo(1, 15);
    expect(s(99)).toBeCloseTo(4e-6, 15);
    // Phase 2 runs from step 29 to 99; its midpoint, step 64, is halfway between max and min.
    expect(s(64)).toBeCloseTo((1 + 4e-6) / 2, 12);
    // A point inside phase 1: pct = 10/29.
    expect(s(10)).toBeCloseTo(1 + ((0.04 - 1) / 2) * (Math.cos((Math.PI * 10) / 29) + 1), 15);
    expect(s(200)).toBeCloseTo(4e-6, 15);
  });

  it('OneCycle as MAE-PDE configures it (pct 0.2, div 10, final div 1000)', () => {
    const s = oneCycleSchedule({
      maxLr: 1e-3,
      totalSteps: 1000,
      pctStart: 0.2,
      divFactor: 10,
      finalDivFactor: 1000,
    });
    expect(s(0)).toBeCloseTo(1e-4, 18);
    expect(s(199)).toBeCloseTo(1e-3, 18);
    expect(s(999)).toBeCloseTo(1e-7, 18);
  });

  it('OneCycle momentum cycles 0.95 → 0.85 → 0.95 against the lr', () => {
    const m = oneCycleMomentumSchedule({ maxLr: 1, totalSteps: 100 });
    expect(m(0)).toBeCloseTo(0.95, 15);
    expect(m(29)).toBeCloseTo(0.85, 15);
    expect(m(64)).toBeCloseTo(0.9, 12);
    expect(m(99)).toBeCloseTo(0.95, 15);
  });

  it('OneCycle over so few steps that the warm-up is under one step stays finite', () => {
    const lr = oneCycleSchedule({ maxLr: 1e-3, totalSteps: 5, pctStart: 0.2, divFactor: 10 });
    const values = [0, 1, 2, 3, 4].map(lr);
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values[0]).toBeCloseTo(1e-3, 12);
  });

  it('rejects impossible settings', () => {
    expect(() => warmupCosineSchedule({ peak: 1, warmupSteps: 10, totalSteps: 10 })).toThrow(
      RangeError,
    );
    expect(() => oneCycleSchedule({ maxLr: 1, totalSteps: 100, pctStart: 1 })).toThrow(RangeError);
  });
});
