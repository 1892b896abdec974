import { describe, expect, it } from 'vitest';
import { formatDuration, formatLearningRate, formatMs, formatValue } from './format';

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
  it('writes every learning rate as mantissa and power of ten', () => {
    expect(formatLearningRate(1e-3)).toBe('1e-3');
    expect(formatLearningRate(0.003)).toBe('3e-3');
    expect(formatLearningRate(3e-4)).toBe('3e-4');
    expect(formatLearningRate(0.0025)).toBe('2.5e-3');
    expect(formatLearningRate(1.2345e-3)).toBe('1.23e-3');
    expect(formatLearningRate(0.01)).toBe('1e-2');
    expect(formatLearningRate(0.1)).toBe('1e-1');
    expect(formatLearningRate(1)).toBe('1e0');
    expect(formatLearningRate(9.999e-4)).toBe('1e-3');
    expect(formatLearningRate(0)).toBe('0');
    expect(formatLearningRate(Number.NaN)).toBe('NaN');
  });
});
