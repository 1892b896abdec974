/** Parameter counts as students read them: 0.69 M, 14.5 k, and in full with thousands separators. */

export function formatParameterCount(count: number): string {
  if (!Number.isFinite(count) || !Number.isInteger(count) || count < 0) return '–';
  if (count < 1000) return String(count);
  if (count < 100_000) return `${Number((count / 1000).toPrecision(3))} k`;
  const millions = count / 1e6;
  return `${millions.toFixed(millions < 10 ? 2 : 1)} M`;
}

export function formatExactCount(count: number): string {
  if (!Number.isFinite(count) || !Number.isInteger(count)) return '–';
  return count.toLocaleString('en-US');
}
