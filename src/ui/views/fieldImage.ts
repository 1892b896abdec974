import { packRgba } from './colormaps';

/** A scalar field on a grid, row-major: data[y * width + x], with y = 0 the top row as displayed. */
export type Field = { data: Float32Array; width: number; height: number };

export type ValueRange = { min: number; max: number };

/** Drawn for NaN and ±Infinity, so that bad values stand out instead of passing for min or max. */
export const INVALID_RGBA = packRgba(128, 128, 128);

/**
 * The range of the finite values. `symmetric` gives [-m, m] with m = max |v|, for diverging maps.
 * A degenerate range (constant or empty field) is widened so that max > min always holds.
 */
export function fieldRange(data: ArrayLike<number>, symmetric: boolean): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v - v is 0 only for finite v: NaN and ±Infinity give NaN.
    if (v - v !== 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return symmetric ? { min: -1, max: 1 } : { min: 0, max: 1 };
  if (symmetric) {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return { min: -m, max: m };
  }
  if (max > min) return { min, max };
  const pad = Math.abs(min) * 0.1 || 1;
  return { min: min - pad, max: max + pad };
}

/**
 * Writes one packed RGBA colour per cell into `out` (e.g. a Uint32Array over ImageData.data).
 * The range is split into lut.length equal bins: min lands on lut[0], max on the last entry, and
 * values outside the range are clamped. Runs in one pass without allocating.
 */
export function paintField(
  field: Field,
  range: ValueRange,
  lut: Uint32Array,
  out: Uint32Array,
): void {
  const { data, width, height } = field;
  const n = width * height;
  if (data.length < n) throw new RangeError(`Field data has ${data.length} values, needs ${n}`);
  if (out.length < n) throw new RangeError(`Output has ${out.length} pixels, needs ${n}`);
  const bins = lut.length;
  const last = bins - 1;
  const min = range.min;
  const span = range.max - range.min;
  const scale = span > 0 && Number.isFinite(span) ? bins / span : 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v - v !== 0) {
      out[i] = INVALID_RGBA;
      continue;
    }
    const k = (v - min) * scale;
    out[i] = lut[k <= 0 ? 0 : k >= last ? last : k | 0]!;
  }
}

/** Round tick values (steps of 1, 2 or 5 × 10^k) inside the range, about `count` of them. */
export function niceTicks(range: ValueRange, count = 5): number[] {
  const { min, max } = range;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (!(max > min)) return [min];
  const rawStep = (max - min) / Math.max(1, count);
  const power = Math.floor(Math.log10(rawStep));
  const error = rawStep / 10 ** power;
  const multiple =
    error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  const ticks: number[] = [];
  // Dividing by an integer inverse step keeps decimals exact (0.3, not 0.30000000000000004).
  if (power < 0) {
    const inverse = 10 ** -power / multiple;
    let i0 = Math.ceil(min * inverse);
    let i1 = Math.floor(max * inverse);
    if (i0 / inverse < min) i0++;
    if (i1 / inverse > max) i1--;
    for (let i = i0; i <= i1; i++) ticks.push(i / inverse);
  } else {
    const step = multiple * 10 ** power;
    let i0 = Math.ceil(min / step);
    let i1 = Math.floor(max / step);
    if (i0 * step < min) i0++;
    if (i1 * step > max) i1--;
    for (let i = i0; i <= i1; i++) ticks.push(i * step);
  }
  return ticks;
}

/**
 * A short label: 1.2e-3, 0.25, 120, 3.5e4. Given the tick `step`, fixed-point labels keep enough
 * decimals to tell neighbouring ticks apart (0.998, 1, 1.002).
 */
export function formatTick(v: number, step?: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const magnitude = Math.abs(v);
  if (magnitude >= 1e4 || magnitude < 1e-2) {
    const digits =
      step !== undefined && step > 0
        ? Math.min(6, Math.max(0, Math.floor(Math.log10(magnitude)) - Math.floor(Math.log10(step))))
        : 2;
    return compactExponential(v.toExponential(digits));
  }
  if (step !== undefined && step > 0 && Number.isFinite(step)) {
    return stripZeros(v.toFixed(decimalsOf(step)));
  }
  return magnitude >= 1000 ? String(Math.round(v)) : String(Number(v.toPrecision(3)));
}

function decimalsOf(step: number): number {
  for (let d = 0; d < 10; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * scaled) return d;
  }
  return 10;
}

function stripZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function compactExponential(s: string): string {
  const [mantissa = s, exponent = '0'] = s.split('e');
  return `${stripZeros(mantissa)}e${exponent.replace('+', '')}`;
}
