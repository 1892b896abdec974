import { describe, expect, it } from 'vitest';
import { latentPath } from './latentPath';

describe('latentPath', () => {
  it('puts codes moving on a line in a plane onto PC1 and PC2 with their variance shares', () => {
    // 6 codes of size 5: a big motion along e0 + e1, a small one along e3 uncorrelated with it.
    const count = 6;
    const wiggle = [1, -1, 0, 0, -1, 1];
    const dim = 5;
    const codes = new Float32Array(count * dim);
    for (let t = 0; t < count; t++) {
      codes[t * dim] = 2 * t;
      codes[t * dim + 1] = 2 * t;
      codes[t * dim + 3] = 0.5 * wiggle[t]!;
      codes[t * dim + 4] = 7; // constant: no variance
    }
    const { points, explained } = latentPath(codes, count, dim);
    expect(points).toHaveLength(2 * count);
    // PC1 is the line: consecutive points are 2√2 apart along it, centred.
    const pc1 = Array.from({ length: count }, (_, t) => points[2 * t]!);
    const steps = pc1.slice(1).map((v, t) => Math.abs(v - pc1[t]!));
    steps.forEach((s) => expect(s).toBeCloseTo(2 * Math.SQRT2, 4));
    expect(pc1.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 4);
    // PC2 is the small alternation.
    const pc2 = Array.from({ length: count }, (_, t) => Math.abs(points[2 * t + 1]!));
    pc2.forEach((v, t) => expect(v).toBeCloseTo(0.5 * Math.abs(wiggle[t]!), 4));
    expect(explained[0]).toBeGreaterThan(explained[1]);
    expect(explained[0] + explained[1]).toBeCloseTo(1, 6);
  });

  it('draws codes that do not move, or a single code, at the origin', () => {
    const still = latentPath(Float32Array.from([1, 2, 1, 2, 1, 2]), 3, 2);
    expect([...still.points]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(still.explained).toEqual([0, 0]);
    expect([...latentPath(Float32Array.from([1, 2, 3]), 1, 3).points]).toEqual([0, 0]);
    expect(latentPath(new Float32Array(0), 0, 3).points).toHaveLength(0);
  });

  it('handles one-number codes and refuses a wrong length', () => {
    const one = latentPath(Float32Array.from([0, 1, 2]), 3, 1);
    expect(Math.abs(one.points[2]! - one.points[0]!)).toBeCloseTo(1, 5);
    expect(one.points[1]).toBe(0);
    expect(() => latentPath(new Float32Array(5), 2, 3)).toThrow(/Expected 2 × 3/);
  });
});
