import { describe, expect, it } from 'vitest';
import {
  coefficientRange,
  coefficientTargets,
  scaleCoefficient,
  unscaleCoefficient,
} from './coefficients';

const MIX_META = {
  equation: 'mix',
  coefficients: {
    nu: [2e-3, NaN, 1.5e-2, 1.1e-2],
    ax: [NaN, 0.1, NaN, NaN],
    ay: [NaN, 2.5, NaN, NaN],
    cx: [NaN, NaN, 0.75, 0.5],
    cy: [NaN, NaN, 1, 0.6],
  },
  mix: {
    components: ['heat', 'advection', 'burgers'].map((equation) => ({
      equation,
      scheme: 'spectral',
      channels: ['u'],
      weight: 1,
    })),
    index: [0, 1, 2, 2],
  },
};

describe('coefficient targets', () => {
  it('scale by the generator range and map back exactly', () => {
    const range = coefficientRange('heat', 'nu');
    expect(range).toEqual([2e-3, 2e-2]);
    for (const value of [2e-3, 7e-3, 2e-2]) {
      expect(unscaleCoefficient(scaleCoefficient(value, range), range)).toBeCloseTo(value, 12);
    }
    expect(scaleCoefficient(2e-2, range)).toBeCloseTo(1, 12);
    expect(coefficientRange('burgers', 'cx')).toEqual([0.5, 1]);
    expect(coefficientRange('advection', 'ax')).toEqual([0.1, 2.5]);
  });

  it('give each trajectory the slots of its equation, ν scaled by its own equation', () => {
    const targets = coefficientTargets(MIX_META, 4);
    expect(targets.slots).toEqual(['nu', 'ax', 'ay', 'cx', 'cy']);
    expect(targets.equations).toEqual(['heat', 'advection', 'burgers', 'burgers']);
    const row = (n: number) => Array.from(targets.values.subarray(n * 5, n * 5 + 5));
    const present = (n: number) => Array.from(targets.present.subarray(n * 5, n * 5 + 5));
    expect(present(0)).toEqual([1, 0, 0, 0, 0]);
    expect(present(1)).toEqual([0, 1, 1, 0, 0]);
    expect(present(2)).toEqual([1, 0, 0, 1, 1]);
    expect(row(0)[0]).toBeCloseTo(0, 6);
    expect(row(1)[1]).toBeCloseTo(0, 6);
    expect(row(1)[2]).toBeCloseTo(1, 6);
    // Burgers ν = 1.5e-2 is the top of Burgers' range, not of heat's.
    expect(row(2)[0]).toBeCloseTo(1, 6);
    expect(row(2)[3]).toBeCloseTo(0.5, 6);
    expect(row(3)[4]).toBeCloseTo(0.2, 6);
    expect(targets.columns.map((c) => c.label)).toEqual([
      'heat ν',
      'advection a_x',
      'advection a_y',
      'Burgers ν',
      'Burgers c_x',
      'Burgers c_y',
    ]);
  });

  it('fall back to the observed range for a foreign equation, and refuse a dataset without coefficients', () => {
    const foreign = coefficientTargets({ equation: 'kdv', coefficients: { alpha: [1, 3, 2] } }, 3);
    expect(foreign.columns[0]!.range).toEqual([1, 3]);
    expect(Array.from(foreign.values)).toEqual([0, 1, 0.5]);
    expect(() => coefficientTargets({ equation: 'heat', coefficients: {} }, 2)).toThrow(
      /no coefficient/,
    );
  });
});
