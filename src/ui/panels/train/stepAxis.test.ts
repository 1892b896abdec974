import { describe, expect, it } from 'vitest';
import { lastStep, lengthsCallForLogSteps, LOG_STEPS_RATIO, stepAxisLayout } from './stepAxis';

describe('the step axis of loss charts', () => {
  it('calls for a log axis only when the runs differ more than tenfold in length', () => {
    expect(LOG_STEPS_RATIO).toBe(10);
    expect(lengthsCallForLogSteps([40, 30_000])).toBe(true);
    expect(lengthsCallForLogSteps([30_000, 80, 40])).toBe(true);
    expect(lengthsCallForLogSteps([40, 400])).toBe(false);
    expect(lengthsCallForLogSteps([40, 401])).toBe(true);
    expect(lengthsCallForLogSteps([80, 100])).toBe(false);
  });
  it('needs two runs with steps to compare', () => {
    expect(lengthsCallForLogSteps([])).toBe(false);
    expect(lengthsCallForLogSteps([30_000])).toBe(false);
    expect(lengthsCallForLogSteps([0, 30_000])).toBe(false);
    expect(lengthsCallForLogSteps([Number.NaN, 5, 30_000])).toBe(true);
  });
  it('reads the last recorded step', () => {
    expect(lastStep([])).toBe(0);
    expect(lastStep([1, 2, 3])).toBe(3);
  });
  it('names the scale in the axis title', () => {
    expect(stepAxisLayout('log')).toEqual({ title: { text: 'step (log scale)' }, type: 'log' });
    expect(stepAxisLayout('linear')).toEqual({ title: { text: 'step' }, type: 'linear' });
  });
});
