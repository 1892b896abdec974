/** Small timing helpers shared by the kit's measurements. */

export const now = () => performance.now();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many repetitions of a `sampleMs` task fit in `capSeconds`, between 1 and `most`. */
export function repetitions(sampleMs: number, capSeconds: number, most: number): number {
  return Math.max(1, Math.min(most, Math.floor((capSeconds * 1000) / Math.max(sampleMs, 1e-3))));
}

/** A measurement left out, with the reason (never a made-up figure). */
export interface Skipped {
  skipped: string;
}

export interface Failed {
  error: string;
}

export function round(value: number, digits = 3): number {
  return Number(value.toPrecision(digits));
}
