import { describe, expect, it } from 'vitest';
import { formatExactCount, formatParameterCount } from './formatCount';

describe('parameter counts', () => {
  it('reads as students expect', () => {
    expect(formatParameterCount(692_320)).toBe('0.69 M');
    expect(formatParameterCount(10_990_336)).toBe('11.0 M');
    expect(formatParameterCount(2_345_678)).toBe('2.35 M');
    expect(formatParameterCount(14_496)).toBe('14.5 k');
    expect(formatParameterCount(999)).toBe('999');
    expect(formatExactCount(692_320)).toBe('692,320');
  });

  it('shows a dash for counts that are not whole numbers', () => {
    expect(formatParameterCount(1234.5)).toBe('–');
    expect(formatParameterCount(Number.NaN)).toBe('–');
    expect(formatExactCount(0.5)).toBe('–');
  });
});
