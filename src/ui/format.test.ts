import { describe, expect, it } from 'vitest';
import { formatDuration, formatMs, formatValue } from './format';

describe('formats', () => {
  it('writes durations the way people read them', () => {
    expect(formatDuration(0.25)).toBe('250 ms');
    expect(formatDuration(4.26)).toBe('4.3 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(7260)).toBe('2 h 01 min');
    expect(formatDuration(Number.NaN)).toBe('–');
    expect(formatMs(3.14159)).toBe('3.14 ms');
    expect(formatMs(2500)).toBe('2.5 s');
  });
  it('keeps three significant digits and uses exponents at the extremes', () => {
    expect(formatValue(0.123456)).toBe('0.123');
    expect(formatValue(1234.5)).toBe('1230');
    expect(formatValue(2.5e-5)).toBe('2.50e-5');
    expect(formatValue(0)).toBe('0');
  });
});
