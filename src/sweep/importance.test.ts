import { describe, expect, it } from 'vitest';
import { parameterImportance, spearman, type ImportanceRow } from './importance';
import { seededRandom } from './plan';

/** The metric depends on the learning rate only (plus a little noise); batch and schedule are noise. */
function synthetic(count: number, seed: number): ImportanceRow[] {
  const random = seededRandom(seed);
  const schedules = ['one-cycle', 'constant'];
  return Array.from({ length: count }, () => {
    const lr = 10 ** (-4 + 3 * random());
    const batch = 1 + Math.floor(random() * 16);
    const schedule = schedules[Math.floor(random() * 2)]!;
    const metric = 0.05 + (Math.log10(lr) + 2.5) ** 2 + 0.01 * random();
    return { values: { lr, batch, schedule }, metric };
  });
}

describe('parameter importance', () => {
  it('finds the parameter that drives the metric with a forest when there are enough runs', () => {
    const result = parameterImportance(synthetic(40, 5), ['lr', 'batch', 'schedule']);
    expect(result.method).toBe('forest');
    expect(result.runs).toBe(40);
    const [lr, batch, schedule] = result.scores.map((s) => s.score);
    expect(lr).toBeGreaterThan(0.6);
    expect(lr).toBeGreaterThan(3 * batch!);
    expect(lr).toBeGreaterThan(3 * schedule!);
    const total = result.scores.reduce((a, s) => a + s.score, 0);
    expect(total).toBeCloseTo(1, 6);
  });

  it('falls back to |Spearman| with few runs, and still ranks the driver first', () => {
    const rows: ImportanceRow[] = [1e-4, 1e-3, 1e-2, 3e-3, 3e-4].map((lr, i) => ({
      values: { lr, batch: [4, 2, 8, 2, 4][i]! },
      metric: 1 / lr,
    }));
    const result = parameterImportance(rows, ['lr', 'batch']);
    expect(result.method).toBe('correlation');
    expect(result.scores[0]).toEqual({ id: 'lr', score: 1 });
    expect(result.scores[1]!.score).toBeLessThan(0.5);
  });

  it('leaves out runs without a finite metric and gives a constant parameter 0', () => {
    const rows: ImportanceRow[] = [
      { values: { a: 1, b: 5 }, metric: 1 },
      { values: { a: 2, b: 5 }, metric: 2 },
      { values: { a: 3, b: 5 }, metric: Number.NaN },
      { values: { a: 4, b: 5 }, metric: 4 },
    ];
    const result = parameterImportance(rows, ['a', 'b']);
    expect(result.runs).toBe(3);
    expect(result.scores).toEqual([
      { id: 'a', score: 1 },
      { id: 'b', score: 0 },
    ]);
  });

  it('computes Spearman with ties as average ranks', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 1, 2, 2], [1, 2, 3, 4])).toBeCloseTo(0.894, 3);
  });
});
