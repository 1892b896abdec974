import { describe, expect, it } from 'vitest';
import { defaultTrajectory, trajectorySplit } from '../../../../data/trajectories';
import { maskIndices, observationMask } from '../../../../models/dino/observation';
import { paintSensors, randomSensors, sensorAt, sensorsAtRate, sensorSummary } from './sensors';

describe('sensor placement', () => {
  it('draws a share of the grid by DINo’s own rule, so the model’s rate and seed give its training points', () => {
    const points = sensorsAtRate(16, 16, 0.25, 1);
    expect(points).toEqual(Array.from(maskIndices(observationMask(16, 16, 0.25, 1))));
    expect(points.length).toBeGreaterThan(30);
    expect(points.length).toBeLessThan(100);
    expect(sensorsAtRate(16, 16, 0.25, 2)).not.toEqual(points);
    expect(sensorsAtRate(8, 8, 1, 3)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    // Seeded: the same choice gives the same points.
    expect(sensorsAtRate(16, 16, 0.05, 9)).toEqual(sensorsAtRate(16, 16, 0.05, 9));
  });

  it('places exactly the number of random sensors asked for, distinct, sorted and seeded', () => {
    const ten = randomSensors(64 * 64, 10, 1);
    expect(ten).toHaveLength(10);
    expect(new Set(ten).size).toBe(10);
    expect([...ten].sort((a, b) => a - b)).toEqual(ten);
    expect(ten.every((p) => p >= 0 && p < 4096)).toBe(true);
    expect(randomSensors(4096, 10, 1)).toEqual(ten);
    expect(randomSensors(4096, 10, 2)).not.toEqual(ten);
    expect(randomSensors(5, 9, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(randomSensors(5, 0, 1)).toEqual([]);
  });

  it('finds the grid point under the pointer (x right, y up) and paints points on and off', () => {
    expect(sensorAt(0, 0, 8, 8)).toBe(0);
    expect(sensorAt(0.99, 0, 8, 8)).toBe(7 * 8); // i = 7, j = 0
    expect(sensorAt(0, 0.99, 8, 8)).toBe(7); // i = 0, j = 7
    expect(sensorAt(1, 1, 8, 8)).toBe(63);
    expect(sensorAt(0.5, 0.25, 4, 8)).toBe(2 * 8 + 2);
    expect(paintSensors([5, 1], [3, 1], true)).toEqual([1, 3, 5]);
    expect(paintSensors([1, 3, 5], [3, 4], false)).toEqual([1, 5]);
  });

  it('says how many sensors, and which share of the grid', () => {
    expect(sensorSummary(12, 4096)).toBe('12 sensors: 0.29 % of the 4,096 grid points');
    expect(sensorSummary(1, 64)).toBe('1 sensor: 1.6 % of the 64 grid points');
    expect(sensorSummary(64, 64)).toBe('64 sensors: 100 % of the 64 grid points');
    expect(sensorSummary(0, 64)).toBe('0 sensors: 0 % of the 64 grid points');
  });

  it('names a trajectory’s split and starts on one training never saw', () => {
    const split = { train: 4, val: 2, test: 3 };
    expect(trajectorySplit(split, 0)).toBe('train');
    expect(trajectorySplit(split, 4)).toBe('validation');
    expect(trajectorySplit(split, 6)).toBe('test');
    expect(defaultTrajectory(split)).toBe(6);
    expect(defaultTrajectory({ train: 4, val: 2, test: 0 })).toBe(4);
    expect(defaultTrajectory({ train: 4, val: 0, test: 0 })).toBe(0);
  });
});
