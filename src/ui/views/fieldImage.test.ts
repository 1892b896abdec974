import { describe, expect, it } from 'vitest';
import { COLORMAPS } from './colormaps';
import { INVALID_RGBA, fieldRange, formatTick, niceTicks, paintField } from './fieldImage';
import type { Field } from './fieldImage';

function field(values: number[], width = values.length, height = 1): Field {
  return { data: Float32Array.from(values), width, height };
}

describe('fieldRange', () => {
  it('ignores NaN and infinities', () => {
    expect(fieldRange(field([NaN, 1, -2, Infinity, 3, -Infinity]).data, false)).toEqual({
      min: -2,
      max: 3,
    });
  });

  it.each([[[5, 5, 5]], [[0, 0]], [[-1e-8]], [[NaN, NaN]], [[]]])(
    'widens the degenerate field %j so that max > min',
    (values) => {
      const r = fieldRange(Float32Array.from(values), false);
      expect(r.max).toBeGreaterThan(r.min);
      expect(Number.isFinite(r.min) && Number.isFinite(r.max)).toBe(true);
      const v = values.find(Number.isFinite);
      if (v !== undefined) {
        const stored = Math.fround(v);
        expect(r.min).toBeLessThan(stored);
        expect(r.max).toBeGreaterThan(stored);
      }
    },
  );

  it('gives [-m, m] with m = max |v| when symmetric', () => {
    expect(fieldRange(Float32Array.from([-1, 3, NaN]), true)).toEqual({ min: -3, max: 3 });
    expect(fieldRange(Float32Array.from([-4, 0.5]), true)).toEqual({ min: -4, max: 4 });
    const zero = fieldRange(Float32Array.from([0, 0]), true);
    expect(zero.max).toBeGreaterThan(0);
    expect(zero.min).toBe(-zero.max);
  });
});

describe('paintField', () => {
  const lut = COLORMAPS.viridis.lut;

  it('maps min to the first entry, max to the last, bad values to grey, and clamps', () => {
    const f = field([0, 1, NaN, -5, 7, Infinity, 0.5, -Infinity], 4, 2);
    const out = new Uint32Array(8);
    paintField(f, { min: 0, max: 1 }, lut, out);
    expect(Array.from(out)).toEqual([
      lut[0],
      lut[255],
      INVALID_RGBA,
      lut[0],
      lut[255],
      INVALID_RGBA,
      lut[128],
      INVALID_RGBA,
    ]);
  });

  it('splits the range into equal bins, one per entry', () => {
    const identity = Uint32Array.from({ length: 256 }, (_, i) => i);
    const values = [-10, -10 + 20 / 256 - 1e-4, -10 + 20 / 256 + 1e-4, 0, 9.99, 10];
    const out = new Uint32Array(values.length);
    paintField(field(values), { min: -10, max: 10 }, identity, out);
    expect(Array.from(out)).toEqual([0, 0, 1, 128, 255, 255]);
  });

  it('uses an invalid-value grey that no colormap contains', () => {
    for (const map of Object.values(COLORMAPS)) expect(map.lut).not.toContain(INVALID_RGBA);
  });

  it('rejects an output buffer that is too small', () => {
    expect(() => paintField(field([1, 2, 3]), { min: 0, max: 1 }, lut, new Uint32Array(2))).toThrow(
      RangeError,
    );
  });
});

function isNiceStep(step: number): boolean {
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  return [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-9);
}

describe('niceTicks', () => {
  it('gives round values for simple ranges', () => {
    expect(niceTicks({ min: 0, max: 1 })).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks({ min: -3.7, max: 12.1 })).toEqual([-2, 0, 2, 4, 6, 8, 10, 12]);
    expect(niceTicks({ min: -250, max: 980 })).toEqual([-200, 0, 200, 400, 600, 800]);
    expect(niceTicks({ min: 0.1, max: 0.7 }, 6)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('returns the single value of a degenerate range', () => {
    expect(niceTicks({ min: 2, max: 2 })).toEqual([2]);
    expect(niceTicks({ min: NaN, max: 1 })).toEqual([]);
  });

  it('stays in range, increases with a 1/2/5 × 10^k step, for many ranges', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 500; trial++) {
      const scale = 10 ** Math.floor(random() * 16 - 8);
      const a = (random() * 2 - 1) * scale;
      const b = a + random() * scale + 1e-12;
      const ticks = niceTicks({ min: a, max: b }, 5);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(11);
      const step = ticks[1]! - ticks[0]!;
      expect(isNiceStep(step)).toBe(true);
      ticks.forEach((t, i) => {
        expect(t).toBeGreaterThanOrEqual(a);
        expect(t).toBeLessThanOrEqual(b);
        if (i > 0) {
          expect(t).toBeGreaterThan(ticks[i - 1]!);
          expect(t - ticks[i - 1]!).toBeCloseTo(step, 9 - Math.log10(scale));
          // Every tick is an integer multiple of the step.
          expect(Math.abs(t / step - Math.round(t / step))).toBeLessThan(1e-6);
        }
      });
    }
  });
});

describe('formatTick', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [0.0012, '1.2e-3'],
    [0.05, '0.05'],
    [0.005, '5e-3'],
    [0.25, '0.25'],
    [120, '120'],
    [-3.5, '-3.5'],
    [1234.5, '1235'],
    [35000, '3.5e4'],
    [1e-7, '1e-7'],
    [0.333333, '0.333'],
  ])('formats %s as %s', (v, text) => {
    expect(formatTick(v)).toBe(text);
  });

  it('keeps enough decimals for the tick step', () => {
    const ticks = niceTicks({ min: 0.995, max: 1.005 });
    const step = ticks[1]! - ticks[0]!;
    const labels = ticks.map((t) => formatTick(t, step));
    expect(labels).toEqual(['0.996', '0.998', '1', '1.002', '1.004']);
    expect(formatTick(1.5e-5, 5e-6)).toBe('1.5e-5');
    expect(formatTick(0.3, 0.1)).toBe('0.3');
  });
});
