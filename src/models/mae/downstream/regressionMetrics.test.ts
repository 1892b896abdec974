import { describe, expect, it } from 'vitest';
import type { CoefficientTargets } from './coefficients';
import { maskedMse, meanStd, scoreColumn } from './regressionMetrics';

describe('regression metrics', () => {
  it('masked MSE counts only present coefficients', () => {
    expect(maskedMse([1, 5, 0], [0, 0, 0], [1, 0, 1])).toBeCloseTo(0.5, 12);
    expect(maskedMse([1], [0], [0])).toBeNaN();
  });

  it('R² is 1 for a perfect guess, 0 for the mean, and NaN for a constant truth', () => {
    const targets: CoefficientTargets = {
      slots: ['nu'],
      values: Float32Array.from([0, 0.5, 1, 0.3]),
      present: Float32Array.from([1, 1, 1, 1]),
      columns: [{ equation: 'heat', name: 'nu', slot: 0, label: 'heat ν', range: [0, 1] }],
      equations: ['heat', 'heat', 'heat', 'advection'],
    };
    const column = targets.columns[0]!;
    const rows = [0, 1, 2, 3];
    expect(scoreColumn([0, 0.5, 1, 9], targets, rows, column).r2).toBeCloseTo(1, 6);
    const mean = scoreColumn([0.5, 0.5, 0.5, 9], targets, rows, column);
    expect(mean.r2).toBeCloseTo(0, 6);
    expect(mean.count).toBe(3);
    expect(mean.mse).toBeCloseTo(1 / 6, 6);
    const constant = { ...targets, values: Float32Array.from([0.2, 0.2, 0.2, 0]) };
    expect(scoreColumn([0, 0.5, 1, 0], constant, rows, column).r2).toBeNaN();
  });

  it('mean and sample standard deviation', () => {
    expect(meanStd([1, 3])).toEqual({ mean: 2, std: Math.SQRT2 });
    expect(meanStd([4])).toEqual({ mean: 4, std: 0 });
  });
});
